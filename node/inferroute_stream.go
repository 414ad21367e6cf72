package node

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/provenet/provenet/internal/clock"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/pay"
)

// maxInferChunk caps one body chunk of a routed answer.
const maxInferChunk = 64 << 10

// handleInferStream serves one routed request with the local OpenAI
// handler, streaming its response back. A reset stream (the client went
// away) cancels the generation. A paid request's authorization is checked
// at this node's gate first; its receipt goes back in the trailer.
func (n *Node) handleInferStream(s network.Stream) {
	defer s.Close()
	defer func() {
		if p := recover(); p != nil {
			n.log.Error("infer stream: panic", "panic", p)
			s.Reset()
		}
	}()
	_ = s.SetReadDeadline(clock.NetDeadline(30 * time.Second))
	var req inferRequest
	if err := readInferFrame(bufio.NewReader(s), maxInferRequest, &req); err != nil || !inferPaths[req.Path] {
		n.log.Debug("infer stream: bad request", "peer", s.Conn().RemotePeer(), "err", err, "path", req.Path)
		s.Reset()
		return
	}
	ctx, cancel := context.WithCancel(n.ctx)
	defer cancel()
	sw := &streamResponse{bw: bufio.NewWriter(s), hdr: http.Header{}, cancel: cancel}
	pr, ok := n.admitRouted(sw, req)
	if !ok {
		sw.finish(inferTrailer{})
		return
	}
	if pr != nil {
		ctx = payments.WithPaid(ctx, pr)
		defer n.payments().ReleaseUnused(pr) // a body the handler refuses frees the reservation
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, req.Path, bytes.NewReader(req.Body))
	if err != nil {
		s.Reset()
		return
	}
	hr.Header.Set("Content-Type", "application/json")
	n.localOpenAI.ServeHTTP(sw, hr)
	var tr inferTrailer
	if pr != nil {
		if r, out, _ := pr.Result(); r != nil {
			if enc, err := r.Encode(); err == nil {
				tr = inferTrailer{Receipt: enc, PromptTokens: r.PromptTokens, OutputIDs: out}
			}
		}
	}
	sw.finish(tr)
}

// admitRouted decides whether a routed request is served: a paid one
// when this node's gate admits its authorization, a free one when the
// free tier is on or the node takes no payments. A refusal is written to
// sw in OpenAI's shape and reported as false.
func (n *Node) admitRouted(sw http.ResponseWriter, req inferRequest) (*payments.Paid, bool) {
	p := n.payments()
	switch {
	case len(req.Auth) == 0 && (p == nil || n.cfg.GPU.Free):
		return nil, true
	case len(req.Auth) == 0:
		n.inferRejected(gpu.RejectPaymentRequired)
		openAIErrorCode(sw, http.StatusPaymentRequired, "insufficient_funds", "this GPU node serves paid requests only: route with an API key")
		return nil, false
	case p == nil || !p.Operating():
		openAIErrorCode(sw, http.StatusServiceUnavailable, "service_unavailable", "this GPU node takes no payments (no escrow configured)")
		return nil, false
	case !oneChoice(req.Body):
		n.inferRejected(gpu.RejectBadRequest)
		openAIErrorCode(sw, http.StatusBadRequest, "invalid_value", payments.ErrOneChoice.Error())
		return nil, false
	}
	pr, err := p.AdmitEncoded(req.Auth)
	if err != nil {
		n.payError(sw, err)
		return nil, false
	}
	return pr, true
}

// streamResponse is the http.ResponseWriter of a routed request: the
// status and content headers go out as one frame, then the body bytes in
// chunks.
type streamResponse struct {
	bw     *bufio.Writer
	hdr    http.Header
	wrote  bool
	err    error
	cancel context.CancelFunc
}

func (s *streamResponse) Header() http.Header { return s.hdr }

func (s *streamResponse) WriteHeader(code int) {
	if s.wrote {
		return
	}
	s.wrote = true
	h := inferHeader{Status: code, ContentType: s.hdr.Get("Content-Type"), RetryAfter: s.hdr.Get("Retry-After")}
	for _, k := range routedHeaders {
		if v := s.hdr.Get(k); v != "" {
			if h.Headers == nil {
				h.Headers = map[string]string{}
			}
			h.Headers[k] = v
		}
	}
	s.fail(writeInferFrame(s.bw, h))
}

func (s *streamResponse) Write(b []byte) (int, error) {
	s.WriteHeader(http.StatusOK)
	written := 0
	for len(b) > 0 && s.err == nil {
		k := min(len(b), maxInferChunk)
		s.fail(writeChunk(s.bw, b[:k]))
		if s.err == nil {
			written += k
		}
		b = b[k:]
	}
	return written, s.err
}

func (s *streamResponse) Flush() {
	if s.err == nil {
		s.fail(s.bw.Flush())
	}
}

func (s *streamResponse) fail(err error) {
	if err != nil && s.err == nil {
		s.err = err
		s.cancel()
	}
}

// finish ends the body and sends the trailer.
func (s *streamResponse) finish(tr inferTrailer) {
	s.WriteHeader(http.StatusOK)
	if s.err == nil {
		s.fail(writeChunk(s.bw, nil))
	}
	if s.err == nil {
		s.fail(writeInferFrame(s.bw, tr))
	}
	s.Flush()
}

