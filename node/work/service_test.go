package work

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/points"
)

// noNet is a Network for tests that never start the service.
type noNet struct{}

func (noNet) ID() peer.ID                                    { return "self" }
func (noNet) Join(string, p2p.Validator) (*p2p.Topic, error) { return nil, errors.New("no network") }
func (noNet) Handle(protocol.ID, p2p.RequestHandler)         {}
func (noNet) Request(context.Context, peer.ID, protocol.ID, []byte) ([]byte, error) {
	return nil, errors.New("no network")
}

// noRecords is a Records for tests that submit nothing.
type noRecords struct{}

func (noRecords) Submit(context.Context, cid.Cid, string, string) (cid.Cid, error) {
	return cid.Undef, errors.New("no records")
}
func (noRecords) CheckRecord([]byte) (*datanet.Record, error)    { return nil, errors.New("no records") }
func (noRecords) IsExtraSubmission(*datanet.Record, []byte) bool { return false }

func newTestService(t *testing.T, clk clock.Clock) *Service {
	t.Helper()
	dir := t.TempDir()
	st, err := datanet.Open(datanet.DefaultStoreConfig(filepath.Join(dir, "data")), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	k, _ := account.Generate()
	w, err := New(Deps{Config: DefaultConfig(), Dir: filepath.Join(dir, "tasks"), Store: st, Net: noNet{}, Records: noRecords{},
		Account: k, Epochs: points.Epochs{Length: time.Hour}, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// TestLiveWorkersFollowTheClock: a worker stays live PresenceTTL
// announcement intervals after it was last heard, by the injected clock,
// and this node is always live.
func TestLiveWorkersFollowTheClock(t *testing.T) {
	clk := clock.NewFake(time.UnixMilli(1_790_000_000_000))
	w := newTestService(t, clk)
	other, _ := account.Generate()
	w.Saw(other.Address(), "other", clk.Now())
	if got := len(w.LiveWorkers()); got != 2 {
		t.Fatalf("live workers = %d, want 2", got)
	}
	ttl := time.Duration(PresenceTTL) * DefaultConfig().PresenceEvery.D()
	clk.Advance(ttl)
	if got := len(w.LiveWorkers()); got != 2 {
		t.Fatalf("at the TTL: live workers = %d, want 2", got)
	}
	clk.Advance(time.Millisecond)
	live := w.LiveWorkers()
	if len(live) != 1 || live[0] != w.me() {
		t.Fatalf("after the TTL: live = %v, want only this node", live)
	}
	if p, ok := w.PeerOf(other.Address()); !ok || p != "other" {
		t.Fatalf("PeerOf = %v %v", p, ok)
	}
	if e := w.CurrentEpoch(); e != w.Epoch(clk.Now().UnixMilli()) {
		t.Fatalf("CurrentEpoch = %d, want the clock's", e)
	}
}

func TestNewRefusesMissingDeps(t *testing.T) {
	if _, err := New(Deps{Config: DefaultConfig()}); !errors.Is(err, ErrMissingDep) {
		t.Fatalf("got %v, want ErrMissingDep", err)
	}
	cfg := DefaultConfig()
	cfg.Replication = 0
	if err := cfg.Validate(); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("got %v, want ErrInvalidConfig", err)
	}
}

func TestFitRecord(t *testing.T) {
	para := strings.Repeat("word ", 100) + "\n\n"
	long := strings.Repeat(para, datanet.MaxContentBytes/len(para)+10)
	got := fitRecord(long)
	if len(got) > datanet.MaxContentBytes || len(got) < datanet.MaxContentBytes/2 || !strings.HasSuffix(got, "word ") {
		t.Fatalf("fitRecord: %d bytes, ends %q", len(got), got[len(got)-10:])
	}
	if fitRecord("short") != "short" {
		t.Fatal("short text changed")
	}
	runes := strings.Repeat("é", datanet.MaxContentBytes) // no line breaks, 2-byte runes
	if got := fitRecord(runes); len(got) > datanet.MaxContentBytes || !utf8.ValidString(got) {
		t.Fatalf("rune cut: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}
