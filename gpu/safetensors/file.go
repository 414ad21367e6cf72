package safetensors

import (
	"encoding/binary"
	"fmt"
	"os"
	"sync"
)

// File is a parsed safetensors file. Its read methods are safe for
// concurrent use; Close must not race with them. Tensor data returned by
// Tensor aliases the file's bytes (the mapping, for Open) and must not be
// used after Close.
type File struct {
	// Metadata is the header's "__metadata__" map (nil when absent).
	Metadata map[string]string

	tensors []TensorInfo // header (file) order
	byName  map[string]int
	data    []byte // the data buffer, after the header

	mu     sync.Mutex
	closed bool
	unmap  func() error // releases the mapping; nil for in-memory files
}

// Parse parses an in-memory safetensors file. The File keeps b (without
// copying it); b must not be modified while the File is in use.
func Parse(b []byte) (*File, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("%w: %d bytes, need at least 8", ErrTruncated, len(b))
	}
	n := binary.LittleEndian.Uint64(b[:8])
	if n > MaxHeaderSize {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrHeaderTooLarge, n, MaxHeaderSize)
	}
	if n > uint64(len(b)-8) {
		return nil, fmt.Errorf("%w: header claims %d bytes, file has %d after the length", ErrTruncated, n, len(b)-8)
	}
	h, err := parseHeader(b[8 : 8+n])
	if err != nil {
		return nil, err
	}
	data := b[8+n:]
	if err := validate(h.tensors, int64(len(data))); err != nil {
		return nil, err
	}
	f := &File{
		Metadata: h.metadata,
		tensors:  h.tensors,
		byName:   make(map[string]int, len(h.tensors)),
		data:     data,
	}
	for i, t := range h.tensors {
		f.byName[t.Name] = i
	}
	return f, nil
}

// Open maps the file at path read-only and parses it. Where mapping is not
// possible it reads the file into memory instead. Close releases it.
//
// A mapped file must not be truncated by another process while open: the
// kernel would fault on access to the missing pages.
func Open(path string) (*File, error) {
	b, unmap, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("safetensors: open %s: %w", path, err)
	}
	f, err := Parse(b)
	if err != nil {
		if unmap != nil {
			_ = unmap()
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.unmap = unmap
	return f, nil
}

// readWhole is the fallback when mmap is unavailable.
func readWhole(path string) ([]byte, func() error, error) {
	b, err := os.ReadFile(path)
	return b, nil, err
}

// Close releases the mapping. It is idempotent. Tensor data obtained
// earlier must not be used afterwards.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil
	}
	f.closed = true
	f.data = nil
	if f.unmap != nil {
		err := f.unmap()
		f.unmap = nil
		if err != nil {
			return fmt.Errorf("safetensors: unmap: %w", err)
		}
	}
	return nil
}

// Names returns the tensor names in header order.
func (f *File) Names() []string {
	out := make([]string, len(f.tensors))
	for i, t := range f.tensors {
		out[i] = t.Name
	}
	return out
}

// Infos returns a copy of every tensor's description, in header order.
func (f *File) Infos() []TensorInfo {
	out := make([]TensorInfo, len(f.tensors))
	for i, t := range f.tensors {
		out[i] = t.clone()
	}
	return out
}

// Info describes the named tensor.
func (f *File) Info(name string) (TensorInfo, bool) {
	i, ok := f.byName[name]
	if !ok {
		return TensorInfo{}, false
	}
	return f.tensors[i].clone(), true
}

// Tensor returns the named tensor; its Data aliases the file's bytes.
func (f *File) Tensor(name string) (Tensor, error) {
	i, ok := f.byName[name]
	if !ok {
		return Tensor{}, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	f.mu.Lock()
	closed, data := f.closed, f.data
	f.mu.Unlock()
	if closed {
		return Tensor{}, fmt.Errorf("%w: tensor %q", ErrClosed, name)
	}
	t := f.tensors[i]
	return Tensor{TensorInfo: t.clone(), Data: data[t.Begin:t.End:t.End]}, nil
}

func (t TensorInfo) clone() TensorInfo {
	s := make([]int, len(t.Shape))
	copy(s, t.Shape)
	t.Shape = s
	return t
}
