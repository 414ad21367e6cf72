package node

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/openai"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/pay"
)

// openAIHandler serves the OpenAI-compatible routes. A model this node
// serves runs on its engine; any other model is routed over libp2p to a
// GPU peer that advertises it (ProtoInfer), with the answer streamed back.
// Without a local engine or a peer, the answer is 404 model_not_found, as
// the GPU node answers (503 while no GPU peer at all is known).
func (n *Node) openAIHandler() http.Handler {
	opts := openai.Options{MaxBodyBytes: 1 << 20, DefaultMaxTokens: n.cfg.GPU.DefaultMaxTokens, Logger: n.log.With("svc", "openai"),
		Extra:    n.ReceiptExtra, // x_provenet: the receipt id and the records the answer drew on
		Rejected: n.inferRejected}
	n.oaCreated = n.clock.Now().Unix()
	switch {
	case n.infer == nil:
		n.localOpenAI = openai.Handler(nil, opts)
	case n.payments() != nil:
		n.localOpenAI = openai.Handler(payEngine{Engine: n.infer.eng, pay: n.payments()}, opts)
	default:
		n.localOpenAI = openai.Handler(n.infer.eng, opts)
	}
	return http.HandlerFunc(n.serveOpenAI)
}

func (n *Node) serveOpenAI(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && n.infer == nil {
		// A node without an engine answers for the models its GPU peers
		// advertise, with the GPU node's cards.
		switch id, one := strings.CutPrefix(r.URL.Path, "/v1/models/"); {
		case r.URL.Path == "/v1/models":
			n.listRemoteModels(w)
			return
		case one && id != "":
			n.getRemoteModel(w, id)
			return
		}
	}
	if r.Method != http.MethodPost || !inferPaths[r.URL.Path] {
		n.localOpenAI.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInferRequest))
	if err != nil {
		n.inferRejected(gpu.RejectBadRequest)
		openAIErrorCode(w, http.StatusRequestEntityTooLarge, "request_too_large", "request body too large")
		return
	}
	var head struct {
		Model string `json:"model"`
	}
	_ = json.Unmarshal(body, &head) // the handler reports malformed bodies
	wal := walletFrom(r.Context())
	if wal != nil && !oneChoice(body) {
		n.inferRejected(gpu.RejectBadRequest)
		openAIErrorCode(w, http.StatusBadRequest, "invalid_value", payments.ErrOneChoice.Error())
		return
	}
	if n.infer == nil || !n.servesLocally(head.Model) {
		if p, ad, ok := n.pickGPUPeer(head.Model); ok {
			n.proxyInference(w, r, p, ad, r.URL.Path, head.Model, body, wal)
			return
		}
		if n.infer == nil {
			n.noGPUPeer(w, head.Model)
			return
		}
	}
	if body, err = n.withRAG(r.URL.Path, body); err != nil {
		n.inferRejected(gpu.RejectBadRequest)
		openAIError(w, http.StatusBadRequest, err.Error())
		return
	}
	if wal != nil {
		// The payer's key is here and so is the engine: this node signs
		// the authorization for itself as the operator and its gate
		// checks it like any other.
		pr, err := n.authorizeLocal(wal, head.Model)
		if err != nil {
			n.payError(w, err)
			return
		}
		defer n.payments().ReleaseUnused(pr) // a body the handler refuses frees the reservation
		r = r.WithContext(payments.WithPaid(r.Context(), pr))
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	n.localOpenAI.ServeHTTP(w, r)
}

// authorizeLocal authorizes, with the payer's wallet, a request that this
// node serves, and admits it at its own gate.
func (n *Node) authorizeLocal(wal *pay.Wallet, model string) (*payments.Paid, error) {
	p := n.payments()
	if p == nil || !p.Operating() {
		return nil, payments.ErrNotOperator
	}
	sa, err := p.Authorize(wal, n.home.Account.Address(), model, p.PricesOf(model), n.cfg.GPU.MaxContext)
	if err != nil {
		return nil, err
	}
	return p.Admit(sa, wal)
}

