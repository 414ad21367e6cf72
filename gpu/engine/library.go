package engine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/model"
)

// Library is the engine's adapter source on a node: a directory of PEFT
// adapters (one subdirectory each), identified by content, loaded just in
// time into a byte-budgeted cache that never evicts a pinned adapter.
type Library struct {
	base  string
	cfg   model.Config
	cache *adaptercache.Cache[*model.Adapter]

	log *slog.Logger

	mu       sync.RWMutex
	byName   map[string]AdapterInfo
	byCID    map[string]string // CID -> directory
	fetchDir string            // where adapters fetched from peers go
	skipped  []SkippedAdapter
}

// SkippedAdapter is a folder of the adapter directory that the library
// could not use, with the reason; the node shows the list next to the
// adapters it serves.
type SkippedAdapter struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// SetFetchDir turns on the remote tier: an adapter named by a CID this
// node does not hold resolves to dir/<cid>, and the cache's fetcher (see
// NewLibrary) fills that directory from a peer on first use.
func (l *Library) SetFetchDir(dir string) {
	l.mu.Lock()
	l.fetchDir = dir
	l.mu.Unlock()
}

// Dir returns the local directory of the adapter with content ID id.
func (l *Library) Dir(id string) (string, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	d, ok := l.byCID[id]
	if !ok {
		return "", false
	}
	if _, err := os.Stat(filepath.Join(d, model.AdapterFiles[1])); err != nil {
		return "", false
	}
	return d, true
}

// NewLibrary scans dir (which may be empty or missing) for adapters of the
// base named base with shape c: every subdirectory, or symbolic link to
// one, whose name does not start with a dot. A folder that does not hold
// a PEFT adapter fitting c is logged (on cc.Logger) with the reason and
// listed by Skipped; it does not stop the others. fetcher, when set,
// fetches adapters this node does not hold from peers by CID.
func NewLibrary(dir, base string, c model.Config, cc adaptercache.Config, fetcher adaptercache.Fetcher) (*Library, error) {
	log := cc.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l := &Library{base: base, cfg: c, log: log, byName: map[string]AdapterInfo{}, byCID: map[string]string{}}
	cache, err := adaptercache.New[*model.Adapter](cc, loader{l}, fetcher)
	if err != nil {
		return nil, err
	}
	l.cache = cache
	if dir == "" {
		return l, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		cache.Close()
		return nil, err
	}
	for _, e := range entries {
		name, path := e.Name(), filepath.Join(dir, e.Name())
		if strings.HasPrefix(name, ".") {
			continue // a partial fetch, an editor's or a system's file
		}
		if e.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			if err != nil {
				l.skip(name, path, fmt.Errorf("symbolic link does not resolve: %w", err))
				continue
			}
			if !st.IsDir() {
				continue
			}
		} else if !e.IsDir() {
			continue
		}
		if _, err := l.Add(name, path); err != nil {
			l.skip(name, path, err)
		}
	}
	return l, nil
}

// skip records and logs an adapter folder that cannot be used.
func (l *Library) skip(name, path string, err error) {
	l.log.Warn("adapter folder skipped", "name", name, "path", path, "reason", err)
	l.mu.Lock()
	l.skipped = append(l.skipped, SkippedAdapter{Name: name, Path: path, Reason: err.Error()})
	l.mu.Unlock()
}

// Skipped lists the folders of the adapter directory that NewLibrary
// could not use, in directory order, with the reason for each.
func (l *Library) Skipped() []SkippedAdapter {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]SkippedAdapter(nil), l.skipped...)
}

// Close releases the cache.
func (l *Library) Close() error { return l.cache.Close() }

// Cache exposes the cache for statistics and admin unloads.
func (l *Library) Cache() *adaptercache.Cache[*model.Adapter] { return l.cache }

// AdapterCID is an adapter directory's content ID: a CIDv1 (raw codec,
// sha2-256) over "provenet-adapter/1\n" followed by, for each of
// adapter_config.json and adapter_model.safetensors in that order, the
// file's name, its length as a uvarint, and its bytes.
func AdapterCID(dir string) (string, int64, error) {
	h := sha256.New()
	h.Write([]byte("provenet-adapter/1\n"))
	var size int64
	for _, name := range model.AdapterFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", 0, fmt.Errorf("%w: %w", model.ErrAdapter, err)
		}
		h.Write([]byte(name))
		h.Write(binary.AppendUvarint(nil, uint64(len(b))))
		h.Write(b)
		size += int64(len(b))
	}
	mh, err := multihash.Encode(h.Sum(nil), multihash.SHA2_256)
	if err != nil {
		return "", 0, err
	}
	return cid.NewCidV1(cid.Raw, mh).String(), size, nil
}

