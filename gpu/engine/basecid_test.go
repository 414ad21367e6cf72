package engine

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBaseCIDIsContent(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	b := filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		os.Mkdir(d, 0o755)
		writeFile(t, filepath.Join(d, "config.json"), []byte(`{"hidden_size":8}`))
		writeFile(t, filepath.Join(d, "model.safetensors"), []byte("weights"))
	}
	writeFile(t, filepath.Join(b, "README.md"), []byte("not a weight file"))
	ca, err := BaseCID(a)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := BaseCID(b)
	if err != nil {
		t.Fatal(err)
	}
	if ca != cb {
		t.Fatalf("same weights, different CIDs: %s %s", ca, cb)
	}
	writeFile(t, filepath.Join(b, "model.safetensors"), []byte("weightz"))
	if cb2, _ := BaseCID(b); cb2 == ca {
		t.Fatal("a changed byte kept the CID")
	}
	if _, err := BaseCID(t.TempDir()); err == nil {
		t.Fatal("empty dir got a CID")
	}
	g := filepath.Join(dir, "m.gguf")
	writeFile(t, g, []byte("GGUF"))
	cg, err := BaseCID(g)
	if err != nil || cg == ca {
		t.Fatalf("gguf cid %q %v", cg, err)
	}
}

// The cache answers from the stored hash while size and mtime are
// unchanged, and re-hashes when they change.
func TestCIDCacheByPathAndMtime(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "m.gguf")
	writeFile(t, g, []byte("GGUF-one"))
	c := &CIDCache{File: filepath.Join(dir, "cids.json")}
	first, err := c.BaseCID(g)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(c.File)
	if st == nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("cache file %v", st)
	}
	// Same size and mtime, other bytes: a fresh cache (read from the file)
	// trusts the stored hash, which is what makes a restart cheap.
	fi, _ := os.Stat(g)
	writeFile(t, g, []byte("GGUF-two"))
	os.Chtimes(g, fi.ModTime(), fi.ModTime())
	c2 := &CIDCache{File: c.File}
	if got, _ := c2.BaseCID(g); got != first {
		t.Fatalf("cache not used: %s != %s", got, first)
	}
	// A new mtime re-hashes.
	later := fi.ModTime().Add(time.Second)
	os.Chtimes(g, later, later)
	got, _ := c2.BaseCID(g)
	want, _ := BaseCID(g)
	if got == first || got != want {
		t.Fatalf("after touch: %s (first %s, fresh %s)", got, first, want)
	}
}
