package node

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

// handleInferStream serves one routed request with the local OpenAI
// handler, streaming its response back. A reset stream (the client went
// away) cancels the generation.
func (n *Node) handleInferStream(s network.Stream) {
	defer s.Close()
	defer func() {
		if p := recover(); p != nil {
			n.log.Error("infer stream: panic", "panic", p)
			s.Reset()
		}
	}()
	_ = s.SetReadDeadline(time.Now().Add(30 * time.Second))
	var req inferRequest
	if err := readInferFrame(bufio.NewReader(s), maxInferRequest, &req); err != nil || !inferPaths[req.Path] {
		n.log.Debug("infer stream: bad request", "peer", s.Conn().RemotePeer(), "err", err, "path", req.Path)
		s.Reset()
		return
	}
	ctx, cancel := context.WithCancel(n.ctx)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, req.Path, bytes.NewReader(req.Body))
	if err != nil {
		s.Reset()
		return
	}
	hr.Header.Set("Content-Type", "application/json")
	sw := &streamResponse{bw: bufio.NewWriter(s), hdr: http.Header{}, cancel: cancel}
	n.localOpenAI.ServeHTTP(sw, hr)
	sw.finish()
}

// streamResponse is the http.ResponseWriter of a routed request: the
// status and content headers go out as one frame, then the body bytes.
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
	s.fail(writeInferFrame(s.bw, inferHeader{Status: code, ContentType: s.hdr.Get("Content-Type"), RetryAfter: s.hdr.Get("Retry-After")}))
}

func (s *streamResponse) Write(b []byte) (int, error) {
	s.WriteHeader(http.StatusOK)
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.bw.Write(b)
	s.fail(err)
	return n, err
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

func (s *streamResponse) finish() {
	s.WriteHeader(http.StatusOK)
	s.Flush()
}

// proxyInference sends a request to GPU peer p and copies the streamed
// answer to w, flushing as it arrives. The client going away resets the
// stream, which cancels the generation on p.
func (n *Node) proxyInference(w http.ResponseWriter, r *http.Request, p peer.ID, path string, body []byte) {
	ctx := r.Context()
	s, err := n.host.Libp2p().NewStream(ctx, p, ProtoInfer)
	if err != nil {
		openAIError(w, http.StatusBadGateway, fmt.Sprintf("GPU peer %s: %v", p, err))
		return
	}
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	defer s.Close()
	if err := writeInferFrame(s, inferRequest{Path: path, Body: body}); err != nil {
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
	w.Header().Set("X-Provenet-Peer", p.String())
	w.WriteHeader(h.Status)
	flusher, _ := w.(http.Flusher)
	buf := make([]byte, 4096)
	for {
		k, err := br.Read(buf)
		if k > 0 {
			if _, werr := w.Write(buf[:k]); werr != nil {
				return
			}
			if flusher != nil && br.Buffered() == 0 {
				flusher.Flush()
			}
		}
		if err != nil {
			return
		}
	}
}

// openAIError writes an error in OpenAI's JSON shape, without a code.
func openAIError(w http.ResponseWriter, code int, msg string) { openAIErrorCode(w, code, "", msg) }

// openAIErrorCode writes an error in OpenAI's JSON shape with a stable
// code (invalid_api_key, insufficient_funds); "" writes a null code.
func openAIErrorCode(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	typ := "server_error"
	switch {
	case status == http.StatusUnauthorized:
		typ = "authentication_error"
	case status < 500:
		typ = "invalid_request_error"
	}
	var c any
	if code != "" {
		c = code
	}
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": c}})
}
