package da

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestPutGetRoundTrip(t *testing.T) {
	for _, mode := range []Mode{ModeOptimismGeneric, ModeStandard} {
		t.Run(string(mode), func(t *testing.T) {
			_, cl := startServer(t, t.TempDir(), mode, nil)
			ctx := ctxT(t)
			if err := cl.Health(ctx); err != nil {
				t.Fatal(err)
			}
			for i, n := range []int{1, 31, 32, 1000, 70_000} {
				payload := randBytes(uint64(i), n)
				c, err := cl.Put(ctx, payload)
				if err != nil {
					t.Fatalf("put %d bytes: %v", n, err)
				}
				if !c.IsDevKZG() || c.PayloadLen != uint32(n) || int(c.BlobSymbols) != blobSymbolsFor(n) {
					t.Fatalf("commitment %+v for %d bytes", c, n)
				}
				if wantLen := map[Mode]int{ModeStandard: 74, ModeOptimismGeneric: 76}[mode]; len(c.Encode(mode)) != wantLen {
					t.Fatalf("encoded length %d, want %d", len(c.Encode(mode)), wantLen)
				}
				got, err := cl.Get(ctx, c)
				if err != nil {
					t.Fatalf("get %d bytes: %v", n, err)
				}
				if !bytes.Equal(got, payload) {
					t.Fatalf("round trip of %d bytes differs", n)
				}
			}
		})
	}
}

func TestCoeffFormRoundTrip(t *testing.T) {
	_, cl := startServer(t, t.TempDir(), ModeOptimismGeneric, func(c *ServerConfig) { c.Form = FormCoeff })
	ctx := ctxT(t)
	payload := randBytes(7, 5000)
	c, err := cl.Put(ctx, payload)
	if err != nil {
		t.Fatal(err)
	}
	if c.Form != FormCoeff {
		t.Fatalf("form %d", c.Form)
	}
	ce, err := DefaultSRS().Commit(payload, FormEval)
	if err != nil {
		t.Fatal(err)
	}
	if ce.G1.Equal(&c.G1) {
		t.Fatal("eval and coeff forms gave the same commitment")
	}
	if got, err := cl.Get(ctx, c); err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("get: %v", err)
	}
}

func TestCommitmentChangesWithOneByte(t *testing.T) {
	srs := DefaultSRS()
	payload := randBytes(1, 10_000)
	base, err := srs.Commit(payload, FormEval)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 30, 31, 5000, len(payload) - 1} {
		p := bytes.Clone(payload)
		p[i] ^= 0x01
		c, err := srs.Commit(p, FormEval)
		if err != nil {
			t.Fatal(err)
		}
		if c.G1.Equal(&base.G1) {
			t.Fatalf("flipping byte %d kept the commitment", i)
		}
		if err := srs.Verify(base, p); !errors.Is(err, ErrCommitmentMismatch) {
			t.Fatalf("verify flipped byte %d: %v", i, err)
		}
	}
	if err := srs.Verify(base, payload); err != nil {
		t.Fatal(err)
	}
	// Deterministic.
	again, _ := srs.Commit(payload, FormEval)
	if !again.Equal(base) {
		t.Fatal("commitment is not deterministic")
	}
}

