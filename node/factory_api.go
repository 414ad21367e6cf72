package node

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/chain"
)

// registerAdapterAsset records a trained adapter in the registry contract
// (owner: this node's account; base: the base model's asset) when a chain
// is configured; the provenance stays in provenance.json either way.
func (n *Node) registerAdapterAsset(ctx context.Context, p *Provenance) {
	if n.attr == nil || n.attr.chain == nil || !n.attr.chain.Enabled() {
		return
	}
	ac, err := cid.Decode(p.AdapterCID)
	if err != nil {
		return
	}
	base, err := cid.Decode(n.modelCID(p.Base))
	if err != nil {
		return
	}
	a := chain.Asset{ID: AssetID(ac), Owner: n.home.Account.Address(), Kind: chain.KindAdapter, BaseID: AssetID(base), CID: ac.Bytes()}
	if _, err := n.attr.chain.RegisterAsset(ctx, a); err != nil {
		n.log.Warn("factory: register adapter asset", "adapter", p.AdapterCID, "err", err)
	}
}

func (n *Node) postFactoryJob(w http.ResponseWriter, r *http.Request) {
	var req FactoryJobRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	job, err := n.startFactoryJob(req)
	switch {
	case errors.Is(err, ErrNoGrant):
		writeError(w, http.StatusForbidden, err)
	case errors.Is(err, ErrNoTrainer):
		w.Header().Set("Retry-After", "30")
		writeError(w, http.StatusServiceUnavailable, err)
	case err != nil:
		writeError(w, http.StatusBadRequest, err)
	default:
		writeJSON(w, http.StatusAccepted, n.jobView(job))
	}
}

func (n *Node) jobView(j *factoryJob) factoryJob {
	n.factory.mu.Lock()
	defer n.factory.mu.Unlock()
	v := *j
	v.cancel = nil
	return v
}

func (n *Node) listFactoryJobs(w http.ResponseWriter, r *http.Request) {
	n.factory.mu.Lock()
	jobs := make([]*factoryJob, 0, len(n.factory.jobs))
	for _, j := range n.factory.jobs {
		jobs = append(jobs, j)
	}
	n.factory.mu.Unlock()
	out := make([]factoryJob, 0, len(jobs))
	for _, j := range jobs {
		out = append(out, n.jobView(j))
	}
	sort.Slice(out, func(i, k int) bool { return out[i].ID < out[k].ID })
	writeJSON(w, http.StatusOK, map[string]any{"jobs": out})
}

func (n *Node) getFactoryJob(w http.ResponseWriter, r *http.Request) {
	n.factory.mu.Lock()
	j := n.factory.jobs[r.PathValue("id")]
	n.factory.mu.Unlock()
	if j == nil {
		writeError(w, http.StatusNotFound, errors.New("no such job"))
		return
	}
	writeJSON(w, http.StatusOK, n.jobView(j))
}

// resumeFactoryJob continues a cancelled or failed job from its last
// checkpoint, here or on the peer that trained it.
func (n *Node) resumeFactoryJob(w http.ResponseWriter, r *http.Request) {
	n.factory.mu.Lock()
	j := n.factory.jobs[r.PathValue("id")]
	n.factory.mu.Unlock()
	if j == nil {
		writeError(w, http.StatusNotFound, errors.New("no such job"))
		return
	}
	var err error
	if j.Peer != "" {
		_, err = n.resumeRemoteFactoryJob(j)
	} else {
		_, err = n.resumeLocalFactoryJob(j.ID, n.home.Account.Address(), false)
	}
	switch {
	case errors.Is(err, ErrNoGrant):
		writeError(w, http.StatusForbidden, err)
	case err != nil:
		writeError(w, http.StatusConflict, err)
	default:
		writeJSON(w, http.StatusAccepted, n.jobView(j))
	}
}

func (n *Node) cancelFactoryJob(w http.ResponseWriter, r *http.Request) {
	n.factory.mu.Lock()
	j := n.factory.jobs[r.PathValue("id")]
	n.factory.mu.Unlock()
	if j == nil {
		writeError(w, http.StatusNotFound, errors.New("no such job"))
		return
	}
	n.factory.cancel(j)
	w.WriteHeader(http.StatusNoContent)
}

// postAccess: {"datanet", "grantee"?, "ttl"?}. With a grantee, this node
// (the datanet's owner) grants it access; without, this node requests
// access for itself. Either way the signed message is gossiped.
func (n *Node) postAccess(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Datanet string   `json:"datanet"`
		Grantee string   `json:"grantee"`
		TTL     Duration `json:"ttl"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<12)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	m := accessMsg{Kind: "request", Datanet: req.Datanet, Address: n.home.Account.Address().Bytes()}
	if req.Grantee != "" {
		if !common.IsHexAddress(req.Grantee) {
			writeError(w, http.StatusBadRequest, errors.New("grantee: want a 0x address"))
			return
		}
		ttl := req.TTL.D()
		if ttl < 0 {
			writeErr(w, badRequest("ttl %s: want a positive duration, or none for 30 days", ttl))
			return
		}
		if ttl == 0 {
			ttl = 30 * 24 * time.Hour
		}
		m = accessMsg{Kind: "grant", Datanet: req.Datanet, Address: common.HexToAddress(req.Grantee).Bytes(), Expires: n.clock.Now().Add(ttl).UnixMilli()}
	}
	m, err := n.publishAccess(r.Context(), m)
	switch {
	case errors.Is(err, ErrBadGrant):
		writeError(w, http.StatusForbidden, err)
	case err != nil:
		writeError(w, http.StatusBadRequest, err)
	default:
		writeJSON(w, http.StatusCreated, accessView(m))
	}
}

func accessView(m accessMsg) map[string]any {
	v := map[string]any{"kind": m.Kind, "datanet": m.Datanet, "address": common.BytesToAddress(m.Address).Hex(), "at": time.UnixMilli(m.At).UTC()}
	if m.Kind == "grant" {
		v["expires"] = time.UnixMilli(m.Expires).UTC()
	}
	return v
}

// getAccess lists the requests and grants this node has seen.
func (n *Node) getAccess(w http.ResponseWriter, r *http.Request) {
	n.grants.mu.Lock()
	var out []map[string]any
	for _, set := range []map[[2]string]accessMsg{n.grants.requests, n.grants.grants} {
		for _, m := range set {
			out = append(out, accessView(m))
		}
	}
	n.grants.mu.Unlock()
	sort.Slice(out, func(i, k int) bool { return out[i]["at"].(time.Time).Before(out[k]["at"].(time.Time)) })
	writeJSON(w, http.StatusOK, map[string]any{"access": out})
}
