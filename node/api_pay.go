package node

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/pay"
)

// APIKeyCreated is the answer to POST /api/v1/pay/keys: the key, shown
// this once, and its stored record.
type APIKeyCreated struct {
	Key string `json:"key"`
	APIKey
	// SignerTx is the escrow transaction that authorised the key's signer
	// for Payer, so that any node given the key can spend Payer's escrow;
	// empty when the node has no chain or no escrow.
	SignerTx string `json:"signer_tx,omitempty"`
}

// APIKeyRevoked is the answer to DELETE /api/v1/pay/keys/{id}. The key
// stops working on this node at once; on chain the escrow revokes its
// signer only a thawing period after ThawSigner, so until SignerThawEnd
// the signer can still sign for Payer on other nodes. A DELETE after
// SignerThawEnd completes the revocation (SignerStatus "revoked").
type APIKeyRevoked struct {
	APIKey
	// SignerStatus is "thawing", "revoked" or "unbound" (the signer was
	// not bound to Payer on chain); empty without a chain or escrow.
	SignerStatus  string     `json:"signer_status,omitempty"`
	SignerThawEnd *time.Time `json:"signer_thaw_end,omitempty"`
	SignerTx      string     `json:"signer_tx,omitempty"`
	// SignerError is why the on-chain step failed (the key is revoked on
	// this node all the same); DELETE again to retry.
	SignerError string `json:"signer_error,omitempty"`
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
	out := APIKeyCreated{Key: key, APIKey: k}
	if c, err := n.payChain(); err == nil {
		tx, err := c.AuthorizeSigner(r.Context(), k.Signer)
		if err != nil {
			// An unbound key could not pay: drop it rather than hand it out.
			if rerr := n.keys.remove(k.ID); rerr != nil {
				err = errors.Join(err, rerr)
			}
			writeErr(w, err)
			return
		}
		out.SignerTx = tx.Hex()
	}
	n.log.Info("api key created", "id", k.ID, "payer", k.Payer, "signer", k.Signer, "signer_tx", out.SignerTx)
	writeJSON(w, http.StatusCreated, out)
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
	out := APIKeyRevoked{APIKey: k}
	if c, err := n.payChain(); err == nil {
		if err := n.revokeSigner(r.Context(), c, &out); err != nil {
			out.SignerError = err.Error()
			n.log.Warn("api key revoked here, not yet on chain", "id", k.ID, "signer", k.Signer, "err", err)
		}
	}
	n.log.Info("api key revoked", "id", k.ID, "signer_status", out.SignerStatus)
	writeJSON(w, http.StatusOK, out)
}

// revokeSigner moves the key's signer binding one step towards revoked:
// ThawSigner when it is bound and not thawing, RevokeSigner once its
// thaw ended, nothing while it thaws.
func (n *Node) revokeSigner(ctx context.Context, c *chain.Client, out *APIKeyRevoked) error {
	payer, err := c.PayerOf(ctx, out.Signer)
	if err != nil {
		return err
	}
	if payer != n.home.Account.Address() {
		out.SignerStatus = "unbound"
		return nil
	}
	end, err := c.SignerThawEnd(ctx, out.Signer)
	if err != nil {
		return err
	}
	if end.IsZero() {
		tx, err := c.ThawSigner(ctx, out.Signer)
		if err != nil {
			return err
		}
		if end, err = c.SignerThawEnd(ctx, out.Signer); err != nil {
			return err
		}
		out.SignerStatus, out.SignerThawEnd, out.SignerTx = "thawing", timePtr(end), tx.Hex()
		return nil
	}
	now, err := chainNow(ctx, c)
	if err != nil {
		return err
	}
	if now.Before(end) {
		out.SignerStatus, out.SignerThawEnd = "thawing", timePtr(end)
		return nil
	}
	tx, err := c.RevokeSigner(ctx, out.Signer)
	if err != nil {
		return err
	}
	out.SignerStatus, out.SignerTx = "revoked", tx.Hex()
	return nil
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
		sk, payer, err := p.ResolveKey(hdr)
		switch {
		case errors.Is(err, payments.ErrEscrowUnavailable):
			openAIErrorCode(w, http.StatusServiceUnavailable, "service_unavailable", err.Error())
			return
		case err != nil:
			openAIErrorCode(w, http.StatusUnauthorized, "invalid_api_key", err.Error())
			return
		}
		wal, err := p.Wallet(sk, payer)
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
