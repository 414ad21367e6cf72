// Package gguf reads and writes GGUF files (versions 2 and 3), the model
// format of llama.cpp: a header, typed metadata key/value pairs, tensor
// descriptors and an aligned tensor data section.
//
// The reader treats every file as hostile. Claimed lengths and counts are
// checked against the bytes that remain before anything is allocated,
// strings and arrays have hard caps, tensor shapes are checked for overflow
// and tensor data must lie, aligned, inside the file. Bad input yields an
// error wrapping one of the sentinel errors below; it never panics.
//
// Open maps a file read-only (falling back to plain reads where mmap is not
// available) so that TensorData returns slices of the mapping without
// copying. Parse works on any io.ReaderAt.
//
// Dims follow GGUF order: Dims[0] (ggml's ne[0]) is the fastest-varying
// dimension, the row length of a matrix.
package gguf

import "errors"

// Sentinel errors; test with errors.Is.
var (
	ErrBadMagic           = errors.New("gguf: bad magic")
	ErrUnsupportedVersion = errors.New("gguf: unsupported version")
	ErrTruncated          = errors.New("gguf: truncated file")
	ErrTooLarge           = errors.New("gguf: size limit exceeded")
	ErrBadValue           = errors.New("gguf: bad metadata value")
	ErrDuplicateKey       = errors.New("gguf: duplicate metadata key")
	ErrBadTensor          = errors.New("gguf: bad tensor")
	ErrUnsupportedType    = errors.New("gguf: unsupported tensor type")
	ErrNotFound           = errors.New("gguf: not found")
	ErrClosed             = errors.New("gguf: file closed")
)

// Limits applied by the reader.
const (
	MaxStringLen = 1 << 20 // bytes in one string
	MaxArrayLen  = 1 << 24 // elements in one array
	MaxDims      = 4       // dimensions of one tensor (GGML_MAX_DIMS)

	// DefaultAlignment is used when general.alignment is absent.
	DefaultAlignment = 32
	// KeyAlignment is the metadata key that sets the data alignment.
	KeyAlignment = "general.alignment"
)