// proxyInference sends a request to GPU peer p (advertising ad) and
// copies the streamed answer to w, flushing as it arrives. The client
// going away resets the stream, which cancels the generation on p. With a
// payer's wallet, the request carries the wallet's authorization for p's
// operator at p's prices, and the receipt in the trailer is checked and
// paid with a voucher.
func (n *Node) proxyInference(w http.ResponseWriter, r *http.Request, p peer.ID, ad gpuAd, path, model string, body []byte, wal *pay.Wallet) {
	ctx := r.Context()
	req := inferRequest{Path: path, Body: body}
	var pr *payments.Paid
	if wal != nil {
		ps := n.payments()
		if ps == nil || !common.IsHexAddress(ad.Operator) {
			openAIErrorCode(w, http.StatusServiceUnavailable, "service_unavailable", fmt.Sprintf("GPU peer %s takes no payments", p))
			return
		}
		ctxLen := ad.contextOf(model)
		if ctxLen == 0 {
			ctxLen = n.cfg.GPU.MaxContext
		}
		sa, err := ps.Authorize(wal, common.HexToAddress(ad.Operator), model, ad.pricesOf(model), ctxLen)
		if err != nil {
			n.payError(w, err)
			return
		}
		if req.Auth, err = sa.Encode(); err != nil {
			openAIError(w, http.StatusInternalServerError, err.Error())
			return
		}
		pr = payments.NewPaid(sa, wal)
	}
	s, err := n.host.Libp2p().NewStream(ctx, p, ProtoInfer)
	if err != nil {
		openAIError(w, http.StatusBadGateway, fmt.Sprintf("GPU peer %s: %v", p, err))
		return
	}
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	defer s.Close()
	if err := writeInferFrame(s, req); err != nil {
		openAIError(w, http.StatusBadGateway, fmt.Sprintf("GPU peer %s: %v", p, err))
		return
	}
	_ = s.CloseWrite()
	br := bufio.NewReader(s)
	var h inferHeader
	if err := readInferFrame(br, 1<<12, &h); err != nil || h.Status < 100 || h.Status > 599 {
		openAIError(w, http.StatusBadGateway, fmt.Sprintf("GPU peer %s: bad answer: %v", p, err))
		return
	}
	if h.ContentType != "" {
		w.Header().Set("Content-Type", h.ContentType)
	}
	if h.RetryAfter != "" {
		w.Header().Set("Retry-After", h.RetryAfter)
	}
	for _, k := range routedHeaders {
		if v := h.Headers[k]; v != "" {
			w.Header().Set(k, v)
		}
	}
	if h.ContentType == "text/event-stream" && h.Headers == nil {
		// A peer that predates the headers field: the GPU node's
		// handler sets these on every stream.
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Accel-Buffering", "no")
	}
	w.Header().Set("X-Provenet-Peer", p.String())
	w.WriteHeader(h.Status)
	flusher, _ := w.(http.Flusher)
	buf := make([]byte, 0, 4096)
	for {
		chunk, err := readChunk(br, maxInferChunk, buf)
		if err != nil {
			return // the peer went away mid-answer
		}
		if len(chunk) == 0 {
			break
		}
		if _, werr := w.Write(chunk); werr != nil {
			return
		}
		if flusher != nil && br.Buffered() == 0 {
			flusher.Flush()
		}
	}
	var tr inferTrailer
	if err := readInferFrame(br, maxInferRequest+1<<20, &tr); err != nil {
		n.log.Debug("infer: trailer", "peer", p, "err", err)
		return
	}
	if pr != nil && len(tr.Receipt) > 0 {
		// The answer is complete for the client; the voucher follows.
		if ps := n.payments(); ps != nil {
			ps.Later(func(ctx context.Context) { n.payRouted(ctx, ps, p, pr, tr) })
		}
	}
}

// payRouted checks the receipt a GPU peer returned for a paid request
// and pays it: the wallet signs the voucher, which is published.
func (n *Node) payRouted(ctx context.Context, ps *payments.Service, p peer.ID, pr *payments.Paid, tr inferTrailer) {
	r, err := attribution.DecodeReceipt(tr.Receipt)
	if err == nil {
		_, err = ps.Pay(ctx, pr, r, tr.PromptTokens, tr.OutputIDs)
	}
	if err != nil {
		n.log.Warn("pay: receipt from GPU peer refused", "peer", p, "err", err)
	}
}

// openAIError writes an error in OpenAI's JSON shape, without a code.
func openAIError(w http.ResponseWriter, code int, msg string) { openAIErrorCode(w, code, "", msg) }

// openAIErrorCode writes an error in OpenAI's JSON shape with a stable
// code (invalid_api_key, insufficient_funds); "" writes a null code.
func openAIErrorCode(w http.ResponseWriter, status int, code, msg string) {
	openAIErrorParam(w, status, code, "", msg)
}

// openAIErrorParam writes an error in OpenAI's JSON shape, naming the
// parameter at fault ("" writes a null param), as gpu/openai does.
func openAIErrorParam(w http.ResponseWriter, status int, code, param, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	typ := "server_error"
	switch {
	case status == http.StatusUnauthorized:
		typ = "authentication_error"
	case status < 500:
		typ = "invalid_request_error"
	}
	var c, p any
	if code != "" {
		c = code
	}
	if param != "" {
		p = param
	}
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": p, "code": c}})
}
