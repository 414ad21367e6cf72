package work

// WorkCounts counts what this node did since it started.
type WorkCounts struct {
	Crawled    int `json:"crawled"`
	Classified int `json:"classified"`
	Voted      int `json:"voted"`
	Finalised  int `json:"finalised"`
}

// CrawlProgress is the progress of one crawl task.
type CrawlProgress struct {
	Task     string `json:"task"`
	Datanet  string `json:"datanet"`
	Target   string `json:"target"`
	MaxPages uint32 `json:"max_pages"`
	Worker   string `json:"worker,omitempty"`
	State    string `json:"state"`  // queued, running, done, failed
	Queued   int    `json:"queued"` // URLs waiting in the crawl's frontier
	Fetched  int    `json:"fetched"`
	Pages    int    `json:"pages"`
	Failed   int    `json:"failed"`
	Records  int    `json:"records"`
	Error    string `json:"error,omitempty"`
}

// Done is what this node did since it started.
func (w *Service) Done() WorkCounts {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.done
}
