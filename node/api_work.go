package node

import (
	"net/http"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/tasks"
)

// The data-work resources: tasks, seeds, votes, review, gold and points.

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

// GoldRequest is the body of POST /api/v1/datanets/{id}/gold.
type GoldRequest struct {
	Entries []GoldEntry `json:"entries"`
}

func (n *Node) postGold(w http.ResponseWriter, r *http.Request) {
	id, err := pathCID(r, "id")
	if err != nil {
		writeErr(w, err)
		return
	}
	var body GoldRequest
	if err := decodeBody(r, &body); err != nil {
		writeErr(w, err)
		return
	}
	k, err := n.MarkGold(r.Context(), id, body.Entries)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]int{"committed": k})
}

func (n *Node) getPoints(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	dn := q.Get("datanet")
	if dn != "" {
		c, err := cid.Decode(dn)
		if err != nil {
			writeErr(w, badRequest("datanet %q: %v", dn, err))
			return
		}
		dn = c.String()
	}
	epoch, err := queryInt(r, "epoch", n.CurrentEpoch())
	if err != nil {
		writeErr(w, err)
		return
	}
	limit, err := queryInt(r, "limit", 50)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, n.Points(dn, epoch, int(min(limit, 10000))))
}
