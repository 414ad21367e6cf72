package p2p

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

const testProto = "/test/echo/1"

func TestRequestResponse(t *testing.T) {
	cfg := testConfig()
	cfg.MaxRequestBytes = 4 << 10
	cfg.RequestTimeout = 2 * time.Second
	server, client := startHost(t, cfg), startHost(t, cfg)
	connect(t, client, server)
	server.Handle(testProto, func(_ context.Context, from peer.ID, req []byte) ([]byte, error) {
		switch string(req) {
		case "fail":
			return nil, errors.New("no such thing")
		case "panic":
			panic("handler bug")
		case "big":
			return make([]byte, 8<<10), nil
		case "slow":
			time.Sleep(3 * time.Second)
		}
		if from != client.ID() {
			return nil, errors.New("wrong peer")
		}
		return append([]byte("echo "), req...), nil
	})
	ctx := context.Background()
	resp, err := client.Request(ctx, server.ID(), testProto, []byte("hello"))
	if err != nil || string(resp) != "echo hello" {
		t.Fatalf("got %q, %v", resp, err)
	}
	for req, want := range map[string]error{"fail": ErrRemote, "panic": ErrRemote, "big": ErrRemote} {
		if _, err := client.Request(ctx, server.ID(), testProto, []byte(req)); !errors.Is(err, want) {
			t.Errorf("%s: got %v, want %v", req, err, want)
		}
	}
	if _, err := client.Request(ctx, server.ID(), testProto, make([]byte, 5<<10)); !errors.Is(err, ErrFrameTooLarge) {
		t.Errorf("oversized request: got %v", err)
	}
	start := time.Now()
	if _, err := client.Request(ctx, server.ID(), testProto, []byte("slow")); err == nil || time.Since(start) > 2900*time.Millisecond {
		t.Errorf("slow handler: got %v after %v, want a timeout at 2s", err, time.Since(start))
	}
	if _, err := client.Request(ctx, server.ID(), "/test/unknown/1", []byte("x")); err == nil {
		t.Error("request on an unserved protocol succeeded")
	}
	// The server survived all of it.
	if resp, err := client.Request(ctx, server.ID(), testProto, []byte("again")); err != nil || string(resp) != "echo again" {
		t.Fatalf("after errors: %q, %v", resp, err)
	}
}

func TestFrameRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := writeResponse(&buf, statusOK, []byte("payload")); err != nil {
		t.Fatal(err)
	}
	got, err := readResponse(bufio.NewReader(&buf), 100)
	if err != nil || string(got) != "payload" {
		t.Fatalf("%q %v", got, err)
	}
	buf.Reset()
	_ = writeFrame(&buf, make([]byte, 101))
	if _, err := readFrame(bufio.NewReader(&buf), 100); !errors.Is(err, ErrFrameTooLarge) {
		t.Fatalf("got %v", err)
	}
}

// FuzzReadResponse feeds arbitrary bytes to the response decoder: it must
// return a response within the cap or an error, and never panic or
// allocate past the cap.
func FuzzReadResponse(f *testing.F) {
	var ok, bad bytes.Buffer
	_ = writeResponse(&ok, statusOK, []byte("hello"))
	_ = writeResponse(&bad, statusError, []byte("boom"))
	f.Add(ok.Bytes())
	f.Add(bad.Bytes())
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte{7})
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := readResponse(bufio.NewReader(bytes.NewReader(data)), 1<<10)
		if err == nil && len(resp) > 1<<10 {
			t.Fatalf("response of %d bytes over the cap", len(resp))
		}
		if err != nil && !errors.Is(err, ErrBadFrame) && !errors.Is(err, ErrFrameTooLarge) && !errors.Is(err, ErrRemote) {
			t.Fatalf("unclassified error %v", err)
		}
	})
}
