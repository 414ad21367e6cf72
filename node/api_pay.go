package node

import (
	"context"
	"errors"
	"net/http"

	"github.com/provenet/provenet/pay"
)

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

// requireAPIKey guards the OpenAI routes that generate. With payments on,
// a request carries an API key whose payer pays for it (a key of this
// node, or one whose signer is bound on the escrow); without, a live API
// key of this node. [gpu] free opens a free tier: a request without a key
// is served unpaid. A missing or bad key is 401 in OpenAI's error shape,
// code invalid_api_key, before any token is generated.
func (n *Node) requireAPIKey(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := r.Header.Get("Authorization")
		if r.Method != http.MethodPost || (hdr == "" && n.cfg.GPU.Free) {
			h.ServeHTTP(w, r)
			return
		}
		p := n.payments()
		if p == nil {
			if n.cfg.GPU.Free {
				h.ServeHTTP(w, r)
				return
			}
			if _, err := n.keys.check(hdr); err != nil {
				openAIErrorCode(w, http.StatusUnauthorized, "invalid_api_key", err.Error())
				return
			}
			h.ServeHTTP(w, r)
			return
		}
		sk, payer, err := p.resolveKey(hdr)
		switch {
		case errors.Is(err, errEscrowUnavailable):
			openAIErrorCode(w, http.StatusServiceUnavailable, "service_unavailable", err.Error())
			return
		case err != nil:
			openAIErrorCode(w, http.StatusUnauthorized, "invalid_api_key", err.Error())
			return
		}
		wal, err := p.wallet(sk, payer)
		if err != nil {
			openAIError(w, http.StatusInternalServerError, err.Error())
			return
		}
		h.ServeHTTP(w, r.WithContext(withWallet(r.Context(), wal)))
	})
}

type walletCtxKey struct{}

func withWallet(ctx context.Context, w *pay.Wallet) context.Context {
	return context.WithValue(ctx, walletCtxKey{}, w)
}

// walletFrom is the payer's wallet of a request that presented an API
// key, nil for a free-tier request.
func walletFrom(ctx context.Context) *pay.Wallet {
	w, _ := ctx.Value(walletCtxKey{}).(*pay.Wallet)
	return w
}
