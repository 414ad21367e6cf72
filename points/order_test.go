package points

import (
	"bytes"
	"math"
	randv1 "math/rand"
	"math/rand/v2"
	"testing"
	"testing/quick"
)

var propCfg = genConfig{records: 250, workers: 30, validators: 5, datanets: 3, epochs: 5}

// replay adds evs in a shuffled order, with duplicates re-added and
// queries interleaved at random points so that records are rescored many
// times from partial event sets.
func replay(t testing.TB, evs []Event, r *rand.Rand) *Ledger {
	order := append([]Event(nil), evs...)
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	l := NewLedger()
	for i, e := range order {
		if _, err := l.Add(e); err != nil {
			t.Fatal(err)
		}
		switch r.IntN(60) {
		case 0:
			l.Balances(math.MaxUint64)
		case 1:
			l.Snapshot(e.Epoch)
		case 2:
			l.Add(order[r.IntN(i+1)]) // a duplicate delivery
		case 3:
			l.Leaderboard(e.Datanet, uint64(r.IntN(propCfg.epochs)), 5)
		}
	}
	return l
}

// TestOrderIndependence: the same event set added in 60 shuffled orders
// gives byte-identical state (balances, leaderboards, gold accuracy,
// digests and every epoch's snapshot root).
func TestOrderIndependence(t *testing.T) {
	evs := genEvents(1, propCfg)
	ref := NewLedger()
	if _, err := ref.AddAll(evs); err != nil {
		t.Fatal(err)
	}
	want := stateBytes(ref)
	s, err := ref.Snapshot(math.MaxUint64)
	if err != nil || len(s.Entries) < 20 {
		t.Fatalf("generator too thin: %d entries, %v", len(s.Entries), err)
	}
	for seed := range uint64(60) {
		l := replay(t, evs, rand.New(rand.NewPCG(seed, 99)))
		if got := stateBytes(l); !bytes.Equal(got, want) {
			t.Fatalf("seed %d: state differs from in-order replay", seed)
		}
		if l.Len() != len(evs) {
			t.Fatalf("seed %d: Len %d want %d", seed, l.Len(), len(evs))
		}
	}
}

// TestOrderIndependenceQuick runs the same property through testing/quick
// over random event sets and random orders.
func TestOrderIndependenceQuick(t *testing.T) {
	prop := func(setSeed, orderA, orderB uint64) bool {
		evs := genEvents(setSeed, genConfig{records: 60, workers: 12, validators: 3, datanets: 2, epochs: 4})
		a := replay(t, evs, rand.New(rand.NewPCG(orderA, 1)))
		b := replay(t, evs, rand.New(rand.NewPCG(orderB, 2)))
		return bytes.Equal(stateBytes(a), stateBytes(b))
	}
	cfg := &quick.Config{MaxCount: 40, Rand: randv1.New(randv1.NewSource(7))} // fixed seed
	if err := quick.Check(prop, cfg); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotFinality: Snapshot(E) depends only on events of epochs <= E,
// so events of later epochs never change a past snapshot.
func TestSnapshotFinality(t *testing.T) {
	evs := genEvents(3, propCfg)
	full := NewLedger()
	full.AddAll(evs)
	for e := range uint64(propCfg.epochs + 2) {
		part := NewLedger()
		for _, ev := range evs {
			if ev.Epoch <= e {
				part.Add(ev)
			}
		}
		a, errA := full.Snapshot(e)
		b, errB := part.Snapshot(e)
		if a.Root != b.Root || (errA == nil) != (errB == nil) {
			t.Fatalf("epoch %d: root %x with all events, %x with events <= %d", e, a.Root, b.Root, e)
		}
		if full.Digest(e) != part.Digest(e) {
			t.Fatalf("epoch %d digest", e)
		}
	}
}

// TestReconcile: two ledgers with overlapping halves converge through the
// Epochs / IDs / Unknown / Missing helpers.
func TestReconcile(t *testing.T) {
	evs := genEvents(5, propCfg)
	r := rand.New(rand.NewPCG(5, 5))
	a, b := NewLedger(), NewLedger()
	for _, e := range evs {
		switch r.IntN(3) {
		case 0:
			a.Add(e)
		case 1:
			b.Add(e)
		default:
			a.Add(e)
			b.Add(e)
		}
	}
	if bytes.Equal(stateBytes(a), stateBytes(b)) {
		t.Fatal("halves should differ before reconciling")
	}
	// a pulls from b: for every epoch whose digest differs, a asks for the
	// IDs it lacks and b sends them.
	bEpochs := b.Epochs()
	for _, ei := range bEpochs {
		if a.Digest(ei.Epoch) == ei.Digest {
			continue
		}
		want := a.Unknown(b.IDs(ei.Epoch))
		sent := b.Missing(ei.Epoch, a.IDs(ei.Epoch))
		if len(want) != len(sent) {
			t.Fatalf("epoch %d: a lacks %d, b sends %d", ei.Epoch, len(want), len(sent))
		}
		if _, err := a.AddAll(sent); err != nil {
			t.Fatal(err)
		}
	}
	// and b pulls from a.
	for _, ei := range a.Epochs() {
		if b.Digest(ei.Epoch) != ei.Digest {
			b.AddAll(a.Missing(ei.Epoch, b.IDs(ei.Epoch)))
		}
	}
	full := NewLedger()
	full.AddAll(evs)
	want := stateBytes(full)
	if !bytes.Equal(stateBytes(a), want) || !bytes.Equal(stateBytes(b), want) {
		t.Fatal("reconciled ledgers differ from the full set")
	}
	for _, ei := range full.Epochs() {
		evsA := a.Events(ei.Epoch)
		if len(evsA) != ei.Events {
			t.Fatalf("Events(%d): %d want %d", ei.Epoch, len(evsA), ei.Events)
		}
		for i := 1; i < len(evsA); i++ {
			if bytes.Compare(evsA[i-1].ID[:], evsA[i].ID[:]) >= 0 {
				t.Fatal("Events not sorted by ID")
			}
		}
	}
	if got := a.Unknown(append(a.IDs(0), idOf("x"), idOf("x"))); len(got) != 1 {
		t.Fatalf("Unknown: %d", len(got))
	}
}
