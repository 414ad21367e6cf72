package gguf

import (
	"fmt"
	"io"
	"os"
	"sync"
	"syscall"
)

// File is a parsed GGUF file. Its methods are safe for concurrent use;
// slices returned by TensorData of an opened file are only valid until
// Close.
type File struct {
	Version   uint32
	KV        []KV // in file order
	Alignment uint32
	// DataOffset is the absolute file offset of the tensor data section.
	DataOffset int64

	kvIndex     map[string]int
	tensors     []TensorInfo
	tensorIndex map[string]int

	r    io.ReaderAt
	size int64

	mu     sync.RWMutex
	mapped []byte // non-nil when the file is memory-mapped
	osFile *os.File
	closed bool
}

// Open maps the file at path read-only and parses it. Where mmap fails
// the file is read through os.File instead.
func Open(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gguf: %w", err)
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, fmt.Errorf("gguf: %w", err)
	}
	size := st.Size()
	var mapped []byte
	if size > 0 && int64(int(size)) == size {
		if m, err := syscall.Mmap(int(fh.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED); err == nil {
			mapped = m
		}
	}
	var r io.ReaderAt = fh
	if mapped != nil {
		r = byteReaderAt(mapped)
	}
	f, err := Parse(r, size)
	if err != nil {
		if mapped != nil {
			_ = syscall.Munmap(mapped)
		}
		fh.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.mapped = mapped
	f.osFile = fh
	return f, nil
}

// Close releases the mapping and the file handle. It is safe to call on a
// parsed (not opened) File and more than once.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil
	}
	f.closed = true
	var err error
	if f.mapped != nil {
		err = syscall.Munmap(f.mapped)
		f.mapped = nil
	}
	if f.osFile != nil {
		if cerr := f.osFile.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Mapped reports whether tensor data is served from a memory mapping.
func (f *File) Mapped() bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.mapped != nil
}

// Tensors returns the tensor infos in file order.
func (f *File) Tensors() []TensorInfo {
	out := make([]TensorInfo, len(f.tensors))
	copy(out, f.tensors)
	return out
}

// Tensor returns the info of the named tensor.
func (f *File) Tensor(name string) (TensorInfo, bool) {
	i, ok := f.tensorIndex[name]
	if !ok {
		return TensorInfo{}, false
	}
	return f.tensors[i], true
}

// TensorData returns the raw bytes of the named tensor. For an opened file
// they alias the read-only mapping (do not write to them); otherwise they
// are read into a new slice.
func (f *File) TensorData(name string) ([]byte, error) {
	t, ok := f.Tensor(name)
	if !ok {
		return nil, fmt.Errorf("%w: tensor %q", ErrNotFound, name)
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	if f.closed {
		return nil, ErrClosed
	}
	start := f.DataOffset + int64(t.Offset) // bounds checked by Parse
	if f.mapped != nil {
		return f.mapped[start : start+int64(t.Size) : start+int64(t.Size)], nil
	}
	buf := make([]byte, t.Size)
	if _, err := f.r.ReadAt(buf, start); err != nil {
		return nil, fmt.Errorf("gguf: tensor %q: %w", name, err)
	}
	return buf, nil
}

type byteReaderAt []byte

func (b byteReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
