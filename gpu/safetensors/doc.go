// Package safetensors reads and writes Hugging Face safetensors files: an
// 8-byte little-endian header length N, N bytes of JSON describing each
// tensor (dtype, shape, data_offsets relative to the data buffer) plus an
// optional "__metadata__" string map, then the data buffer.
//
// The reader is hardened against hostile files: the header size is capped,
// the JSON must be one object without duplicate keys or trailing bytes,
// shapes are multiplied with overflow checks, and every tensor's byte range
// must match its shape, lie inside the data buffer and not overlap another
// tensor. No allocation is sized from a claimed length before it is checked
// against the real input. Every error names the offending tensor and wraps
// one of the sentinel errors below, so callers can test with errors.Is.
//
// Open maps a file read-only (mmap on Linux, a plain read elsewhere or when
// mmap fails); OpenDir opens a model directory, single-file or sharded
// through model.safetensors.index.json. Write produces deterministic files
// that the Hugging Face libraries load.
package safetensors

import "errors"

// Sentinel errors; every returned error wraps one of them.
var (
	// ErrTruncated: the input is shorter than its header says.
	ErrTruncated = errors.New("safetensors: truncated file")
	// ErrHeaderTooLarge: the header length exceeds MaxHeaderSize.
	ErrHeaderTooLarge = errors.New("safetensors: header too large")
	// ErrBadHeader: the header is not one JSON object of the expected form
	// (invalid JSON, duplicate keys, trailing bytes, wrong field types).
	ErrBadHeader = errors.New("safetensors: bad header")
	// ErrUnknownDType: a tensor's dtype is not a safetensors dtype.
	ErrUnknownDType = errors.New("safetensors: unknown dtype")
	// ErrUnsupportedDType: the dtype is known but cannot be converted.
	ErrUnsupportedDType = errors.New("safetensors: unsupported dtype")
	// ErrBadShape: a negative dimension or an element count that overflows.
	ErrBadShape = errors.New("safetensors: bad shape")
	// ErrBadOffsets: a byte range that is reversed, out of the data buffer,
	// of the wrong size for its shape, or overlapping another tensor.
	ErrBadOffsets = errors.New("safetensors: bad data offsets")
	// ErrNotFound: no tensor of that name.
	ErrNotFound = errors.New("safetensors: tensor not found")
	// ErrNonFinite: a float tensor holds a NaN or an infinity.
	ErrNonFinite = errors.New("safetensors: non-finite value")
	// ErrLength: a destination slice of the wrong length.
	ErrLength = errors.New("safetensors: length mismatch")
	// ErrBadTensor: a tensor given to Write is invalid (name, dtype, shape
	// or data length).
	ErrBadTensor = errors.New("safetensors: bad tensor")
	// ErrBadIndex: a sharded model index that is malformed or inconsistent
	// with its shards.
	ErrBadIndex = errors.New("safetensors: bad shard index")
	// ErrClosed: the File or Set was closed.
	ErrClosed = errors.New("safetensors: closed")
)
