package node

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/provenet/provenet/account"
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

// init --force refuses while a node runs on the home, and moves the old
// config, keys, token and API keys to a backup folder instead of deleting
// them.
func TestInitForceLocksAndBacksUp(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig()
	old, err := Init(dir, cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, APIKeysFile), []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, DataDir, "keep"), []byte("data"), 0o600); err != nil {
		t.Fatal(err)
	}
	n := startNodeAt(t, cfg, old)
	if _, err := Init(dir, cfg, true); !errors.Is(err, ErrLocked) {
		t.Fatalf("init --force on a running home: %v, want ErrLocked", err)
	}
	if h, err := OpenHome(dir); err != nil || h.Account.Address() != old.Account.Address() {
		t.Fatalf("a refused init changed the home: %v", err)
	}
	if err := n.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	fresh, err := Init(dir, cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Account.Address() == old.Account.Address() {
		t.Fatal("init --force kept the account key")
	}
	backups, _ := os.ReadDir(filepath.Join(dir, BackupDir))
	if len(backups) != 1 {
		t.Fatalf("backups %v", backups)
	}
	bdir := filepath.Join(dir, BackupDir, backups[0].Name())
	k, err := account.Load(filepath.Join(bdir, AccountKeyFile))
	if err != nil || k.Address() != old.Account.Address() {
		t.Fatalf("backed-up account key %v %v", k, err)
	}
	for _, f := range []string{ConfigFile, P2PKeyFile, TokenFile, APIKeysFile} {
		if _, err := os.Stat(filepath.Join(bdir, f)); err != nil {
			t.Errorf("backup lacks %s: %v", f, err)
		}
	}
	if st, _ := os.Stat(bdir); st.Mode().Perm() != 0o700 {
		t.Errorf("backup mode %v", st.Mode())
	}
	if b, err := os.ReadFile(filepath.Join(dir, DataDir, "keep")); err != nil || string(b) != "data" {
		t.Fatalf("data lost: %q %v", b, err)
	}
}
