package node

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/openai"
)

// openAIHandler serves the OpenAI-compatible routes from this node's
// engine; a node without the inference role answers 503.
func (n *Node) openAIHandler() http.Handler {
	opts := openai.Options{MaxBodyBytes: 1 << 20, DefaultMaxTokens: n.cfg.GPU.DefaultMaxTokens, Logger: n.log.With("svc", "openai")}
	if n.infer == nil {
		return openai.Handler(nil, opts)
	}
	return openai.Handler(n.infer.eng, opts)
}

// getUsage lists the most recent usage records of this node's inference.
func (n *Node) getUsage(w http.ResponseWriter, r *http.Request) {
	if n.infer == nil {
		writeError(w, http.StatusServiceUnavailable, gpu.ErrDisabled)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"usage": n.infer.recent()})
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
