package engine

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
)

// ErrModelFiles reports a base model path with no weight files.
var ErrModelFiles = errors.New("engine: no model files")

// baseCIDPrefix starts the manifest a base model's CID is taken over.
const baseCIDPrefix = "provenet-model/1\n"

// ModelFile is one file that makes up a base model: its name relative to
// the model path and the sha256 of its bytes.
type ModelFile struct {
	Name   string   `json:"name"`
	Size   int64    `json:"size"`
	SHA256 [32]byte `json:"sha256"`
}

// modelFileNames lists what BaseCID hashes under path: the file itself
// for a .gguf, or for a Hugging Face directory every *.safetensors and
// *.json file and tokenizer.model, sorted by name. Other files (README,
// hidden files) do not change what the engine loads and are left out.
func modelFileNames(path string) (root string, names []string, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", nil, err
	}
	if !st.IsDir() {
		return filepath.Dir(path), []string{filepath.Base(path)}, nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return "", nil, err
	}
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !(strings.HasSuffix(n, ".safetensors") || strings.HasSuffix(n, ".json") || n == "tokenizer.model") {
			continue
		}
		if fi, err := os.Stat(filepath.Join(path, n)); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return "", nil, fmt.Errorf("%w in %s", ErrModelFiles, path)
	}
	sort.Strings(names)
	return path, names, nil
}

// hashFile streams one file through sha256.
func hashFile(path string) (ModelFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return ModelFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return ModelFile{}, err
	}
	mf := ModelFile{Name: filepath.Base(path), Size: n}
	copy(mf.SHA256[:], h.Sum(nil))
	return mf, nil
}

// ManifestCID is the CID of a base model given its files: a CIDv1 (raw
// codec, sha2-256) over "provenet-model/1\n" followed by, for each file
// in name order, its name, a newline, its length as a uvarint and the
// sha256 of its bytes. Two paths holding byte-identical weight files have
// the same CID, whatever they are called; a changed byte changes it.
func ManifestCID(files []ModelFile) (string, error) {
	fs := append([]ModelFile(nil), files...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
	h := sha256.New()
	h.Write([]byte(baseCIDPrefix))
	for _, f := range fs {
		h.Write([]byte(f.Name))
		h.Write([]byte{'\n'})
		h.Write(binary.AppendUvarint(nil, uint64(f.Size)))
		h.Write(f.SHA256[:])
	}
	mh, err := multihash.Encode(h.Sum(nil), multihash.SHA2_256)
	if err != nil {
		return "", err
	}
	return cid.NewCidV1(cid.Raw, mh).String(), nil
}

// BaseCID hashes the model files under path (a .gguf file or a Hugging
// Face directory) and returns ManifestCID of them.
func BaseCID(path string) (string, error) {
	var c CIDCache
	return c.BaseCID(path)
}

// CIDCache remembers each model file's hash by absolute path, size and
// modification time, so that a node hashes its weights once and not at
// every start. With a file name set it persists as JSON (mode 0600); a
// cache file that cannot be read is ignored and rewritten.
type CIDCache struct {
	File string

	mu      sync.Mutex
	loaded  bool
	entries map[string]cidCacheEntry
}

type cidCacheEntry struct {
	Size    int64    `json:"size"`
	ModTime int64    `json:"mtime_ns"`
	SHA256  [32]byte `json:"sha256"`
}

// BaseCID is the package's BaseCID, using and updating the cache.
func (c *CIDCache) BaseCID(path string) (string, error) {
	root, names, err := modelFileNames(path)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.load()
	files := make([]ModelFile, 0, len(names))
	dirty := false
	for _, n := range names {
		p, err := filepath.Abs(filepath.Join(root, n))
		if err != nil {
			return "", err
		}
		st, err := os.Stat(p)
		if err != nil {
			return "", err
		}
		if e, ok := c.entries[p]; ok && e.Size == st.Size() && e.ModTime == st.ModTime().UnixNano() {
			files = append(files, ModelFile{Name: n, Size: e.Size, SHA256: e.SHA256})
			continue
		}
		mf, err := hashFile(p)
		if err != nil {
			return "", err
		}
		mf.Name = n
		files = append(files, mf)
		if st2, err := os.Stat(p); err == nil && st2.ModTime().Equal(st.ModTime()) && st2.Size() == mf.Size {
			c.entries[p] = cidCacheEntry{Size: mf.Size, ModTime: st.ModTime().UnixNano(), SHA256: mf.SHA256}
			dirty = true
		}
	}
	if dirty {
		c.save()
	}
	return ManifestCID(files)
}

func (c *CIDCache) load() {
	if c.loaded {
		return
	}
	c.loaded = true
	c.entries = map[string]cidCacheEntry{}
	if c.File == "" {
		return
	}
	b, err := os.ReadFile(c.File)
	if err != nil {
		return
	}
	var m map[string]cidCacheEntry
	if json.Unmarshal(b, &m) == nil {
		c.entries = m
	}
}

// save writes the cache atomically; a failure only costs a re-hash later.
func (c *CIDCache) save() {
	if c.File == "" {
		return
	}
	b, err := json.Marshal(c.entries)
	if err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(c.File), filepath.Base(c.File)+".*.tmp")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), c.File) != nil {
		os.Remove(f.Name())
	}
}
