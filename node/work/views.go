package work

import (
	"cmp"
	"maps"
	"slices"
	"strings"

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
	Pending int                   `json:"pending"` // records not final (counted at most once a scan interval)
	Kinds   map[string]KindCounts `json:"kinds"`   // classify and validate work over those records; crawl tasks are in Crawls
	Crawls  []CrawlProgress       `json:"crawls"`
}

// TasksInfo reports the work state.
func (w *Service) TasksInfo() TasksInfo {
	ts, rs := w.store.Counts()
	info := TasksInfo{Enabled: w.cfg.Enabled, Stored: map[string]int{"crawl_tasks": ts, "results": rs}, Crawls: w.Progress()}
	info.Done = w.Done()
	var kinds map[string]KindCounts
	info.Pending, kinds = w.backlogCounts()
	info.Kinds = maps.Clone(kinds)
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
// (unsure ones flagged), the validators' votes and the outcome, with what
// a reviewer reads first: the suggestion, an excerpt, the age and whether
// the record nearly duplicates an earlier one.
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

	// Suggested is the classifiers' suggestion (see suggest) and
	// Confidence its calibrated confidence; Sure is false when no
	// classifier offered a label with confidence at or above [tasks]
	// confidence.
	Suggested  string  `json:"suggested_label,omitempty"`
	Confidence float64 `json:"confidence"`
	Sure       bool    `json:"sure"`
	// Excerpt is the start of Content on one line (datanet.Excerpt).
	Excerpt string `json:"excerpt"`
	// CreatedAt is the record's signed time (unix ms); PendingAgeMS how
	// long it has been pending: until now, or until its decision.
	CreatedAt    int64 `json:"created_at"`
	PendingAgeMS int64 `json:"pending_age_ms"`
	// Redundant names the earlier record of the Datanet this one nearly
	// duplicates (near-duplicate detection, datanet/dedup).
	Redundant *Redundancy `json:"redundant,omitempty"`
}

func answers(rs []*tasks.Result) []Answer {
	out := make([]Answer, 0, len(rs))
	for _, r := range rs {
		out = append(out, Answer{Worker: r.Worker.Hex(), Accept: r.Accept, Label: r.Label,
			Confidence: float64(r.Confidence) / 1000, Unsure: r.Unsure, At: r.CreatedAt})
	}
	return out
}

// suggest picks the classifiers' suggestion from their answers: the most
// confident sure answer with a label, else the most confident answer with
// a label (unsure); ties go to the earlier answer, then the lower worker
// address. sure is false when no answer is sure.
func suggest(as []Answer) (label string, confidence float64, sure bool) {
	var best *Answer
	better := func(a, b *Answer) bool {
		if a.Unsure != b.Unsure {
			return !a.Unsure
		}
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		if a.At != b.At {
			return a.At < b.At
		}
		return a.Worker < b.Worker
	}
	for i := range as {
		if a := &as[i]; a.Label != "" && (best == nil || better(a, best)) {
			best = a
		}
	}
	if best == nil {
		return "", 0, false
	}
	return best.Label, best.Confidence, !best.Unsure
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
	return w.recordWork(dn, r, w.d.Clock.Now().UnixMilli()), nil
}

func (w *Service) recordWork(dn *datanet.Datanet, r *datanet.StoredRecord, now int64) RecordWork {
	rw := RecordWork{Record: r.CID.String(), Datanet: dn.ID().String(), Content: r.Content, Source: r.Source,
		Label: r.Label, State: r.State.String(), Quorum: dn.Quorum,
		Classify:  answers(w.store.Results(tasks.Derive(tasks.KindClassify, dn.ID(), r.CID).ID())),
		Votes:     answers(w.store.Results(tasks.Derive(tasks.KindValidate, dn.ID(), r.CID).ID())),
		Excerpt:   datanet.Excerpt(r.Content, datanet.ExcerptRunes),
		CreatedAt: r.CreatedAt, Redundant: w.Redundant(dn.ID(), r.CID)}
	rw.Suggested, rw.Confidence, rw.Sure = suggest(rw.Classify)
	until := now
	if o := w.outcome(dn, r.CID); o.Final {
		rw.Final = true
		rw.Verdict = &Answer{Accept: o.Verdict.Accept, Label: o.Verdict.Label, At: o.DecidedAt}
		until = o.DecidedAt
	}
	rw.PendingAgeMS = max(until-r.CreatedAt, 0)
	return rw
}

// ReviewQueue lists pending records this node, as a whitelisted validator,
// has not voted on yet: what a person reviews. Unsure records (no
// classifier offered a confident label) come first, then the oldest first
// (by signed time, then CID), over all the Datanets it validates.
func (w *Service) ReviewQueue(limit int) ([]RecordWork, error) {
	me := w.d.Account.Address()
	dns, err := w.data.ListDatanets()
	if err != nil {
		return nil, err
	}
	type item struct { // the record itself is read again for the first limit
		dn      *datanet.Datanet
		rec     cid.Cid
		created int64
		unsure  bool
	}
	var items []item
	pending := datanet.StatePending
	for _, dn := range dns {
		if !dn.IsValidator(me) {
			continue
		}
		var after uint64
		for {
			recs, next, err := w.data.ListRecords(datanet.Query{Datanet: dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				if w.store.HasResult(tasks.Derive(tasks.KindValidate, dn.ID(), r.CID).ID(), me) {
					continue
				}
				_, _, sure := suggest(answers(w.store.Results(tasks.Derive(tasks.KindClassify, dn.ID(), r.CID).ID())))
				items = append(items, item{dn, r.CID, r.CreatedAt, !sure})
			}
			if next == 0 || len(recs) == 0 {
				break
			}
			after = next
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		if a.unsure != b.unsure {
			if a.unsure {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.created, b.created), strings.Compare(a.rec.String(), b.rec.String()))
	})
	now := w.d.Clock.Now().UnixMilli()
	out := make([]RecordWork, 0, min(len(items), limit))
	for _, it := range items {
		if len(out) == limit {
			break
		}
		r, err := w.data.GetRecord(it.rec)
		if err != nil || r.State != datanet.StatePending {
			continue // decided since it was listed
		}
		out = append(out, w.recordWork(it.dn, r, now))
	}
	return out, nil
}

// Unsure reports that no classifier offered a confident label: the
// records a person should look at first.
func (rw RecordWork) Unsure() bool {
	_, _, sure := suggest(rw.Classify)
	return !sure
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
