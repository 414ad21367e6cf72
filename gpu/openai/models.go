package openai

import (
	"net/http"

	"github.com/provenet/provenet/gpu"
)

func (h *handler) modelJSON(m gpu.ModelInfo) modelJSON {
	owner := m.Owner
	if owner == "" {
		owner = "provenet"
	}
	return modelJSON{ID: m.ID, Object: "model", Created: h.created, OwnedBy: owner,
		Kind: m.Kind, Base: m.Base, CID: m.CID, Loaded: m.Loaded, MaxModelLen: m.ContextLength}
}

func (h *handler) listModels(w http.ResponseWriter, _ *http.Request) {
	list := modelListJSON{Object: "list", Data: []modelJSON{}}
	for _, m := range h.e.Models() {
		list.Data = append(list.Data, h.modelJSON(m))
	}
	writeJSON(w, http.StatusOK, list)
}

func (h *handler) getModel(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	for _, m := range h.e.Models() {
		if m.ID == id || (m.CID != "" && m.CID == id) {
			writeJSON(w, http.StatusOK, h.modelJSON(m))
			return
		}
	}
	h.writeError(w, http.StatusNotFound, "invalid_request_error", "model_not_found", "model",
		"model "+id+" does not exist")
}
