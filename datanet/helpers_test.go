package datanet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/account"
)

// testTime is a fixed creation time, so that encodings and IDs are
// reproducible.
var testTime = time.UnixMilli(1_700_000_000_000)

var (
	testKeysMu sync.Mutex
	testKeys   = map[int]*account.Key{}
)

// testKey returns a deterministic account key for index i. Deterministic
// keys make signatures reproducible (RFC 6979 nonces), which the golden
// vectors rely on.
func testKey(tb testing.TB, i int) *account.Key {
	tb.Helper()
	testKeysMu.Lock()
	defer testKeysMu.Unlock()
	if k, ok := testKeys[i]; ok {
		return k
	}
	priv, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("provenet datanet test key %d", i))))
	if err != nil {
		tb.Fatalf("test key %d: %v", i, err)
	}
	k := account.FromECDSA(priv)
	testKeys[i] = k
	return k
}

// Key indexes used by the tests.
const (
	ownerKey      = 0
	submitterKey  = 1
	submitter2Key = 2
	validatorKey  = 10 // 10, 11, 12 are validators
)

var testLabels = []string{"neutral", "negative", "positive"}

// newTestDatanet returns a Datanet signed by the owner key with three
// validators and a quorum of two.
func newTestDatanet(tb testing.TB, name string, labels []string) *Datanet {
	tb.Helper()
	vals := []common.Address{
		testKey(tb, validatorKey+2).Address(),
		testKey(tb, validatorKey).Address(),
		testKey(tb, validatorKey+1).Address(),
	}
	d := NewDatanet(name, "a datanet for tests", labels, vals, 2, testTime)
	if err := d.Sign(testKey(tb, ownerKey)); err != nil {
		tb.Fatalf("sign datanet: %v", err)
	}
	return d
}

// newSignedRecord returns a record for dn signed by key index signer.
func newSignedRecord(tb testing.TB, dn *Datanet, signer int, content, label string) *Record {
	tb.Helper()
	r := NewRecord(dn.ID(), content, "https://example.org/"+fmt.Sprint(len(content)), label, testTime)
	if err := r.Sign(testKey(tb, signer)); err != nil {
		tb.Fatalf("sign record: %v", err)
	}
	return r
}

// newRecords returns n signed records with distinct contents.
func newRecords(tb testing.TB, dn *Datanet, signer int, prefix string, n int) []*Record {
	tb.Helper()
	out := make([]*Record, n)
	for i := range out {
		out[i] = newSignedRecord(tb, dn, signer, fmt.Sprintf("%s record %d", prefix, i), "")
	}
	return out
}

// tbWriter sends log lines to t.Log.
type tbWriter struct{ tb testing.TB }

func (w tbWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func testLogger(tb testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tbWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// testConfig is the default configuration in a fresh temporary directory,
// without fsync (durability has its own test) and with small caches.
func testConfig(tb testing.TB) StoreConfig {
	tb.Helper()
	cfg := DefaultStoreConfig(tb.TempDir())
	cfg.SyncWrites = false
	cfg.MemTableSize = 8 << 20
	cfg.ValueLogFileSize = 16 << 20
	return cfg
}

// openStore opens a store and closes it when the test ends.
func openStore(tb testing.TB, cfg StoreConfig) *Store {
	tb.Helper()
	s, err := Open(cfg, testLogger(tb))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return s
}

// mustPutDatanet stores dn and requires that it is new.
func mustPutDatanet(tb testing.TB, s *Store, dn *Datanet) {
	tb.Helper()
	created, err := s.PutDatanet(context.Background(), dn)
	if err != nil {
		tb.Fatalf("PutDatanet: %v", err)
	}
	if !created {
		tb.Fatalf("PutDatanet: created false for a new datanet")
	}
}

// mustPutRecords stores recs and requires that every one is new.
func mustPutRecords(tb testing.TB, s *Store, recs []*Record) []PutResult {
	tb.Helper()
	res, err := s.PutRecords(context.Background(), recs)
	if err != nil {
		tb.Fatalf("PutRecords: %v", err)
	}
	for i, r := range res {
		if r.Err != nil || !r.Created {
			tb.Fatalf("PutRecords[%d]: created=%v err=%v", i, r.Created, r.Err)
		}
	}
	return res
}

// wantErr fails unless err matches every target.
func wantErr(tb testing.TB, what string, err error, targets ...error) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("%s: got nil error, want %v", what, targets)
	}
	for _, target := range targets {
		if !errors.Is(err, target) {
			tb.Fatalf("%s: got %v, want errors.Is %v", what, err, target)
		}
	}
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
