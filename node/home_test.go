package node

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestInitWritesHome(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home")
	h, err := Init(dir, DefaultConfig(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{P2PKeyFile, AccountKeyFile, TokenFile, ConfigFile} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", f, st.Mode().Perm())
		}
	}
	cfg, err := LoadConfig(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := EncodeConfig(DefaultConfig()); string(mustEncode(t, cfg)) != string(want) {
		t.Fatal("init did not write the defaults")
	}
	h2, err := OpenHome(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h2.PeerID() != h.PeerID() || h2.Account.Address() != h.Account.Address() || h2.Token != h.Token {
		t.Fatal("reopened home differs")
	}
	if len(h.Token) != 64 {
		t.Fatalf("token %q", h.Token)
	}
}

func TestInitRefusesOverwrite(t *testing.T) {
	dir := t.TempDir()
	h, err := Init(dir, DefaultConfig(), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Init(dir, DefaultConfig(), false); !errors.Is(err, ErrHomeExists) {
		t.Fatalf("second init: %v, want ErrHomeExists", err)
	}
	h2, err := Init(dir, DefaultConfig(), true)
	if err != nil {
		t.Fatalf("forced init: %v", err)
	}
	if h2.PeerID() == h.PeerID() {
		t.Fatal("forced init kept the old key")
	}
}

func TestOpenHomeMissing(t *testing.T) {
	if _, err := OpenHome(t.TempDir()); !errors.Is(err, ErrNoHome) {
		t.Fatalf("got %v, want ErrNoHome", err)
	}
}

func TestDirLockExcludes(t *testing.T) {
	dir := t.TempDir()
	l, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockDir(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	if err := l.release(); err != nil {
		t.Fatal(err)
	}
	l2, err := lockDir(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	l2.release()
}

func mustEncode(t *testing.T, c Config) []byte {
	t.Helper()
	b, err := EncodeConfig(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
