package da

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// diskStore keeps payloads on disk, one file per blob, named by the hex of
// Commitment.Key (sha256 of the standard commitment bytes) under a two-hex
// fan-out directory: DIR/blobs/ab/abcd…. Writes go to DIR/tmp first, are
// fsynced, then renamed into place, so a crash never leaves a partial blob.
type diskStore struct {
	dir string
}

func openDiskStore(dir string) (*diskStore, error) {
	for _, d := range []string{dir, filepath.Join(dir, "blobs"), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("da: create store dir: %w", err)
		}
	}
	// Leftovers of writes interrupted by a crash.
	tmps, _ := filepath.Glob(filepath.Join(dir, "tmp", "put-*"))
	for _, t := range tmps {
		_ = os.Remove(t)
	}
	return &diskStore{dir: dir}, nil
}

// Path returns the file that holds the blob for key.
func (s *diskStore) Path(key [32]byte) string {
	h := hex.EncodeToString(key[:])
	return filepath.Join(s.dir, "blobs", h[:2], h)
}

func (s *diskStore) Has(key [32]byte) bool {
	_, err := os.Stat(s.Path(key))
	return err == nil
}

func (s *diskStore) Put(key [32]byte, payload []byte) error {
	final := s.Path(key)
	if s.Has(key) {
		return nil // content addressed: same key, same payload
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return fmt.Errorf("da: store: %w", err)
	}
	f, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "put-*")
	if err != nil {
		return fmt.Errorf("da: store: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(payload); err != nil {
		return fmt.Errorf("da: store write: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("da: store sync: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("da: store close: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("da: store rename: %w", err)
	}
	ok = true
	syncDir(filepath.Dir(final))
	return nil
}

// Get reads the payload for key, refusing files larger than limit.
func (s *diskStore) Get(key [32]byte, limit int64) ([]byte, error) {
	p := s.Path(key)
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("da: store: %w", err)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%w: stored blob is %d bytes", ErrPayloadTooLarge, st.Size())
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("da: store read: %w", err)
	}
	return b, nil
}

// syncDir makes a rename durable; errors are ignored where directories
// cannot be synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
