package da

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Blobs stores and fetches single payloads; *Client implements it, and tests
// can use an in-memory one.
type Blobs interface {
	Put(ctx context.Context, payload []byte) (Commitment, error)
	Get(ctx context.Context, c Commitment) ([]byte, error)
}

var _ Blobs = (*Client)(nil)

// BatchRef is what PutBatch posted: the manifest's commitment, which alone
// references the batch, and the chunk commitments it lists.
type BatchRef struct {
	Manifest Commitment
	Chunks   []Commitment
}

var zstdEncoder = sync.OnceValues(func() (*zstd.Encoder, error) {
	return zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
})

// PutBatch compresses data, splits it into chunks of at most maxPayload
// bytes, posts them in order, then posts their manifest.
func PutBatch(ctx context.Context, b Blobs, data []byte, maxPayload int, maxBatch int64) (BatchRef, error) {
	if int64(len(data)) > maxBatch {
		return BatchRef{}, fmt.Errorf("%w: %d bytes, limit %d", ErrBatchTooLarge, len(data), maxBatch)
	}
	m := Manifest{Codec: CodecNone, DataLen: uint64(len(data)), DataSHA256: sha256.Sum256(data)}
	stream := data
	if len(data) > 0 {
		enc, err := zstdEncoder()
		if err != nil {
			return BatchRef{}, fmt.Errorf("da: zstd: %w", err)
		}
		if z := enc.EncodeAll(data, nil); len(z) < len(data) {
			stream, m.Codec = z, CodecZstd
		}
	}
	m.StreamLen = uint64(len(stream))
	for off := 0; off < len(stream); off += maxPayload {
		c, err := b.Put(ctx, stream[off:min(off+maxPayload, len(stream))])
		if err != nil {
			return BatchRef{}, fmt.Errorf("da: put chunk %d: %w", len(m.Chunks), err)
		}
		m.Chunks = append(m.Chunks, c)
	}
	mb, err := m.Encode()
	if err != nil {
		return BatchRef{}, err
	}
	if len(mb) > maxPayload {
		return BatchRef{}, fmt.Errorf("%w: manifest of %d chunks does not fit one blob", ErrBatchTooLarge, len(m.Chunks))
	}
	mc, err := b.Put(ctx, mb)
	if err != nil {
		return BatchRef{}, fmt.Errorf("da: put manifest: %w", err)
	}
	return BatchRef{Manifest: mc, Chunks: m.Chunks}, nil
}

// GetBatch fetches the manifest, then every chunk (each verified by b.Get),
// reassembles and decompresses the stream, and checks the data's length and
// sha256 against the manifest.
func GetBatch(ctx context.Context, b Blobs, manifest Commitment, maxBatch int64) ([]byte, error) {
	mb, err := b.Get(ctx, manifest)
	if err != nil {
		return nil, fmt.Errorf("da: get manifest: %w", err)
	}
	m, err := DecodeManifest(mb)
	if err != nil {
		return nil, err
	}
	if m.DataLen > uint64(maxBatch) || m.StreamLen > uint64(maxBatch) {
		return nil, fmt.Errorf("%w: manifest declares %d bytes, limit %d", ErrBatchTooLarge, m.DataLen, maxBatch)
	}
	stream := make([]byte, 0, m.StreamLen)
	for i, c := range m.Chunks {
		p, err := b.Get(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("da: get chunk %d: %w", i, err)
		}
		if uint64(len(stream)+len(p)) > m.StreamLen {
			return nil, fmt.Errorf("%w: chunks exceed stream length %d", ErrMalformedManifest, m.StreamLen)
		}
		stream = append(stream, p...)
	}
	if uint64(len(stream)) != m.StreamLen {
		return nil, fmt.Errorf("%w: chunks hold %d bytes, manifest says %d", ErrMalformedManifest, len(stream), m.StreamLen)
	}
	data := stream
	if m.Codec == CodecZstd {
		if data, err = decodeZstd(stream, m.DataLen); err != nil {
			return nil, err
		}
	}
	if uint64(len(data)) != m.DataLen {
		return nil, fmt.Errorf("%w: batch is %d bytes, manifest says %d", ErrMalformedManifest, len(data), m.DataLen)
	}
	if sum := sha256.Sum256(data); !bytes.Equal(sum[:], m.DataSHA256[:]) {
		return nil, fmt.Errorf("%w: batch sha256 differs from manifest", ErrCommitmentMismatch)
	}
	return data, nil
}

// decodeZstd decompresses at most n bytes.
func decodeZstd(stream []byte, n uint64) ([]byte, error) {
	dec, err := zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderMaxMemory(max(n, 8<<20)), // the window, not the output: small batches have 1 MiB+ windows
		zstd.WithDecodeAllCapLimit(true))
	if err != nil {
		return nil, fmt.Errorf("da: zstd: %w", err)
	}
	defer dec.Close()
	out, err := dec.DecodeAll(stream, make([]byte, 0, n))
	if err != nil {
		return nil, fmt.Errorf("%w: zstd: %w", ErrMalformedManifest, err)
	}
	return out, nil
}

// PutBatch posts data as a batch of blobs behind one manifest.
func (c *Client) PutBatch(ctx context.Context, data []byte) (BatchRef, error) {
	return PutBatch(ctx, c, data, c.cfg.MaxPayloadBytes, c.cfg.MaxBatchBytes)
}

// GetBatch fetches and verifies the batch behind a manifest commitment.
func (c *Client) GetBatch(ctx context.Context, manifest Commitment) ([]byte, error) {
	return GetBatch(ctx, c, manifest, c.cfg.MaxBatchBytes)
}
