package openai

import (
	"net/http"

	"github.com/provenet/provenet/gpu"
)

func (h *handler) modelJSON(m gpu.ModelInfo) ModelCard { return NewModelCard(m, h.created) }

func (h *handler) listModels(w http.ResponseWriter, _ *http.Request) {
	list := modelListJSON{Object: "list", Data: []ModelCard{}}
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
	h.writeError(w, http.StatusNotFound, "invalid_request_error", "model_not_found", "model", ModelNotFound(id))
}

// ModelNotFound is the message of GET /v1/models/{id} for a model that no
// node serves, the same on serving and routing nodes.
func ModelNotFound(id string) string { return "model " + id + " does not exist" }