// Add registers the adapter in dir under name, after checking that its
// config and tensor shapes fit the base (model.CheckPEFT). It is loaded
// on first use.
func (l *Library) Add(name, dir string) (AdapterInfo, error) {
	id, size, err := AdapterCID(dir)
	if err != nil {
		return AdapterInfo{}, fmt.Errorf("adapter %s: %w", name, err)
	}
	if err := model.CheckPEFT(dir, &l.cfg); err != nil {
		return AdapterInfo{}, fmt.Errorf("adapter %s: %w", name, err)
	}
	info := AdapterInfo{Name: name, CID: id, Base: l.base}
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := l.byName[name]; ok && old.CID != id {
		return AdapterInfo{}, fmt.Errorf("%w: adapter name %q already names %s", gpu.ErrBadRequest, name, old.CID)
	}
	l.byName[name] = info
	l.byCID[id] = dir
	l.cache.Register(id, adaptercache.Meta{Name: name, Base: l.base, Size: size})
	return info, nil
}

// Resolve finds an adapter by name or CID. With a fetch directory set, an
// unknown adapter CID resolves too: it is fetched from a peer when first
// acquired.
func (l *Library) Resolve(name string) (AdapterInfo, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if info, ok := l.byName[name]; ok {
		return info, true
	}
	for _, info := range l.byName {
		if info.CID == name {
			return info, true
		}
	}
	c, err := cid.Decode(name)
	if l.fetchDir == "" || err != nil || c.Type() != cid.Raw || c.String() != name {
		return AdapterInfo{}, false
	}
	info := AdapterInfo{Name: name, CID: name, Base: l.base}
	l.byName[name] = info
	l.byCID[name] = filepath.Join(l.fetchDir, name)
	l.cache.Register(name, adaptercache.Meta{Name: name, Base: l.base})
	return info, true
}

// Acquire pins the adapter with content ID id, loading it if needed.
func (l *Library) Acquire(ctx context.Context, id string) (*model.Adapter, func(), error) {
	return l.cache.Acquire(ctx, id)
}

// List describes every registered adapter for /v1/models.
func (l *Library) List() []gpu.ModelInfo {
	l.mu.RLock()
	defer l.mu.RUnlock()
	resident := map[string]bool{}
	for _, id := range l.cache.Resident() {
		resident[id] = true
	}
	out := make([]gpu.ModelInfo, 0, len(l.byName))
	for _, info := range l.byName {
		out = append(out, gpu.ModelInfo{ID: info.Name, Kind: "adapter", Base: info.Base, CID: info.CID, Loaded: resident[info.CID], Owner: info.Owner})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

type loader struct{ l *Library }

func (ld loader) LoadLocal(_ context.Context, id string) (*model.Adapter, int64, error) {
	ld.l.mu.RLock()
	dir, ok := ld.l.byCID[id]
	ld.l.mu.RUnlock()
	if ok {
		if _, err := os.Stat(filepath.Join(dir, model.AdapterFiles[1])); err != nil {
			ok = false
		}
	}
	if !ok {
		return nil, 0, fmt.Errorf("%w: %s", adaptercache.ErrNotLocal, id)
	}
	ld.l.mu.RLock()
	fetched := ld.l.fetchDir != "" && filepath.Dir(dir) == ld.l.fetchDir
	ld.l.mu.RUnlock()
	if !fetched {
		// hashed when it was registered
	} else if got, _, err := AdapterCID(dir); err != nil || got != id {
		return nil, 0, fmt.Errorf("%w: %s holds %s, not %s (%v)", model.ErrAdapter, dir, got, id, err)
	}
	a, err := model.LoadPEFT(dir, &ld.l.cfg)
	if err != nil {
		return nil, 0, err
	}
	a.CID = id
	a.Name = filepath.Base(dir)
	return a, a.Bytes(), nil
}
