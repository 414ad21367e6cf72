package openai

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/provenet/provenet/gpu"
)

// testEngine emits a scripted stream of events.
type testEngine struct {
	mu      sync.Mutex
	reqs    []gpu.Request
	msgs    []gpu.Message
	genErr  error
	chatErr error
	pieces  []string
	finish  string
	midErr  error // sent after the pieces instead of a final event
	// block: after the pieces, wait for ctx and report it on ctxDone.
	block   bool
	ctxDone chan struct{}
}

func newEngine(pieces ...string) *testEngine {
	return &testEngine{pieces: pieces, finish: "stop", ctxDone: make(chan struct{})}
}

func (e *testEngine) Generate(ctx context.Context, req gpu.Request) (<-chan gpu.Event, error) {
	e.mu.Lock()
	e.reqs = append(e.reqs, req)
	e.mu.Unlock()
	if e.genErr != nil {
		return nil, e.genErr
	}
	ch := make(chan gpu.Event)
	go func() {
		defer close(ch)
		send := func(ev gpu.Event) bool {
			select {
			case ch <- ev:
				return true
			case <-ctx.Done():
				close(e.ctxDone)
				return false
			}
		}
		var ids []int32
		for i, p := range e.pieces {
			ids = append(ids, int32(i+10))
			if !send(gpu.Event{Text: p, Token: int32(i + 10)}) {
				return
			}
		}
		if e.block {
			<-ctx.Done()
			close(e.ctxDone)
			return
		}
		if e.midErr != nil {
			send(gpu.Event{Token: -1, Err: e.midErr})
			return
		}
		send(gpu.Event{Token: -1, Done: true, FinishReason: e.finish, Usage: &gpu.Usage{
			RequestID: req.ID, Base: "tiny", PromptTokens: 7, OutputTokens: len(e.pieces),
			OutputIDs: ids, Text: strings.Join(e.pieces, ""), FinishReason: e.finish,
		}})
	}()
	return ch, nil
}

func (e *testEngine) ChatPrompt(model string, msgs []gpu.Message) (string, error) {
	if e.chatErr != nil {
		return "", e.chatErr
	}
	e.mu.Lock()
	e.msgs = msgs
	e.mu.Unlock()
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("<" + m.Role + ">" + m.Content)
	}
	return b.String(), nil
}

func (e *testEngine) Models() []gpu.ModelInfo {
	return []gpu.ModelInfo{
		{ID: "tiny", Kind: "base", CID: "bafybase", Loaded: true},
		{ID: "tiny-pirate", Kind: "adapter", Base: "tiny", CID: "bafyad", Owner: "alice"},
	}
}

func (e *testEngine) lastReq() gpu.Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.reqs[len(e.reqs)-1]
}

type tlogWriter struct{ t *testing.T }

func (w tlogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newServer(t *testing.T, e Engine, opts Options) *httptest.Server {
	t.Helper()
	opts.Logger = slog.New(slog.NewTextHandler(tlogWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := httptest.NewServer(Handler(e, opts))
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, srv *httptest.Server, path, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(srv.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func decodeBody[T any](t *testing.T, r io.Reader) T {
	t.Helper()
	var v T
	if err := json.NewDecoder(r).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// readSSE returns the data payloads of an event stream.
func readSSE(t *testing.T, r io.Reader) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			t.Fatalf("unexpected SSE line %q", line)
		}
		out = append(out, data)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
