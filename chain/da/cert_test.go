package da

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Layr-Labs/eigenda/api/clients/v2/coretypes"
	binding "github.com/Layr-Labs/eigenda/contracts/bindings/EigenDACertVerifierV2"
	"github.com/ethereum/go-ethereum/rlp"
)

// fakeProxy imitates eigenda-proxy's V2 answers: POST /put returns
// 0x01 0x00 0x01 || RLP(EigenDACert) whose blob commitment is the payload's
// real KZG commitment; GET /get/0x<that> returns the stored payload, which
// the test may corrupt. Only the blob commitment fields are meaningful.
type fakeProxy struct {
	t       *testing.T
	version byte
	mu      sync.Mutex
	blobs   map[string][]byte
}

func (f *fakeProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/put":
		p, _ := io.ReadAll(r.Body)
		c, err := DefaultSRS().Commit(p, FormEval)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		x, y := c.G1.X.BigInt(new(big.Int)), c.G1.Y.BigInt(new(big.Int))
		z := big.NewInt(0)
		g2 := binding.BN254G2Point{X: [2]*big.Int{z, z}, Y: [2]*big.Int{z, z}}
		var cert coretypes.EigenDACert
		cert.BlobInclusionInfo.BlobCertificate.BlobHeader.Commitment = binding.EigenDATypesV2BlobCommitment{
			Commitment: binding.BN254G1Point{X: x, Y: y}, LengthCommitment: g2, LengthProof: g2, Length: c.BlobSymbols,
		}
		cert.BatchHeader.ReferenceBlockNumber = 1
		cert.NonSignerStakesAndSignature.Sigma = binding.BN254G1Point{X: z, Y: z}
		cert.NonSignerStakesAndSignature.ApkG2 = g2
		b, err := rlp.EncodeToBytes(&cert)
		if err != nil {
			f.t.Error(err)
			http.Error(w, err.Error(), 500)
			return
		}
		com := append([]byte{0x01, 0x00, f.version}, b...)
		f.blobs[hex.EncodeToString(com)] = p
		_, _ = w.Write(com)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/get/0x"):
		p, ok := f.blobs[strings.TrimPrefix(r.URL.Path, "/get/0x")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(p)
	default:
		http.NotFound(w, r)
	}
}

func TestProxyCertV2(t *testing.T) {
	fp := &fakeProxy{t: t, version: VersionProxyCertV2, blobs: map[string][]byte{}}
	hs := httptest.NewServer(fp) // binds 127.0.0.1
	defer hs.Close()
	cfg := DefaultClientConfig(hs.URL)
	cfg.Timeout = 30 * time.Second
	cl, err := NewClient(cfg, nil, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxT(t)
	payload := randBytes(4, 3000)
	c, err := cl.Put(ctx, payload)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != VersionProxyCertV2 || c.IsDevKZG() {
		t.Fatalf("version 0x%02x", c.Version)
	}
	if _, symbols, err := ProxyCertBlobCommitment(c); err != nil || symbols != uint32(blobSymbolsFor(len(payload))) {
		t.Fatalf("cert commitment: %v, %d symbols", err, symbols)
	}
	got, err := cl.Get(ctx, c)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("get: %v", err)
	}
	// Corrupt what the "proxy" serves.
	fp.mu.Lock()
	for k, v := range fp.blobs {
		v = bytes.Clone(v)
		v[0] ^= 1
		fp.blobs[k] = v
	}
	fp.mu.Unlock()
	if _, err := cl.Get(ctx, c); !errors.Is(err, ErrCommitmentMismatch) {
		t.Fatalf("corrupted proxy payload: %v", err)
	}
	// Batches work against it too.
	ref, err := cl.PutBatch(ctx, randBytes(8, 5000))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.GetBatch(ctx, ref.Manifest); err != nil {
		t.Fatal(err)
	}
}

func TestProxyUnknownCertVersion(t *testing.T) {
	fp := &fakeProxy{t: t, version: 0x02, blobs: map[string][]byte{}}
	hs := httptest.NewServer(fp)
	defer hs.Close()
	cfg := DefaultClientConfig(hs.URL)
	cl, err := NewClient(cfg, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxT(t)
	c, err := cl.Put(ctx, []byte("payload"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Get(ctx, c); !errors.Is(err, ErrUnverifiable) {
		t.Fatalf("unknown version: %v", err)
	}
	cfg.AllowUnverified = true
	cl, _ = NewClient(cfg, nil, nil, nil)
	if got, err := cl.Get(ctx, c); err != nil || string(got) != "payload" {
		t.Fatalf("allow unverified: %q %v", got, err)
	}
}
