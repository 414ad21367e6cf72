package node

import (
	"net/http"
	"time"

	"github.com/ipfs/go-cid"

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
