package da

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

func TestBatchRoundTrip(t *testing.T) {
	_, cl := startServer(t, t.TempDir(), ModeOptimismGeneric, func(c *ServerConfig) { c.MaxBlobBytes = 4096 })
	ctx := ctxT(t)
	compressible := bytes.Repeat([]byte("epoch receipt root 0123456789abcdef "), 2000) // 72 KB
	cases := map[string][]byte{
		"incompressible": randBytes(11, 20_000),
		"compressible":   compressible,
		"one byte":       {42},
		// Compressible batches smaller than zstd's window: the decoder's
		// memory cap must cover the window, not just the output.
		"small compressible 300": bytes.Repeat([]byte("provenet "), 34)[:300],
		"small compressible 900": bytes.Repeat([]byte("provenet "), 100)[:900],
		"empty":                  {},
	}
	for name, data := range cases {
		ref, err := cl.PutBatch(ctx, data)
		if err != nil {
			t.Fatalf("%s: put: %v", name, err)
		}
		if name == "incompressible" && len(ref.Chunks) < 5 {
			t.Fatalf("%s: %d chunks, want several blobs", name, len(ref.Chunks))
		}
		got, err := cl.GetBatch(ctx, ref.Manifest)
		if err != nil {
			t.Fatalf("%s: get: %v", name, err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("%s: batch differs", name)
		}
		t.Logf("%s: %d bytes in %d chunks", name, len(data), len(ref.Chunks))
	}
}

// memBlobs is an in-memory Blobs keyed by commitment, used to tamper with
// chunks.
type memBlobs struct {
	srs *SRS
	m   map[[32]byte][]byte
}

func (b *memBlobs) Put(_ context.Context, p []byte) (Commitment, error) {
	c, err := b.srs.Commit(p, FormEval)
	if err != nil {
		return Commitment{}, err
	}
	b.m[c.Key()] = bytes.Clone(p)
	return c, nil
}

func (b *memBlobs) Get(_ context.Context, c Commitment) ([]byte, error) {
	p, ok := b.m[c.Key()]
	if !ok {
		return nil, ErrNotFound
	}
	return p, nil // unverified on purpose
}

func TestBatchDetectsSwappedChunks(t *testing.T) {
	mb := &memBlobs{srs: DefaultSRS(), m: map[[32]byte][]byte{}}
	data := randBytes(5, 10_000)
	ref, err := PutBatch(context.Background(), mb, data, 3000, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	a, b := ref.Chunks[0].Key(), ref.Chunks[1].Key()
	mb.m[a], mb.m[b] = mb.m[b], mb.m[a]
	if _, err := GetBatch(context.Background(), mb, ref.Manifest, 1<<20); !errors.Is(err, ErrCommitmentMismatch) {
		t.Fatalf("swapped chunks: %v", err)
	}
	if _, err := PutBatch(context.Background(), mb, data, 3000, 100); !errors.Is(err, ErrBatchTooLarge) {
		t.Fatalf("over max batch: %v", err)
	}
	if _, err := GetBatch(context.Background(), mb, ref.Manifest, 100); !errors.Is(err, ErrBatchTooLarge) {
		t.Fatalf("manifest over max batch: %v", err)
	}
}