func TestTamperedBlobDetected(t *testing.T) {
	dir := t.TempDir()
	srv, cl := startServer(t, dir, ModeOptimismGeneric, func(c *ServerConfig) { c.VerifyOnRead = false })
	ctx := ctxT(t)
	payload := randBytes(3, 4096)
	c, err := cl.Put(ctx, payload)
	if err != nil {
		t.Fatal(err)
	}
	path := srv.BlobPath(c)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[100] ^= 0x80
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Get(ctx, c); !errors.Is(err, ErrCommitmentMismatch) {
		t.Fatalf("client get of tampered blob: %v, want ErrCommitmentMismatch", err)
	}
	// Truncated file: caught too.
	if err := os.WriteFile(path, b[:len(b)-1], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Get(ctx, c); !errors.Is(err, ErrCommitmentMismatch) {
		t.Fatalf("client get of truncated blob: %v, want ErrCommitmentMismatch", err)
	}

	// A server that verifies on read refuses to serve it.
	stop(t, srv)
	_, cl2 := startServer(t, dir, ModeOptimismGeneric, nil)
	if _, err := cl2.Get(ctx, c); !errors.Is(err, ErrServer) {
		t.Fatalf("verifying server served a tampered blob: %v", err)
	}
}

func stop(t *testing.T, srv *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestOversizeRejected(t *testing.T) {
	srv, cl := startServer(t, t.TempDir(), ModeOptimismGeneric, func(c *ServerConfig) { c.MaxBlobBytes = 4096 })
	ctx := ctxT(t)
	max := srv.MaxPayloadBytes()
	if max != (4096/32-1)*31 {
		t.Fatalf("max payload %d", max)
	}
	if _, err := cl.Put(ctx, randBytes(1, max)); err != nil {
		t.Fatalf("put at the limit: %v", err)
	}
	// The client refuses locally.
	if _, err := cl.Put(ctx, randBytes(1, max+1)); !errors.Is(err, ErrPayloadTooLarge) {
		t.Fatalf("client put over the limit: %v", err)
	}
	// The server answers 413, with and without Content-Length.
	for _, chunked := range []bool{false, true} {
		var body io.Reader = bytes.NewReader(randBytes(2, max+1))
		if chunked {
			body = io.MultiReader(body) // hides the length
		}
		resp, err := http.Post(srv.URL()+"/put", "application/octet-stream", body)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("chunked=%v: status %d, want 413", chunked, resp.StatusCode)
		}
	}
	// Empty payloads are refused.
	resp, err := http.Post(srv.URL()+"/put", "application/octet-stream", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("empty put: status %d, want 400", resp.StatusCode)
	}
}

func TestMalformedCommitmentRejected(t *testing.T) {
	srv, cl := startServer(t, t.TempDir(), ModeOptimismGeneric, nil)
	ctx := ctxT(t)
	c, err := cl.Put(ctx, []byte("hello"))
	if err != nil {
		t.Fatal(err)
	}
	good := hex.EncodeToString(c.OPGeneric())
	notOnCurve := bytes.Clone(c.OPGeneric())
	notOnCurve[len(notOnCurve)-1] ^= 1
	badLen := bytes.Clone(c.OPGeneric())
	badLen[2+6+3] = 0xff // payload length no longer fits the blob length
	cases := map[string]string{
		"not hex":          "0xzz" + good[2:],
		"odd hex":          good[1:],
		"keccak type":      "00" + good[2:],
		"unknown type":     "02" + good[2:],
		"not eigenda":      "0101" + good[4:],
		"short":            good[:20],
		"long":             good + "00",
		"bad form":         good[:6] + "07" + good[8:],
		"not on curve":     hex.EncodeToString(notOnCurve),
		"payload len":      hex.EncodeToString(badLen),
		"proxy cert v1":    "010001" + strings.Repeat("ab", 40),
		"bad mode":         good + "?commitment_mode=nope",
		"standard as op":   good[4:] + "?commitment_mode=optimism_generic",
		"op under std":     good + "?commitment_mode=standard",
		"empty after type": "0100",
	}
	for name, path := range cases {
		resp, err := http.Get(srv.URL() + "/get/" + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
		}
	}
	// Well-formed but unknown: 404.
	other, err := DefaultSRS().Commit([]byte("never stored"), FormEval)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Get(ctx, other); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown commitment: %v, want ErrNotFound", err)
	}
	// Both modes and the optional 0x reach the same blob.
	for _, p := range []string{good, "0x" + good, "0x" + good[4:] + "?commitment_mode=standard"} {
		resp, err := http.Get(srv.URL() + "/get/" + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(b) != "hello" {
			t.Fatalf("%s: status %d body %q", p, resp.StatusCode, b)
		}
	}
}

func TestRestartKeepsBlobs(t *testing.T) {
	dir := t.TempDir()
	srv, cl := startServer(t, dir, ModeStandard, nil)
	ctx := ctxT(t)
	payload := randBytes(9, 12345)
	c, err := cl.Put(ctx, payload)
	if err != nil {
		t.Fatal(err)
	}
	// A second server cannot share the directory.
	cfg := DefaultServerConfig()
	cfg.Dir = dir
	other, err := NewServer(cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Start(ctx); err == nil {
		_ = other.Stop(ctx)
		t.Fatal("second server started on a locked directory")
	}
	stop(t, srv)
	if _, err := cl.Get(ctx, c); err == nil {
		t.Fatal("get succeeded with the server stopped")
	}
	// Same server again, then a fresh one: the blob is still there.
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	stop(t, srv)
	_, cl2 := startServer(t, dir, ModeStandard, nil)
	got, err := cl2.Get(ctx, c)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("after restart: %v", err)
	}
	entries, _ := os.ReadDir(dir + "/tmp")
	if len(entries) != 0 {
		t.Fatalf("%d temp files left", len(entries))
	}
}

func TestConfigValidate(t *testing.T) {
	cfg := DefaultServerConfig()
	if err := cfg.Validate(); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("empty dir: %v", err)
	}
	cfg.Dir = t.TempDir()
	cfg.MaxBlobBytes = 3000
	if err := cfg.Validate(); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("non power of two: %v", err)
	}
	cfg.MaxBlobBytes = 1 << 22 // needs 2^17 points, embedded SRS has 2^16
	if _, err := NewServer(cfg, nil, nil); !errors.Is(err, ErrSRSTooSmall) {
		t.Fatalf("SRS too small: %v", err)
	}
	if err := DefaultClientConfig("ftp://x").Validate(); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("bad url: %v", err)
	}
}

func TestConcurrentPuts(t *testing.T) {
	_, cl := startServer(t, t.TempDir(), ModeOptimismGeneric, nil)
	ctx := ctxT(t)
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			p := randBytes(uint64(100+i), 1000*(i+1)*(i+1)) // differing blob sizes grow the SRS concurrently
			c, err := cl.Put(ctx, p)
			if err == nil {
				var got []byte
				got, err = cl.Get(ctx, c)
				if err == nil && !bytes.Equal(got, p) {
					err = errors.New("payload differs")
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
