package node

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/provenet/provenet/web"
)

// ErrUnauthorized reports a write call without the node's API token.
var ErrUnauthorized = errors.New("node: missing or wrong API token")

// openKeys opens the API key store (before payments, which resolve keys).
func (n *Node) openKeys(context.Context) error {
	keys, err := openAPIKeys(n.home.Path(APIKeysFile), n.clock.Now)
	if err != nil {
		return err
	}
	n.keys = keys
	return nil
}

func (n *Node) startAPI(context.Context) error {
	ln, err := net.Listen("tcp", n.cfg.API.Listen)
	if err != nil {
		return err
	}
	n.apiAddr = ln.Addr()
	n.api = &http.Server{
		Handler:           n.guard(n.routes()),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       n.cfg.API.ReadTimeout.D(),
		ErrorLog:          nil,
	}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		if err := n.api.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			n.log.Error("api: serve", "err", err)
		}
	}()
	return nil
}

func (n *Node) stopAPI(ctx context.Context) error {
	err := n.api.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, n.api.Close())
	}
	return err
}

func (n *Node) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, write bool, h http.HandlerFunc) {
		route := pattern
		if write {
			h = n.requireToken(h)
		}
		mux.Handle(pattern, n.instrument(route, h))
	}
	dash := web.Handler() // the dashboard: / and its embedded assets
	handle("GET /{$}", false, dash.ServeHTTP)
	handle("GET /assets/", false, dash.ServeHTTP)
	handle("GET /healthz", false, n.getHealth)
	mux.Handle("GET /metrics", n.metrics.Handler())
	handle("GET /api/v1/node", false, n.getNode)
	handle("GET /api/v1/peers", false, n.getPeers)
	handle("POST /api/v1/datanets", true, n.postDatanet)
	handle("GET /api/v1/datanets", false, n.listDatanets)
	handle("GET /api/v1/datanets/{id}", false, n.getDatanet)
	handle("POST /api/v1/datanets/{id}/records", true, n.postRecords)
	handle("GET /api/v1/datanets/{id}/records", false, n.listRecords)
	handle("GET /api/v1/datanets/{id}/export", false, n.exportRecords)
	handle("GET /api/v1/records/{cid}", false, n.getRecord)
	handle("GET /api/v1/tasks", false, n.getTasks)
	handle("GET /api/v1/records/{cid}/work", false, n.getRecordWork)
	handle("GET /api/v1/review", false, n.getReview)
	handle("GET /api/v1/points", false, n.getPoints)
	handle("GET /api/v1/points/proof", false, n.getPointsProof)
	handle("GET /api/v1/receipts/{id}", false, n.getReceipt)
	handle("GET /api/v1/receipts/{id}/proof", false, n.getReceiptProof)
	handle("GET /api/v1/epochs", false, n.getEpochs)
	handle("GET /api/v1/epochs/{n}", false, n.getEpoch)
	handle("POST /api/v1/datanets/{id}/seed", true, n.postSeed)
	handle("POST /api/v1/votes", true, n.postVote)
	handle("POST /api/v1/datanets/{id}/gold", true, n.postGold)
	handle("GET /api/v1/usage", true, n.getUsage) // prompts and answers: private
	handle("GET /api/v1/adapters", false, n.listAdapters)
	handle("POST /api/v1/factory/access", true, n.postAccess)
	handle("GET /api/v1/factory/access", true, n.getAccess) // who asked for what: private
	handle("POST /api/v1/factory/jobs", true, n.postFactoryJob)
	handle("GET /api/v1/factory/jobs", false, n.listFactoryJobs)
	handle("GET /api/v1/factory/jobs/{id}", false, n.getFactoryJob)
	handle("DELETE /api/v1/factory/jobs/{id}", true, n.cancelFactoryJob)
	handle("POST /api/v1/factory/jobs/{id}/resume", true, n.resumeFactoryJob)
	handle("POST /api/v1/adapters", true, n.postAdapter)
	handle("DELETE /api/v1/adapters/{id}", true, n.deleteAdapter)
	handle("POST /api/v1/pay/keys", true, n.postAPIKey)
	handle("GET /api/v1/pay/keys", true, n.listAPIKeys)
	handle("DELETE /api/v1/pay/keys/{id}", true, n.revokeAPIKey)
	handle("GET /api/v1/pay/balance", true, n.getPayBalance) // acts for the node's account: private
	handle("POST /api/v1/pay/deposit", true, n.postPayDeposit)
	handle("POST /api/v1/pay/withdraw", true, n.postPayWithdraw)
	handle("GET /api/v1/pay/settlements", false, n.listSettlements)
	handle("GET /api/v1/pay/settlements/{epoch}", false, n.getSettlement)
	handle("GET /api/v1/pay/claims", false, n.getClaim)
	handle("POST /api/v1/pay/claims", true, n.postClaim)
	handle("GET /api/v1/earnings", false, n.getEarnings)
	oa := n.requireAPIKey(n.openAIHandler())
	for _, p := range []string{"POST /v1/completions", "POST /v1/chat/completions", "GET /v1/models", "GET /v1/models/{id...}"} {
		mux.Handle(p, n.instrument(p, oa))
	}
	return mux
}

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// instrument times every request and keeps a handler panic from taking the
// daemon down: the client gets a 500 and the panic is logged.
func (n *Node) instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := n.clock.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				n.log.Error("api: handler panic", "route", route, "panic", p)
				writeError(rec, http.StatusInternalServerError, fmt.Errorf("internal error"))
			}
			n.metrics.APIRequest(route, rec.code, n.clock.Since(start))
		}()
		r.Body = http.MaxBytesReader(rec, r.Body, n.cfg.API.MaxBodyBytes)
		h.ServeHTTP(rec, r)
	})
}