// noGPUPeer answers, on a node without an engine, a request for a model
// that no live GPU peer advertises: 404 model_not_found, as the GPU node
// answers a model it does not serve (so that clients do not retry it as an
// outage), or 503 when no GPU peer at all is known.
func (n *Node) noGPUPeer(w http.ResponseWriter, model string) {
	if len(n.gpuAds.live(n.clock.Now(), n.adTTL())) == 0 {
		openAIErrorCode(w, http.StatusServiceUnavailable, "service_unavailable",
			fmt.Sprintf("no GPU peer is known to serve model %q, and this node has no inference role", model))
		return
	}
	n.inferRejected(gpu.RejectUnknownModel)
	openAIErrorCode(w, http.StatusNotFound, "model_not_found",
		fmt.Sprintf("%v: %q (no GPU peer advertises it, and this node has no inference role)", gpu.ErrUnknownModel, model))
}

// inferenceMetrics are the engine's metrics on the node's registry (nil
// when the node's metrics are not Prometheus'). A node without an engine
// has them too: it counts the requests it refuses.
func (n *Node) inferenceMetrics() *engine.PromMetrics {
	n.inferMetricsOnce.Do(func() {
		if pm, ok := n.metrics.(*PromMetrics); ok {
			m, err := engine.NewPromMetrics(pm.Registry())
			if err != nil {
				n.log.Warn("inference metrics", "err", err)
				return
			}
			n.inferMetrics = m
		}
	})
	return n.inferMetrics
}

// inferRejected counts an inference request refused for reason (one of
// gpu.RejectReasons).
func (n *Node) inferRejected(reason string) {
	if m := n.inferenceMetrics(); m != nil && reason != "" {
		m.Rejected(reason)
	}
}

// payError answers a refused payment in OpenAI's shape: 402
// insufficient_funds, 503 when the escrow cannot be asked; a refusal is
// counted by its reason.
func (n *Node) payError(w http.ResponseWriter, err error) {
	n.inferRejected(gpu.RejectReason(err))
	switch {
	case errors.Is(err, payments.ErrPaymentRequired):
		openAIErrorCode(w, http.StatusPaymentRequired, "insufficient_funds", err.Error())
	case errors.Is(err, payments.ErrEscrowUnavailable), errors.Is(err, gpu.ErrDisabled):
		openAIErrorCode(w, http.StatusServiceUnavailable, "service_unavailable", err.Error())
	case errors.Is(err, gpu.ErrBadRequest):
		openAIErrorCode(w, http.StatusBadRequest, "invalid_value", err.Error())
	default:
		openAIError(w, http.StatusInternalServerError, err.Error())
	}
}

// servesLocally reports whether this node's engine should answer for
// model: a base or adapter it holds, or an adapter CID that a peer
// advertises for a base this node runs (fetched by CID on first use).
func (n *Node) servesLocally(model string) bool {
	bases := map[string]bool{}
	for _, m := range n.infer.eng.Models() {
		if m.ID == model || (m.CID != "" && m.CID == model) {
			return true
		}
		if m.Kind == "base" {
			bases[m.ID] = true
		}
	}
	for _, ad := range n.gpuAds.live(n.clock.Now(), n.adTTL()) {
		for _, m := range ad.Models {
			if m.Kind == "adapter" && m.CID == model && bases[m.Base] {
				return true
			}
		}
	}
	return false
}

// remoteModel is a GPU peer's model as a node without an engine lists
// it: the GPU node's own card, and the peer that serves it at what price.
type remoteModel struct {
	openai.ModelCard
	Peer       string `json:"peer"`
	PricePer1k uint64 `json:"price_per_1k"`
}

func (n *Node) remoteModel(p peer.ID, ad gpuAd, m gpu.ModelInfo) remoteModel {
	return remoteModel{ModelCard: openai.NewModelCard(m, n.oaCreated), Peer: p.String(), PricePer1k: ad.PricePer1k}
}

// listRemoteModels answers /v1/models on a node without an engine with the
// models its GPU peers advertise, one entry per model and peer.
func (n *Node) listRemoteModels(w http.ResponseWriter) {
	data := []remoteModel{}
	for p, ad := range n.gpuAds.live(n.clock.Now(), n.adTTL()) {
		for _, m := range ad.Models {
			data = append(data, n.remoteModel(p, ad, m))
		}
	}
	sort.Slice(data, func(i, j int) bool {
		if data[i].ID != data[j].ID {
			return data[i].ID < data[j].ID
		}
		return data[i].Peer < data[j].Peer
	})
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}

