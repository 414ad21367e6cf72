package node

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/provenet/provenet/internal/clock"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
)

// Files inside a node's home directory.
const (
	ConfigFile     = "config.toml"
	P2PKeyFile     = "p2p.key"
	AccountKeyFile = "account.key"
	TokenFile      = "api.token"
	DataDir        = "data"
)

var (
	// ErrHomeExists reports an init over an existing home without force.
	ErrHomeExists = errors.New("node: home already initialised")
	// ErrNoHome reports a home directory that init has not set up.
	ErrNoHome = errors.New("node: home not initialised (run provenet init)")
)

// Home is a node's home directory and what it holds.
type Home struct {
	Dir     string
	P2PKey  crypto.PrivKey
	Account *account.Key
	Token   string
}

// PeerID is the node's libp2p identity.
func (h *Home) PeerID() peer.ID {
	id, _ := peer.IDFromPrivateKey(h.P2PKey)
	return id
}

// Path joins name onto the home directory.
func (h *Home) Path(name string) string { return filepath.Join(h.Dir, name) }

// BackupDir is where init --force moves a home's old config, keys, token
// and API keys: backup/<UTC time>/ under the home.
const BackupDir = "backup"

// initClock dates the backup a forced Init makes.
var initClock clock.Clock = clock.Real()

// Init creates a home with cfg written out in full, fresh keys and an API
// token. It refuses an existing home unless force is set. With force it
// takes the data directory's lock first (so it refuses, with ErrLocked,
// while a node runs on the home), moves the old config, keys, token and
// API keys to backup/<time>/ (mode 0700; nothing is deleted) and keeps
// the data directory.
func Init(dir string, cfg Config, force bool) (*Home, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil && !force {
		return nil, fmt.Errorf("%w: %s (use --force to overwrite config and keys)", ErrHomeExists, dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, DataDir), 0o700); err != nil {
		return nil, fmt.Errorf("node: init: %w", err)
	}
	if force {
		l, err := lockDir(filepath.Join(dir, DataDir))
		if err != nil {
			return nil, fmt.Errorf("node: init --force: %w (stop the node first)", err)
		}
		defer l.release()
		if _, err := backupHome(dir, initClock.Now().UTC()); err != nil {
			return nil, err
		}
	}
	p2pKey, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("node: init: %w", err)
	}
	acct, err := account.Generate()
	if err != nil {
		return nil, err
	}
	tok := make([]byte, 32)
	if _, err := rand.Read(tok); err != nil {
		return nil, fmt.Errorf("node: init: %w", err)
	}
	h := &Home{Dir: dir, P2PKey: p2pKey, Account: acct, Token: hex.EncodeToString(tok)}
	if err := h.write(cfg); err != nil {
		return nil, err
	}
	return h, nil
}

func (h *Home) write(cfg Config) error {
	raw, err := crypto.MarshalPrivateKey(h.P2PKey)
	if err != nil {
		return fmt.Errorf("node: init: %w", err)
	}
	if err := writeNew(h.Path(P2PKeyFile), raw); err != nil {
		return err
	}
	if err := h.Account.Save(h.Path(AccountKeyFile)); err != nil {
		return err
	}
	if err := writeNew(h.Path(TokenFile), []byte(h.Token+"\n")); err != nil {
		return err
	}
	return WriteConfig(h.Path(ConfigFile), cfg)
}

// WriteConfig writes cfg to path (mode 0600), replacing what is there.
func WriteConfig(path string, cfg Config) error {
	b, err := EncodeConfig(cfg)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("node: write config: %w", err)
	}
	return nil
}

func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("node: init: %w", err)
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// OpenHome loads the keys and token of an initialised home.
func OpenHome(dir string) (*Home, error) {
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNoHome, dir)
	}
	h := &Home{Dir: dir}
	raw, err := os.ReadFile(h.Path(P2PKeyFile))
	if err != nil {
		return nil, fmt.Errorf("node: p2p key: %w", err)
	}
	if h.P2PKey, err = crypto.UnmarshalPrivateKey(raw); err != nil {
		return nil, fmt.Errorf("node: p2p key %s: %w", h.Path(P2PKeyFile), err)
	}
	if h.Account, err = account.Load(h.Path(AccountKeyFile)); err != nil {
		return nil, err
	}
	tok, err := os.ReadFile(h.Path(TokenFile))
	if err != nil {
		return nil, fmt.Errorf("node: api token: %w", err)
	}
	h.Token = strings.TrimSpace(string(tok))
	return h, nil
}

// ReadToken reads the API token of the home at dir.
func ReadToken(dir string) (string, error) {
	tok, err := os.ReadFile(filepath.Join(dir, TokenFile))
	if err != nil {
		return "", fmt.Errorf("node: api token: %w", err)
	}
	return strings.TrimSpace(string(tok)), nil
}

// backupHome moves the files init --force replaces into
// backup/<at>/, and returns that folder ("" when there was nothing).
func backupHome(dir string, at time.Time) (string, error) {
	files := []string{ConfigFile, P2PKeyFile, AccountKeyFile, TokenFile, APIKeysFile}
	to := filepath.Join(dir, BackupDir, at.Format("20060102T150405.000000000Z"))
	made := false
	for _, f := range files {
		from := filepath.Join(dir, f)
		if _, err := os.Lstat(from); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if !made {
			if err := os.MkdirAll(to, 0o700); err != nil {
				return "", fmt.Errorf("node: init: backup: %w", err)
			}
			made = true
		}
		if err := os.Rename(from, filepath.Join(to, f)); err != nil {
			return "", fmt.Errorf("node: init: backup %s: %w", f, err)
		}
	}
	if !made {
		return "", nil
	}
	return to, nil
}
