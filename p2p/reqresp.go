package p2p

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// RequestHandler answers one request. A returned error goes back to the
// requester as its text (at most maxErrorBytes).
type RequestHandler func(ctx context.Context, from peer.ID, req []byte) ([]byte, error)

var (
	// ErrFrameTooLarge reports a request or response over MaxRequestBytes.
	ErrFrameTooLarge = errors.New("p2p: frame too large")
	// ErrRemote wraps an error the remote handler returned.
	ErrRemote = errors.New("p2p: remote error")
	// ErrBadFrame reports a response that is not well formed.
	ErrBadFrame = errors.New("p2p: malformed frame")
)

// Response status bytes.
const (
	statusOK    byte = 0
	statusError byte = 1
)

const maxErrorBytes = 1024

// Handle serves proto with fn. Each stream carries one request frame and
// one response frame: a uvarint length and the bytes; the response has a
// status byte before its length. A panic in fn is logged and answered with
// an error.
func (h *Host) Handle(proto protocol.ID, fn RequestHandler) {
	h.h.SetStreamHandler(proto, func(s network.Stream) {
		defer s.Close()
		_ = s.SetDeadline(time.Now().Add(h.cfg.RequestTimeout))
		from := s.Conn().RemotePeer()
		req, err := readFrame(bufio.NewReader(s), h.cfg.MaxRequestBytes)
		if err != nil {
			h.log.Debug("p2p: bad request", "proto", proto, "from", from, "err", err)
			_ = s.Reset()
			return
		}
		ctx, cancel := context.WithTimeout(h.baseCtx(), h.cfg.RequestTimeout)
		defer cancel()
		var resp []byte
		if h.guard("handler "+string(proto), func() { resp, err = fn(ctx, from, req) }) {
			err = errors.New("internal error")
		}
		if err == nil && len(resp) > h.cfg.MaxRequestBytes {
			err = fmt.Errorf("%w: response of %d bytes", ErrFrameTooLarge, len(resp))
		}
		if err != nil {
			msg := err.Error()
			if len(msg) > maxErrorBytes {
				msg = msg[:maxErrorBytes]
			}
			err = writeResponse(s, statusError, []byte(msg))
		} else {
			err = writeResponse(s, statusOK, resp)
		}
		if err != nil {
			h.log.Debug("p2p: write response", "proto", proto, "to", from, "err", err)
			_ = s.Reset()
		}
	})
}

// baseCtx is the host's own context, or a cancelled one before Start.
func (h *Host) baseCtx() context.Context {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ctx == nil {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx
	}
	return h.ctx
}

// Request sends req to p on proto and returns the response. It is bounded
// by ctx and by Config.RequestTimeout.
func (h *Host) Request(ctx context.Context, p peer.ID, proto protocol.ID, req []byte) ([]byte, error) {
	if len(req) > h.cfg.MaxRequestBytes {
		return nil, fmt.Errorf("%w: request of %d bytes", ErrFrameTooLarge, len(req))
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.RequestTimeout)
	defer cancel()
	s, err := h.h.NewStream(ctx, p, proto)
	if err != nil {
		return nil, fmt.Errorf("p2p: open %s to %s: %w", proto, p, err)
	}
	defer s.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = s.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { _ = s.Reset() })
	defer stop()
	if err := writeFrame(s, req); err != nil {
		_ = s.Reset()
		return nil, fmt.Errorf("p2p: send %s: %w", proto, err)
	}
	if err := s.CloseWrite(); err != nil {
		_ = s.Reset()
		return nil, fmt.Errorf("p2p: send %s: %w", proto, err)
	}
	resp, err := readResponse(bufio.NewReader(s), h.cfg.MaxRequestBytes)
	if err != nil {
		_ = s.Reset()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("p2p: %s to %s: %w", proto, p, ctx.Err())
		}
		return nil, fmt.Errorf("p2p: %s to %s: %w", proto, p, err)
	}
	return resp, nil
}

func writeFrame(w io.Writer, b []byte) error {
	buf := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+len(b)), uint64(len(b)))
	_, err := w.Write(append(buf, b...))
	return err
}

func writeResponse(w io.Writer, status byte, b []byte) error {
	buf := binary.AppendUvarint([]byte{status}, uint64(len(b)))
	_, err := w.Write(append(buf, b...))
	return err
}

// readFrame reads one uvarint-length-prefixed frame of at most max bytes.
func readFrame(r *bufio.Reader, max int) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: length: %v", ErrBadFrame, err)
	}
	if n > uint64(max) {
		return nil, fmt.Errorf("%w: %d bytes, cap %d", ErrFrameTooLarge, n, max)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("%w: body: %v", ErrBadFrame, err)
	}
	return b, nil
}

// readResponse reads a status byte and a frame.
func readResponse(r *bufio.Reader, max int) ([]byte, error) {
	status, err := r.ReadByte()
	if err != nil {
		return nil, fmt.Errorf("%w: status: %v", ErrBadFrame, err)
	}
	switch status {
	case statusOK:
		return readFrame(r, max)
	case statusError:
		msg, err := readFrame(r, maxErrorBytes)
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %s", ErrRemote, msg)
	default:
		return nil, fmt.Errorf("%w: status %d", ErrBadFrame, status)
	}
}
