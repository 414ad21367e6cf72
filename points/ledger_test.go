package points

import (
	"errors"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

func TestAddValidation(t *testing.T) {
	good := sub("r1", s1, 1, 100)
	bad := func(f func(*Event)) Event { e := good; f(&e); return e }
	cases := []struct {
		name string
		e    Event
		want error
	}{
		{"unknown kind", bad(func(e *Event) { e.Kind = 9 }), ErrUnknownKind},
		{"zero kind", bad(func(e *Event) { e.Kind = 0 }), ErrUnknownKind},
		{"zero ID", bad(func(e *Event) { e.ID = [32]byte{} }), ErrInvalidEvent},
		{"no datanet", bad(func(e *Event) { e.Datanet = "" }), ErrInvalidEvent},
		{"no record", bad(func(e *Event) { e.Record = "" }), ErrInvalidEvent},
		{"no submitter", bad(func(e *Event) { e.Actor = common.Address{} }), ErrInvalidEvent},
		{"answer without role", bad(func(e *Event) { e.Kind = KindAnswer }), ErrInvalidEvent},
		{"outcome without state", bad(func(e *Event) { e.Kind = KindOutcome }), ErrInvalidEvent},
	}
	l := NewLedger()
	for _, tc := range cases {
		added, err := l.Add(tc.e)
		if added || !errors.Is(err, tc.want) {
			t.Errorf("%s: added=%v err=%v, want %v", tc.name, added, err, tc.want)
		}
	}
	if l.Len() != 0 {
		t.Fatalf("rejected events were stored: %d", l.Len())
	}
	// An outcome needs no actor.
	if _, err := l.Add(outNews); err != nil {
		t.Fatal(err)
	}
	// AddAll keeps the good ones and joins the errors.
	n, err := l.AddAll([]Event{good, cases[0].e, cases[2].e})
	if n != 1 || !errors.Is(err, ErrUnknownKind) || !errors.Is(err, ErrInvalidEvent) {
		t.Fatalf("AddAll: n=%d err=%v", n, err)
	}
}

func TestAddIdempotent(t *testing.T) {
	evs := []Event{sub("r1", s1, 1, 100), ans("r1", v1, validator, accept, "news", 1, 200), outNews}
	l := NewLedger()
	for _, e := range evs {
		if added, err := l.Add(e); !added || err != nil {
			t.Fatalf("first add: %v %v", added, err)
		}
	}
	before := stateBytes(l)
	for range 3 {
		for _, e := range evs {
			if added, err := l.Add(e); added || err != nil {
				t.Fatalf("re-add: %v %v", added, err)
			}
		}
	}
	if n, err := l.AddAll(evs); n != 0 || err != nil {
		t.Fatalf("AddAll re-add: %d %v", n, err)
	}
	if l.Len() != len(evs) {
		t.Fatalf("Len %d", l.Len())
	}
	if string(stateBytes(l)) != string(before) {
		t.Fatal("re-adding changed the state")
	}
	// Same ID, different content: an error, and the first event stays.
	forged := evs[0]
	forged.Actor = s2
	if added, err := l.Add(forged); added || !errors.Is(err, ErrIDConflict) {
		t.Fatalf("conflict: %v %v", added, err)
	}
	if string(stateBytes(l)) != string(before) {
		t.Fatal("a conflicting event changed the state")
	}
	if !l.Has(evs[0].ID) || l.Has(idOf("nope")) {
		t.Fatal("Has")
	}
}

func TestGoldAccuracy(t *testing.T) {
	l := NewLedger()
	for i := range 10 {
		rec := string(rune('a' + i))
		l.Add(outcome(rec, golden, "news", true, 1, 1000))
		l.Add(ans(rec, c1, classifier, accept, "news", 1, 100)) // always right
		label := "news"
		if i%4 == 0 { // wrong on a, e, i
			label = "spam"
		}
		l.Add(ans(rec, c2, classifier, accept, label, 1, 100))
	}
	// Non-gold records do not count towards gold accuracy.
	l.Add(outcome("plain", golden, "news", false, 1, 1000))
	l.Add(ans("plain", c2, classifier, accept, "news", 1, 100))
	if got := l.GoldAccuracy(c1); got != (Accuracy{Correct: 10, Total: 10}) || got.Permille() != 1000 {
		t.Fatalf("c1 %+v", got)
	}
	got := l.GoldAccuracy(c2)
	if got != (Accuracy{Correct: 7, Total: 10}) || got.Permille() != 700 || got.Ratio() != 0.7 {
		t.Fatalf("c2 %+v", got)
	}
	if got := l.GoldAccuracy(c3); got != (Accuracy{}) || got.Permille() != 0 {
		t.Fatalf("c3 %+v", got)
	}
	want := map[common.Address]int64{
		c1: 10 * GoldCorrectPoints,
		c2: 7*GoldCorrectPoints + 3*GoldWrongPoints + ClassifierBasePoints,
	}
	if b := balancesMap(l, math.MaxUint64); b[c1] != want[c1] || b[c2] != want[c2] {
		t.Fatalf("balances %v want %v", b, want)
	}
}

// TestLiarsVsHonest: 10 honest workers answer correctly, 3 liars answer at
// random; outcomes follow the honest majority. Every liar must end below
// every honest worker.
func TestLiarsVsHonest(t *testing.T) {
	for _, tc := range []struct {
		seed       uint64
		validators int // how many of the honest workers answer as validators
	}{{1, 3}, {2, 3}, {3, 0}, {4, 0}, {5, 10}} {
		seed := tc.seed
		l := NewLedger()
		r := newRand(seed)
		labels := []string{"news", "spam", "code", "poetry"}
		honest := make([]common.Address, 10)
		liars := make([]common.Address, 3)
		for i := range honest {
			honest[i] = addr(100 + i)
		}
		for i := range liars {
			liars[i] = addr(200 + i)
		}
		for i := range 200 {
			rec := "rec" + string(rune(0x100+i))
			isGolden := r.IntN(5) != 0
			truth := labels[r.IntN(len(labels))]
			label := truth
			if !isGolden {
				label = ""
			}
			for j, h := range honest {
				role := classifier
				if j < tc.validators {
					role = validator
				}
				l.Add(ans(rec, h, role, isGolden, label, 1, int64(100+j)))
			}
			for j, x := range liars {
				acc := r.IntN(2) == 0
				lab := labels[r.IntN(len(labels))]
				if !acc {
					lab = ""
				}
				l.Add(ans(rec, x, classifier, acc, lab, 1, int64(200+j)))
			}
			state := golden
			if !isGolden {
				state = rejected
			}
			l.Add(outcome(rec, state, label, false, 1, 1000))
		}
		b := balancesMap(l, math.MaxUint64)
		minHonest := int64(math.MaxInt64)
		for _, h := range honest {
			minHonest = min(minHonest, b[h])
		}
		for _, x := range liars {
			if b[x] >= minHonest {
				t.Fatalf("seed %d: liar %x has %d >= lowest honest %d (all: %v)", seed, x, b[x], minHonest, b)
			}
		}
		t.Logf("seed %d: lowest honest %d, liars %d %d %d", seed, minHonest, b[liars[0]], b[liars[1]], b[liars[2]])
	}
}

// TestSybils: many classifier addresses answering wrong change nothing for
// the validators, earn nothing, and are penalised against a validator
// consensus. Outcomes are inputs, so sybils cannot change them here.
func TestSybils(t *testing.T) {
	build := func(sybils int) *Ledger {
		l := NewLedger()
		for i := range 20 {
			rec := "rec" + string(rune('A'+i))
			l.Add(sub(rec, s1, 1, 10))
			for j, v := range []common.Address{v1, v2, v3} {
				l.Add(ans(rec, v, validator, accept, "news", 1, int64(100+j)))
			}
			l.Add(ans(rec, c1, classifier, accept, "news", 1, 150))
			for k := range sybils {
				l.Add(ans(rec, addr(10_000+k), classifier, accept, "spam", 1, int64(200+k)))
			}
			l.Add(outcome(rec, golden, "news", false, 1, 5000))
		}
		return l
	}
	clean, attacked := balancesMap(build(0), math.MaxUint64), balancesMap(build(500), math.MaxUint64)
	for _, a := range []common.Address{s1, v1, v2, v3, c1} {
		if clean[a] != attacked[a] || clean[a] <= 0 {
			t.Fatalf("%x: %d without sybils, %d with", a, clean[a], attacked[a])
		}
	}
	for k := range 500 {
		if got := attacked[addr(10_000+k)]; got != 20*ClassifierConsensusPenalty {
			t.Fatalf("sybil %d: %d", k, got)
		}
	}

	// Without validators the classifiers are the reference. Sybils that
	// outnumber the honest break the consensus, so they are not penalised,
	// but wrong answers still earn nothing.
	l := NewLedger()
	l.Add(ans("x", c1, classifier, accept, "news", 1, 100))
	for k := range 50 {
		l.Add(ans("x", addr(10_000+k), classifier, accept, "spam", 1, int64(200+k)))
	}
	l.Add(outcome("x", golden, "news", false, 1, 5000))
	b := balancesMap(l, math.MaxUint64)
	for k := range 50 {
		if b[addr(10_000+k)] > 0 {
			t.Fatalf("sybil earned %d", b[addr(10_000+k)])
		}
	}
	if b[c1] <= 0 {
		t.Fatalf("honest classifier %d", b[c1])
	}
}

func TestSnapshotProofs(t *testing.T) {
	l := NewLedger()
	if _, err := l.Snapshot(1); !errors.Is(err, ErrEmptySnapshot) {
		t.Fatalf("empty: %v", err)
	}
	evs := genEvents(42, genConfig{records: 400, workers: 60, validators: 8, datanets: 3, epochs: 6})
	if _, err := l.AddAll(evs); err != nil {
		t.Fatal(err)
	}
	sawNegative := false
	for _, ei := range l.Epochs() {
		s, err := l.Snapshot(ei.Epoch)
		if errors.Is(err, ErrEmptySnapshot) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		bal := balancesMap(l, ei.Epoch)
		if len(s.Entries) != len(bal) {
			t.Fatalf("epoch %d: %d entries, %d balances", ei.Epoch, len(s.Entries), len(bal))
		}
		for i, e := range s.Entries {
			if i > 0 && string(s.Entries[i-1].Address[:]) >= string(e.Address[:]) {
				t.Fatal("entries not sorted by address")
			}
			if e.Net != bal[e.Address] || e.Points != uint64(max(e.Net, 0)) {
				t.Fatalf("entry %+v, balance %d", e, bal[e.Address])
			}
			sawNegative = sawNegative || e.Net < 0
			p, err := s.Proof(e.Address)
			if err != nil {
				t.Fatal(err)
			}
			if !VerifyProof(s.Root, e.Address, s.Epoch, e.Points, p) {
				t.Fatalf("proof of %x does not verify", e.Address)
			}
			if VerifyProof(s.Root, e.Address, s.Epoch, e.Points+1, p) {
				t.Fatal("proof verifies a wrong amount")
			}
		}
	}
	if !sawNegative {
		t.Fatal("generator produced no negative balance; clamping untested")
	}
	s, _ := l.Snapshot(math.MaxUint64)
	if _, err := s.Proof(addr(999_999)); !errors.Is(err, ErrNotInSnapshot) {
		t.Fatalf("unknown address: %v", err)
	}
}

func TestLeaderboard(t *testing.T) {
	l := NewLedger()
	other := "bafy-net-2"
	l.AddAll([]Event{
		sub("r1", s1, 1, 10), outNews, // s1 +50 on testNet
		ans("r1", v1, validator, accept, "news", 1, 100), // v1 +20
		ans("r1", v2, validator, accept, "news", 1, 110), // v2 +20
	})
	e := sub("r9", s2, 2, 10)
	e.Datanet = other
	o := outcome("r9", golden, "x", false, 2, 1000)
	o.Datanet = other
	l.AddAll([]Event{e, o}) // s2 +50 on other, epoch 2

	all := l.Leaderboard("", math.MaxUint64, 0)
	wantOrder := []common.Address{s1, s2, v1, v2} // 50, 50, 20, 20: ties by address
	if len(all) != 4 {
		t.Fatalf("overall %v", all)
	}
	for i, s := range all {
		if s.Address != wantOrder[i] || s.Rank != i+1 {
			t.Fatalf("row %d: %+v", i, s)
		}
	}
	if top := l.Leaderboard("", math.MaxUint64, 1); len(top) != 1 || top[0].Address != s1 {
		t.Fatalf("limit: %v", top)
	}
	if n := l.Leaderboard(other, math.MaxUint64, 0); len(n) != 1 || n[0].Address != s2 || n[0].Points != 50 {
		t.Fatalf("per datanet: %v", n)
	}
	if n := l.Leaderboard(other, 1, 0); len(n) != 0 {
		t.Fatalf("up to epoch 1: %v", n)
	}
	if n := l.Leaderboard("unknown", math.MaxUint64, 0); len(n) != 0 {
		t.Fatalf("unknown datanet: %v", n)
	}
	if d := l.Datanets(); !slices.Equal(d, []string{testNet, other}) && !slices.Equal(d, []string{other, testNet}) {
		t.Fatalf("datanets %v", d)
	}
}

func TestConcurrentAdd(t *testing.T) {
	evs := genEvents(7, genConfig{records: 300, workers: 40, validators: 6, datanets: 2, epochs: 4})
	seq := NewLedger()
	seq.AddAll(evs)
	par := NewLedger()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(evs); i += 4 {
				if _, err := par.Add(evs[i]); err != nil {
					t.Error(err)
				}
				if i%97 == 0 {
					par.Balances(math.MaxUint64)
					par.Digest(evs[i].Epoch)
				}
			}
		})
	}
	wg.Wait()
	if string(stateBytes(seq)) != string(stateBytes(par)) {
		t.Fatal("concurrent adds gave a different state")
	}
}

func TestEpochs(t *testing.T) {
	e := Epochs{Length: time.Hour}
	h := time.Hour.Milliseconds()
	for _, c := range []struct {
		ms   int64
		want uint64
	}{{-5, 0}, {0, 0}, {1, 0}, {h - 1, 0}, {h, 1}, {5*h + 7, 5}} {
		if got := e.Of(c.ms); got != c.want {
			t.Errorf("Of(%d) = %d, want %d", c.ms, got, c.want)
		}
	}
	if end := e.End(4); end.UnixMilli() != 5*h || e.At(end) != 5 || e.Of(end.UnixMilli()-1) != 4 {
		t.Errorf("End(4) = %v", end)
	}
}
