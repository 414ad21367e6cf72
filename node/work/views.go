package work

import (
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
)

// TasksInfo is the body of GET /api/v1/tasks.
type TasksInfo struct {
	Enabled bool                  `json:"enabled"`
	Workers []string              `json:"workers"` // live workers, by address
	Stored  map[string]int        `json:"stored"`  // crawl tasks and results this node holds
	Done    WorkCounts            `json:"done"`    // what this node did since it started
	Pending int                   `json:"pending"` // records not final, at the last scan
	Kinds   map[string]KindCounts `json:"kinds"`   // classify and validate work over those records; crawl tasks are in Crawls
	Crawls  []CrawlProgress       `json:"crawls"`
}

// TasksInfo reports the work state.
func (w *Service) TasksInfo() TasksInfo {
	ts, rs := w.store.Counts()
	info := TasksInfo{Enabled: w.cfg.Enabled, Stored: map[string]int{"crawl_tasks": ts, "results": rs}, Crawls: w.Progress()}
	w.mu.Lock()
	info.Done, info.Pending = w.done, w.pending
	info.Kinds = map[string]KindCounts{}
	for k, c := range w.kinds {
		info.Kinds[k] = *c
	}
	w.mu.Unlock()
	for _, a := range w.LiveWorkers() {
		info.Workers = append(info.Workers, a.Hex())
	}
	return info
}

// Answer is one classify result or vote, as the API shows it.
type Answer struct {
	Worker     string  `json:"worker"`
	Accept     bool    `json:"accept"`
	Label      string  `json:"label,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	Unsure     bool    `json:"unsure,omitempty"`
	At         int64   `json:"at"`
}

// RecordWork is the data work on one record: the classifiers' suggestions
// (unsure ones flagged), the validators' votes and the outcome.
type RecordWork struct {
	Record   string   `json:"record"`
	Datanet  string   `json:"datanet"`
	Content  string   `json:"content"`
	Source   string   `json:"source,omitempty"`
	Label    string   `json:"submitted_label,omitempty"`
	State    string   `json:"state"`
	Classify []Answer `json:"classify"`
	Votes    []Answer `json:"votes"`
	Final    bool     `json:"final"`
	Verdict  *Answer  `json:"verdict,omitempty"`
	Quorum   uint32   `json:"quorum"`
}

func answers(rs []*tasks.Result) []Answer {
	out := make([]Answer, 0, len(rs))
	for _, r := range rs {
		out = append(out, Answer{Worker: r.Worker.Hex(), Accept: r.Accept, Label: r.Label,
			Confidence: float64(r.Confidence) / 1000, Unsure: r.Unsure, At: r.CreatedAt})
	}
	return out
}

// RecordWork reports the work on a record.
func (w *Service) RecordWork(c cid.Cid) (RecordWork, error) {
	r, err := w.data.GetRecord(c)
	if err != nil {
		return RecordWork{}, err
	}
	dn, err := w.data.GetDatanet(r.Datanet)
	if err != nil {
		return RecordWork{}, err
	}
	return w.recordWork(dn, r), nil
}

func (w *Service) recordWork(dn *datanet.Datanet, r *datanet.StoredRecord) RecordWork {
	rw := RecordWork{Record: r.CID.String(), Datanet: dn.ID().String(), Content: r.Content, Source: r.Source,
		Label: r.Label, State: r.State.String(), Quorum: dn.Quorum,
		Classify: answers(w.store.Results(tasks.Derive(tasks.KindClassify, dn.ID(), r.CID).ID())),
		Votes:    answers(w.store.Results(tasks.Derive(tasks.KindValidate, dn.ID(), r.CID).ID()))}
	if o := w.outcome(dn, r.CID); o.Final {
		rw.Final = true
		rw.Verdict = &Answer{Accept: o.Verdict.Accept, Label: o.Verdict.Label, At: o.DecidedAt}
	}
	return rw
}

// ReviewQueue lists pending records this node, as a whitelisted validator,
// has not voted on yet, unsure ones first: what a person reviews.
func (w *Service) ReviewQueue(limit int) ([]RecordWork, error) {
	me := w.d.Account.Address()
	dns, err := w.data.ListDatanets()
	if err != nil {
		return nil, err
	}
	var sure, unsure []RecordWork
	pending := datanet.StatePending
	for _, dn := range dns {
		if !dn.IsValidator(me) {
			continue
		}
		var after uint64
		for len(sure)+len(unsure) < limit {
			recs, next, err := w.data.ListRecords(datanet.Query{Datanet: dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				if w.store.HasResult(tasks.Derive(tasks.KindValidate, dn.ID(), r.CID).ID(), me) {
					continue
				}
				rw := w.recordWork(dn, r)
				if rw.Unsure() {
					unsure = append(unsure, rw)
				} else {
					sure = append(sure, rw)
				}
			}
			if next == 0 || len(recs) == 0 {
				break
			}
			after = next
		}
	}
	out := append(unsure, sure...)
	return out[:min(len(out), limit)], nil
}

// Unsure reports that no classifier offered a confident label: the
// records a person should look at first.
func (rw RecordWork) Unsure() bool {
	for _, a := range rw.Classify {
		if !a.Unsure && a.Label != "" {
			return false
		}
	}
	return true
}

// Join fills in a decided record's Final (label, decision time, epoch)
// from its votes: every reader of records (the API, export, the review
// queue, Model Factory's data) shows the final label through it.
func (w *Service) Join(r *datanet.StoredRecord) {
	if r == nil || r.State == datanet.StatePending {
		return
	}
	dn, err := w.data.GetDatanet(r.Datanet)
	if err != nil {
		return
	}
	if o := w.outcome(dn, r.CID); o.Final {
		r.Final = &datanet.Final{Label: o.Verdict.Label, DecidedAt: o.DecidedAt, Epoch: w.Epoch(o.DecidedAt)}
	}
}
