package node

import (
	"net/http"
	"time"

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
func (n *Node) TasksInfo() TasksInfo {
	w := n.work
	ts, rs := w.store.Counts()
	info := TasksInfo{Enabled: n.cfg.Tasks.Enabled, Stored: map[string]int{"crawl_tasks": ts, "results": rs}, Crawls: w.Progress()}
	w.mu.Lock()
	info.Done, info.Pending = w.done, w.pending
	info.Kinds = map[string]KindCounts{}
	for k, c := range w.kinds {
		info.Kinds[k] = *c
	}
	w.mu.Unlock()
	for _, a := range w.liveWorkers(time.Now()) {
		info.Workers = append(info.Workers, a.Hex())
	}
	return info
}

func (n *Node) getTasks(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, n.TasksInfo())
}

// SeedRequest is the body of POST /api/v1/datanets/{id}/seed.
type SeedRequest struct {
	URLs     []string `json:"urls"`
	Root     string   `json:"root"`
	MaxPages int      `json:"max_pages"`
}

func (n *Node) postSeed(w http.ResponseWriter, r *http.Request) {
	id, err := pathCID(r, "id")
	if err != nil {
		writeErr(w, err)
		return
	}
	var body SeedRequest
	if err := decodeBody(r, &body); err != nil {
		writeErr(w, err)
		return
	}
	ts, err := n.Seed(r.Context(), id, body.URLs, body.Root, body.MaxPages)
	if err != nil {
		writeErr(w, err)
		return
	}
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.ID().String()
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"tasks": ids})
}

// VoteRequest is the body of POST /api/v1/votes: this node, as a
// whitelisted validator, accepts a record with a label or rejects it.
type VoteRequest struct {
	Record string `json:"record"`
	Accept bool   `json:"accept"`
	Label  string `json:"label"`
}

func (n *Node) postVote(w http.ResponseWriter, r *http.Request) {
	var body VoteRequest
	if err := decodeBody(r, &body); err != nil {
		writeErr(w, err)
		return
	}
	c, err := cid.Decode(body.Record)
	if err != nil {
		writeErr(w, badRequest("record %q: %v", body.Record, err))
		return
	}
	res, err := n.Vote(r.Context(), c, tasks.Verdict{Accept: body.Accept, Label: body.Label})
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"result": res.ID().String()})
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
func (n *Node) RecordWork(c cid.Cid) (RecordWork, error) {
	r, err := n.store.GetRecord(c)
	if err != nil {
		return RecordWork{}, err
	}
	dn, err := n.store.GetDatanet(r.Datanet)
	if err != nil {
		return RecordWork{}, err
	}
	return n.recordWork(dn, r), nil
}

func (n *Node) recordWork(dn *datanet.Datanet, r *datanet.StoredRecord) RecordWork {
	w := n.work
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

func (n *Node) getRecordWork(w http.ResponseWriter, r *http.Request) {
	c, err := pathCID(r, "cid")
	if err != nil {
		writeErr(w, err)
		return
	}
	rw, err := n.RecordWork(c)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rw)
}

// ReviewQueue lists pending records this node, as a whitelisted validator,
// has not voted on yet, unsure ones first: what a person reviews.
func (n *Node) ReviewQueue(limit int) ([]RecordWork, error) {
	me := n.home.Account.Address()
	dns, err := n.store.ListDatanets()
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
			recs, next, err := n.store.ListRecords(datanet.Query{Datanet: dn.ID(), State: &pending, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				if n.work.store.HasResult(tasks.Derive(tasks.KindValidate, dn.ID(), r.CID).ID(), me) {
					continue
				}
				rw := n.recordWork(dn, r)
				if isUnsure(rw) {
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

// isUnsure: no classifier offered a confident label.
func isUnsure(rw RecordWork) bool {
	for _, a := range rw.Classify {
		if !a.Unsure && a.Label != "" {
			return false
		}
	}
	return true
}

func (n *Node) getReview(w http.ResponseWriter, r *http.Request) {
	limit, err := queryInt(r, "limit", 50)
	if err != nil {
		writeErr(w, err)
		return
	}
	q, err := n.ReviewQueue(int(min(limit, 1000)))
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"records": q})
}
