package safetensors

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File names OpenDir looks for, as Hugging Face writes them.
const (
	SingleFileName = "model.safetensors"
	IndexFileName  = "model.safetensors.index.json"
)

// maxIndexSize caps model.safetensors.index.json.
const maxIndexSize = 64 << 20

// Set is a model made of one or more safetensors files, addressed by
// tensor name across all of them. Like File, its read methods are safe for
// concurrent use and tensor data is invalid after Close.
type Set struct {
	files  []*File
	names  []string
	byName map[string]int // tensor name -> index into files
}

// OpenDir opens a Hugging Face model directory: the shards listed in
// model.safetensors.index.json when it exists, else model.safetensors.
func OpenDir(dir string) (*Set, error) {
	idx, err := os.ReadFile(filepath.Join(dir, IndexFileName))
	switch {
	case err == nil:
		if len(idx) > maxIndexSize {
			return nil, fmt.Errorf("%w: %s is %d bytes", ErrBadIndex, IndexFileName, len(idx))
		}
		return openIndexed(dir, idx)
	case errors.Is(err, fs.ErrNotExist):
		return OpenFiles(filepath.Join(dir, SingleFileName))
	default:
		return nil, fmt.Errorf("safetensors: %w", err)
	}
}

func openIndexed(dir string, idx []byte) (*Set, error) {
	var index struct {
		WeightMap map[string]string `json:"weight_map"`
	}
	if err := json.Unmarshal(idx, &index); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadIndex, IndexFileName, err)
	}
	if len(index.WeightMap) == 0 {
		return nil, fmt.Errorf("%w: %s has no weight_map", ErrBadIndex, IndexFileName)
	}
	shards := map[string]bool{}
	for name, file := range index.WeightMap {
		if err := checkShardName(file); err != nil {
			return nil, fmt.Errorf("%w: tensor %q: %v", ErrBadIndex, name, err)
		}
		shards[file] = true
	}
	files := make([]string, 0, len(shards))
	for f := range shards {
		files = append(files, f)
	}
	sort.Strings(files)
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f)
	}
	s, err := OpenFiles(paths...)
	if err != nil {
		return nil, err
	}
	for name, file := range index.WeightMap {
		i, ok := s.byName[name]
		if !ok || files[i] != file {
			_ = s.Close()
			return nil, fmt.Errorf("%w: tensor %q is not in %s", ErrBadIndex, name, file)
		}
	}
	return s, nil
}

// checkShardName accepts only a plain file name inside the directory.
func checkShardName(f string) error {
	if f == "" || f == "." || f == ".." || strings.ContainsAny(f, `/\`+"\x00") ||
		strings.Contains(f, "..") || filepath.IsAbs(f) || filepath.Base(f) != f {
		return fmt.Errorf("shard file name %q is not a plain file name", f)
	}
	return nil
}

// OpenFiles opens the given safetensors files as one Set. A tensor name
// present in two files is an ErrBadIndex error.
func OpenFiles(paths ...string) (_ *Set, err error) {
	s := &Set{byName: make(map[string]int)}
	defer func() {
		if err != nil {
			_ = s.Close()
		}
	}()
	for i, p := range paths {
		f, err := Open(p)
		if err != nil {
			return nil, err
		}
		s.files = append(s.files, f)
		for _, name := range f.Names() {
			if j, dup := s.byName[name]; dup {
				return nil, fmt.Errorf("%w: tensor %q is in both %s and %s", ErrBadIndex, name, paths[j], p)
			}
			s.byName[name] = i
			s.names = append(s.names, name)
		}
	}
	return s, nil
}

// Close closes every file; it is idempotent.
func (s *Set) Close() error {
	var errs []error
	for _, f := range s.files {
		errs = append(errs, f.Close())
	}
	return errors.Join(errs...)
}

// Names returns all tensor names: files in order, each in header order.
func (s *Set) Names() []string { return append([]string(nil), s.names...) }

// Info describes the named tensor.
func (s *Set) Info(name string) (TensorInfo, bool) {
	i, ok := s.byName[name]
	if !ok {
		return TensorInfo{}, false
	}
	return s.files[i].Info(name)
}

// Tensor returns the named tensor from whichever file holds it.
func (s *Set) Tensor(name string) (Tensor, error) {
	i, ok := s.byName[name]
	if !ok {
		return Tensor{}, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	return s.files[i].Tensor(name)
}

// Metadata returns the first file's metadata (shards normally repeat it).
func (s *Set) Metadata() map[string]string {
	if len(s.files) == 0 {
		return nil
	}
	return s.files[0].Metadata
}