func (n *Node) requireToken(h http.HandlerFunc) http.HandlerFunc {
	want := []byte("Bearer " + n.home.Token)
	return func(w http.ResponseWriter, r *http.Request) {
		got := []byte(r.Header.Get("Authorization"))
		if subtle.ConstantTimeCompare(got, want) != 1 {
			writeError(w, http.StatusUnauthorized, ErrUnauthorized)
			return
		}
		h(w, r)
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// decodeBody reads a JSON body strictly: unknown fields are an error.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("body: %v", err)
	}
	if dec.More() {
		return badRequest("body: trailing data after the JSON value")
	}
	return nil
}

func (n *Node) getHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// NodeInfo is the body of GET /api/v1/node.
type NodeInfo struct {
	PeerID   string   `json:"peer_id"`
	Address  string   `json:"address"`
	Version  string   `json:"version"`
	Roles    []string `json:"roles"`
	P2PAddrs []string `json:"p2p_addrs"`
	API      string   `json:"api"`
	Peers    int      `json:"peers"`
	Datanets int      `json:"datanets"`
	Records  int      `json:"records"`
	LastSeq  uint64   `json:"last_seq"`
	Uptime   string   `json:"uptime"`
}

// Info describes the running node.
func (n *Node) Info() NodeInfo {
	st := n.store.Stats()
	info := NodeInfo{
		PeerID:   n.home.PeerID().String(),
		Address:  n.home.Account.Address().Hex(),
		Version:  Version,
		Roles:    n.roles(),
		API:      n.APIURL(),
		Peers:    len(n.host.Peers()),
		Datanets: st.Datanets,
		Records:  st.Records,
		LastSeq:  n.store.LastSeq(),
		Uptime:   n.clock.Since(n.started).Round(time.Second).String(),
	}
	for _, a := range n.host.Addrs() {
		info.P2PAddrs = append(info.P2PAddrs, a.String())
	}
	return info
}

func (n *Node) getNode(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, n.Info())
}

func (n *Node) getPeers(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"peers": n.host.Peers()})
}

// queryInt parses an optional non-negative integer query parameter.
func queryInt(r *http.Request, name string, def uint64) (uint64, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return def, nil
	}
	var v uint64
	if _, err := fmt.Sscan(s, &v); err != nil {
		return 0, badRequest("query %s=%q: want a non-negative integer", name, s)
	}
	return v, nil
}
