package node

import (
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/node/payments"
	"github.com/provenet/provenet/pay"
)

// API key errors.
var (
	// ErrInvalidAPIKey: the /v1 request carries no key, a malformed one,
	// or one this node does not know or has revoked.
	ErrInvalidAPIKey = payments.ErrInvalidAPIKey
	// ErrAPIKeyNotFound: no key with that ID.
	ErrAPIKeyNotFound = errors.New("node: API key not found")
)

// APIKeysFile is where a node keeps its API keys, under the home: their
// sha256 only, never the key, mode 0600.
const APIKeysFile = "api-keys.json"

// APIKey is one stored key as the API lists it.
type APIKey struct {
	// ID is the first 16 hex digits of the key's sha256: how a key is
	// named to list or revoke it without showing it.
	ID string `json:"id"`
	// Hash is the sha256 of the key, hex.
	Hash string `json:"hash"`
	// Payer is the account the key spends from (the node's account when it
	// was created).
	Payer common.Address `json:"payer"`
	// Signer is the address of the session key the key holds, which signs
	// payment authorisations for Payer.
	Signer  common.Address `json:"signer"`
	Label   string         `json:"label,omitempty"`
	Created time.Time      `json:"created"`
	Revoked *time.Time     `json:"revoked,omitempty"`
}

// ParseAPIKey checks a key's form and returns its session key
// (pay.ParseAPIKey; the error matches ErrInvalidAPIKey too).
func ParseAPIKey(key string) (*account.Key, error) {
	k, err := pay.ParseAPIKey(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidAPIKey, err)
	}
	return k, nil
}

// apiKeys is the node's key store: a JSON file of APIKey, rewritten
// atomically on every change.
type apiKeys struct {
	path string
	now  func() time.Time

	mu   sync.Mutex
	keys []APIKey
}

func openAPIKeys(path string, now func() time.Time) (*apiKeys, error) {
	s := &apiKeys{path: path, now: now}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.keys); err != nil {
		return nil, fmt.Errorf("node: %s: %w", path, err)
	}
	return s, nil
}

// create makes, stores and returns a key for payer; the key itself is in
// the result only.
func (s *apiKeys) create(payer common.Address, label string) (string, APIKey, error) {
	key, signer, err := pay.NewAPIKey()
	if err != nil {
		return "", APIKey{}, err
	}
	h := pay.KeyHash(key)
	k := APIKey{ID: hex.EncodeToString(h[:8]), Hash: hex.EncodeToString(h[:]), Payer: payer, Signer: signer.Address(),
		Label: label, Created: s.now().UTC()}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, k)
	if err := s.saveLocked(); err != nil {
		s.keys = s.keys[:len(s.keys)-1]
		return "", APIKey{}, err
	}
	return key, k, nil
}

// list returns the stored keys, oldest first.
func (s *apiKeys) list() []APIKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]APIKey(nil), s.keys...)
}

// revoke marks key id revoked; revoking twice is not an error.
func (s *apiKeys) revoke(id string) (APIKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.keys {
		if s.keys[i].ID != id {
			continue
		}
		if s.keys[i].Revoked == nil {
			t := s.now().UTC()
			s.keys[i].Revoked = &t
			if err := s.saveLocked(); err != nil {
				s.keys[i].Revoked = nil
				return APIKey{}, err
			}
		}
		return s.keys[i], nil
	}
	return APIKey{}, fmt.Errorf("%w: %s", ErrAPIKeyNotFound, id)
}

// remove deletes key id (a key that never worked: its signer could not be
// bound on chain).
func (s *apiKeys) remove(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.keys {
		if s.keys[i].ID != id {
			continue
		}
		old := s.keys
		s.keys = append(append([]APIKey(nil), old[:i]...), old[i+1:]...)
		if err := s.saveLocked(); err != nil {
			s.keys = old
			return err
		}
		return nil
	}
	return fmt.Errorf("%w: %s", ErrAPIKeyNotFound, id)
}

// check finds the live key behind an Authorization header value
// ("Bearer pvn-…"), comparing hashes in constant time.
func (s *apiKeys) check(header string) (APIKey, error) {
	key, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return APIKey{}, fmt.Errorf("%w: send Authorization: Bearer <key> (provenet pay keys create)", ErrInvalidAPIKey)
	}
	if _, err := ParseAPIKey(key); err != nil {
		return APIKey{}, fmt.Errorf("%w: not a provenet API key", ErrInvalidAPIKey)
	}
	h := pay.KeyHash(key)
	want := hex.EncodeToString(h[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range s.keys {
		if subtle.ConstantTimeCompare([]byte(k.Hash), []byte(want)) == 1 {
			if k.Revoked != nil {
				return APIKey{}, fmt.Errorf("%w: key %s was revoked", ErrInvalidAPIKey, k.ID)
			}
			return k, nil
		}
	}
	return APIKey{}, fmt.Errorf("%w: %w", ErrInvalidAPIKey, errKeyUnknown)
}

// errKeyUnknown: the key is well-formed but not in this node's store (it
// may still be bound to a payer on the escrow).
var errKeyUnknown = payments.ErrKeyUnknown

func (s *apiKeys) saveLocked() error {
	b, err := json.MarshalIndent(s.keys, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), s.path)
}