// getRemoteModel answers GET /v1/models/{id} on a node without an engine:
// the card of the peer a request for id would be routed to, or 404
// model_not_found as on the GPU node.
func (n *Node) getRemoteModel(w http.ResponseWriter, id string) {
	if p, ad, ok := n.pickGPUPeer(id); ok {
		for _, m := range ad.Models {
			if m.ID == id || (m.CID != "" && m.CID == id) {
				writeJSON(w, http.StatusOK, n.remoteModel(p, ad, m))
				return
			}
		}
	}
	openAIErrorParam(w, http.StatusNotFound, "model_not_found", "model", openai.ModelNotFound(id))
}

// getUsage lists the most recent usage records of this node's inference.
func (n *Node) getUsage(w http.ResponseWriter, r *http.Request) {
	if n.infer == nil {
		writeError(w, http.StatusServiceUnavailable, gpu.ErrDisabled)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"usage": n.infer.recent()})
}

// listAdapters shows every registered adapter with its cache statistics:
// loads, hits, misses, load latency, residency and pins.
func (n *Node) listAdapters(w http.ResponseWriter, r *http.Request) {
	if n.infer == nil {
		writeError(w, http.StatusServiceUnavailable, gpu.ErrDisabled)
		return
	}
	type row struct {
		gpu.ModelInfo
		Loads       int64     `json:"loads"`
		Hits        int64     `json:"hits"`
		Misses      int64     `json:"misses"`
		LastLoadMs  float64   `json:"last_load_ms"`
		TotalLoadMs float64   `json:"total_load_ms"`
		Pinned      int       `json:"pinned"`
		Bytes       int64     `json:"bytes"`
		LastUsed    time.Time `json:"last_used,omitzero"`
	}
	c := n.infer.lib.Cache()
	used, budget, count := c.Usage()
	var rows []row
	for _, m := range n.infer.lib.List() {
		st, _ := c.Stats(m.CID)
		rows = append(rows, row{ModelInfo: m, Loads: st.Loads, Hits: st.Hits, Misses: st.Misses,
			LastLoadMs: float64(st.LastLoad.Microseconds()) / 1000, TotalLoadMs: float64(st.TotalLoad.Microseconds()) / 1000,
			Pinned: st.Pinned, Bytes: st.Bytes, LastUsed: st.LastUsed})
	}
	// skipped: folders of the adapter directory that could not be used,
	// with the reason, so an operator sees why an adapter is missing.
	skipped := n.infer.lib.Skipped()
	if skipped == nil {
		skipped = []engine.SkippedAdapter{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"adapters": rows, "skipped": skipped, "resident_bytes": used, "budget_bytes": budget, "resident": count})
}

// postAdapter registers a PEFT adapter directory on this node: {"name",
// "dir"}. It loads on first use.
func (n *Node) postAdapter(w http.ResponseWriter, r *http.Request) {
	if n.infer == nil {
		writeError(w, http.StatusServiceUnavailable, gpu.ErrDisabled)
		return
	}
	var req struct {
		Name string `json:"name"`
		Dir  string `json:"dir"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil || req.Name == "" || req.Dir == "" {
		writeError(w, http.StatusBadRequest, fmt.Errorf("want {\"name\": ..., \"dir\": ...}: %v", err))
		return
	}
	info, err := n.infer.lib.Add(req.Name, req.Dir)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	writeJSON(w, http.StatusCreated, info)
}

// deleteAdapter unloads an adapter from memory (it stays registered and
// reloads on next use). An adapter in use by a running request is not
// unloaded: 409.
func (n *Node) deleteAdapter(w http.ResponseWriter, r *http.Request) {
	if n.infer == nil {
		writeError(w, http.StatusServiceUnavailable, gpu.ErrDisabled)
		return
	}
	info, ok := n.infer.lib.Resolve(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, gpu.ErrUnknownModel)
		return
	}
	err := n.infer.lib.Cache().Remove(info.CID)
	switch {
	case err == nil:
		w.WriteHeader(http.StatusNoContent)
	case errors.Is(err, adaptercache.ErrPinned):
		writeError(w, http.StatusConflict, err)
	default:
		writeError(w, http.StatusNotFound, err)
	}
}
