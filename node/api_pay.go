package node

import "net/http"

// APIKeyCreated is the answer to POST /api/v1/pay/keys: the key, shown
// this once, and its stored record.
type APIKeyCreated struct {
	Key string `json:"key"`
	APIKey
}

func (n *Node) postAPIKey(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Label string `json:"label"`
	}
	if r.ContentLength != 0 {
		if err := decodeBody(r, &req); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
	}
	key, k, err := n.keys.create(n.home.Account.Address(), req.Label)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	n.log.Info("api key created", "id", k.ID, "payer", k.Payer, "signer", k.Signer)
	writeJSON(w, http.StatusCreated, APIKeyCreated{Key: key, APIKey: k})
}

func (n *Node) listAPIKeys(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, n.keys.list())
}

func (n *Node) revokeAPIKey(w http.ResponseWriter, r *http.Request) {
	k, err := n.keys.revoke(r.PathValue("id"))
	if err != nil {
		writeErr(w, err)
		return
	}
	n.log.Info("api key revoked", "id", k.ID)
	writeJSON(w, http.StatusOK, k)
}

// requireAPIKey guards the OpenAI routes that generate: a live API key of
// this node, unless [gpu] free opens a free tier. The answer to a missing
// or bad key is 401 in OpenAI's error shape, code invalid_api_key, before
// any token is generated.
func (n *Node) requireAPIKey(h http.Handler) http.Handler {
	if n.cfg.GPU.Free {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			if _, err := n.keys.check(r.Header.Get("Authorization")); err != nil {
				openAIErrorCode(w, http.StatusUnauthorized, "invalid_api_key", err.Error())
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}
