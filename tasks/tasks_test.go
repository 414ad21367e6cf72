package tasks

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/account"
)

func testCID(s string) cid.Cid {
	sum := sha256.Sum256([]byte(s))
	mh, _ := multihash.Encode(sum[:], multihash.SHA2_256)
	return cid.NewCidV1(cid.DagCBOR, mh)
}

func key(t testing.TB) *account.Key {
	t.Helper()
	k, err := account.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var now = time.UnixMilli(1_790_000_000_000)

func TestCrawlTaskRoundTripAndAuthority(t *testing.T) {
	owner, other := key(t), key(t)
	dn := testCID("datanet")
	task := NewCrawl(dn, "http://127.0.0.1:8080/docs/", 50, now)
	if err := task.Sign(owner); err != nil {
		t.Fatal(err)
	}
	b, err := EncodeTask(task)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeTask(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID() != task.ID() || got.Validate(owner.Address()) != nil {
		t.Fatalf("round trip: %+v", got)
	}
	if err := got.Validate(other.Address()); !errors.Is(err, ErrNotAuthorized) {
		t.Fatalf("crawl task of another owner: %v", err)
	}
	got.MaxPages = 51
	if err := got.Validate(owner.Address()); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("tampered task: %v", err)
	}
	bad := NewCrawl(dn, "file:///etc/passwd", 1, now)
	_ = bad.Sign(owner)
	if err := bad.Validate(owner.Address()); !errors.Is(err, ErrInvalid) {
		t.Fatalf("non-http target: %v", err)
	}
}

func TestDerivedTasksAgreeEverywhere(t *testing.T) {
	dn, rec := testCID("d"), testCID("r")
	a, b := Derive(KindClassify, dn, rec), Derive(KindClassify, dn, rec)
	if a.ID() != b.ID() || a.ID() == Derive(KindValidate, dn, rec).ID() {
		t.Fatal("derived task ids")
	}
	if err := a.Validate(common.Address{}); err != nil {
		t.Fatal(err)
	}
	a.Target = "http://x"
	if err := a.Validate(common.Address{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("derived task with a target: %v", err)
	}
}

func TestResultRoundTripAndChecks(t *testing.T) {
	w := key(t)
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindClassify, dn, rec)
	r := NewResult(task, now)
	r.Accept, r.Label, r.Confidence = true, "science", 870
	if err := r.Sign(w); err != nil {
		t.Fatal(err)
	}
	b, err := EncodeResult(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeResult(b)
	if err != nil {
		t.Fatal(err)
	}
	schema := func(l string) bool { return l == "science" || l == "art" }
	if got.ID() != r.ID() || got.Validate(schema) != nil {
		t.Fatalf("round trip: %+v", got)
	}
	got.Label = "art"
	if err := got.Validate(schema); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("tampered label: %v", err)
	}
	odd := NewResult(task, now)
	odd.Label = "nonsense"
	odd.Accept = true
	_ = odd.Sign(w)
	if err := odd.Validate(schema); !errors.Is(err, ErrInvalid) {
		t.Fatalf("label outside schema: %v", err)
	}
	wrong := NewResult(task, now)
	wrong.Task = Derive(KindClassify, dn, testCID("other")).ID()
	_ = wrong.Sign(w)
	if err := wrong.Validate(schema); !errors.Is(err, ErrInvalid) {
		t.Fatalf("result for another record's task: %v", err)
	}
}

func addrs(n int) []common.Address {
	out := make([]common.Address, n)
	for i := range out {
		out[i] = common.BigToAddress(common.Big1.Lsh(common.Big1, uint(i+1)))
	}
	return out
}

func TestRankIsStableAndBalanced(t *testing.T) {
	workers := addrs(10)
	counts := map[common.Address]int{}
	for i := range 5000 {
		id := Derive(KindClassify, testCID("d"), testCID(fmt.Sprint(i))).ID()
		r := Rank(id, workers)
		shuffled := slices.Clone(workers)
		rand.New(rand.NewPCG(uint64(i), 1)).Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		if !slices.Equal(r, Rank(id, shuffled)) {
			t.Fatal("rank depends on input order")
		}
		counts[r[0]]++
	}
	for w, c := range counts {
		if c < 350 || c > 650 { // 500 expected
			t.Errorf("worker %s ranked first %d times of 5000", w.Hex(), c)
		}
	}
	// Removing a worker moves only the tasks it ranked first for.
	moved := 0
	for i := range 1000 {
		id := Derive(KindClassify, testCID("d"), testCID(fmt.Sprint(i))).ID()
		before := Rank(id, workers)[0]
		after := Rank(id, workers[1:])[0]
		if before != after {
			if before != workers[0] {
				t.Fatal("a task moved that the departed worker did not hold")
			}
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("the departed worker held nothing")
	}
}

func TestLeasesMoveOnExpiryAndNeverExceedR(t *testing.T) {
	workers := addrs(7)
	id := Derive(KindValidate, testCID("d"), testCID("r")).ID()
	ranked := Rank(id, workers)
	const r = 2
	lease := time.Minute
	hs := Holders(id, workers, r, now, now.Add(time.Second), lease, nil)
	if len(hs) != r || hs[0].Worker != ranked[0] || hs[1].Worker != ranked[1] {
		t.Fatalf("first holders: %+v", hs)
	}
	// Slot 0's worker answered; slot 1's went silent past its lease.
	done := func(a common.Address) bool { return a == ranked[0] }
	hs = Holders(id, workers, r, now, now.Add(lease+time.Second), lease, done)
	if !hs[0].Done || hs[0].Worker != ranked[0] {
		t.Fatalf("slot 0: %+v", hs[0])
	}
	if hs[1].Worker != ranked[3] || hs[1].Round != 1 {
		t.Fatalf("slot 1 after expiry: %+v, want %s in round 1", hs[1], ranked[3].Hex())
	}
	if ok, _ := Holds(ranked[1], id, workers, r, now, now.Add(lease+time.Second), lease, done); ok {
		t.Fatal("an expired worker still holds the task")
	}
	if ok, dl := Holds(ranked[3], id, workers, r, now, now.Add(lease+time.Second), lease, done); !ok || !dl.Equal(now.Add(2*lease)) {
		t.Fatalf("next worker: %v %v", ok, dl)
	}
}

func vote(t testing.TB, k *account.Key, dn, rec cid.Cid, accept bool, label string, at int64) *Result {
	t.Helper()
	r := NewResult(Derive(KindValidate, dn, rec), time.UnixMilli(at))
	r.Accept, r.Label = accept, label
	if err := r.Sign(k); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTallyQuorumWhitelistAndOrderIndependence(t *testing.T) {
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindValidate, dn, rec).ID()
	vals := []*account.Key{key(t), key(t), key(t), key(t)}
	p := Policy{Quorum: 3}
	for _, v := range vals {
		p.Validators = append(p.Validators, v.Address())
	}
	var votes []*Result
	// 50 sybils all vote to reject: they change nothing.
	for i := range 50 {
		votes = append(votes, vote(t, key(t), dn, rec, false, "", now.UnixMilli()+int64(i)))
	}
	votes = append(votes,
		vote(t, vals[0], dn, rec, true, "science", now.UnixMilli()+100),
		vote(t, vals[1], dn, rec, true, "art", now.UnixMilli()+200),
		vote(t, vals[2], dn, rec, true, "science", now.UnixMilli()+300),
	)
	o := Tally(p, task, votes)
	if o.Final || o.Counted != 3 || o.Ignored != 50 {
		t.Fatalf("before quorum: %+v", o)
	}
	decider := vote(t, vals[3], dn, rec, true, "science", now.UnixMilli()+400)
	votes = append(votes, decider, vote(t, vals[0], dn, rec, false, "", now.UnixMilli()+500)) // a second vote by vals[0] after the decision is late
	o = Tally(p, task, votes)
	if !o.Final || o.Verdict != (Verdict{true, "science"}) || o.Agree != 3 || o.Decider != decider.ID() {
		t.Fatalf("at quorum: %+v", o)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 50 {
		rng.Shuffle(len(votes), func(i, j int) { votes[i], votes[j] = votes[j], votes[i] })
		if got := Tally(p, task, votes); got != o {
			t.Fatalf("order changed the outcome: %+v vs %+v", got, o)
		}
	}
}

func TestGoldCommitReveal(t *testing.T) {
	owner, mallory := key(t), key(t)
	dn := testCID("d")
	entries := []GoldEntry{{testCID("g1"), Verdict{true, "science"}}, {testCID("g2"), Verdict{false, ""}}}
	commit, reveals, err := NewGold(owner, dn, entries, now)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := EncodeGoldCommit(commit)
	commit2, err := DecodeGoldCommit(b)
	if err != nil || commit2.Validate(owner.Address()) != nil {
		t.Fatalf("commit round trip: %v", err)
	}
	for _, r := range reveals {
		rb, _ := EncodeGoldReveal(r)
		r2, err := DecodeGoldReveal(rb)
		if err != nil {
			t.Fatal(err)
		}
		if err := r2.Validate(owner.Address(), []*GoldCommit{commit2}); err != nil {
			t.Fatalf("reveal: %v", err)
		}
	}
	// Changing the answer after the fact breaks the commitment.
	forged := *reveals[0]
	forged.Verdict.Label = "art"
	sig, _ := sign(owner, forged.wire(false))
	forged.Signature = sig
	if err := forged.Validate(owner.Address(), []*GoldCommit{commit2}); !errors.Is(err, ErrNotAuthorized) {
		t.Fatalf("changed answer: %v", err)
	}
	if err := commit2.Validate(mallory.Address()); !errors.Is(err, ErrNotAuthorized) {
		t.Fatalf("commit by someone else: %v", err)
	}
}

func FuzzDecodeResult(f *testing.F) {
	k, _ := account.Generate()
	r := NewResult(Derive(KindClassify, testCID("d"), testCID("r")), now)
	r.Accept, r.Label = true, "x"
	_ = r.Sign(k)
	b, _ := EncodeResult(r)
	f.Add(b)
	f.Add([]byte{0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeResult(data)
		if err != nil {
			return
		}
		again, err := EncodeResult(r)
		if err != nil || string(again) != string(data) {
			t.Fatalf("decoded result does not re-encode to the same bytes")
		}
		_ = r.Validate(nil)
	})
}

func FuzzDecodeTask(f *testing.F) {
	k, _ := account.Generate()
	tk := NewCrawl(testCID("d"), "https://example.org/", 3, now)
	_ = tk.Sign(k)
	b, _ := EncodeTask(tk)
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		tk, err := DecodeTask(data)
		if err != nil {
			return
		}
		again, err := EncodeTask(tk)
		if err != nil || string(again) != string(data) {
			t.Fatalf("decoded task does not re-encode to the same bytes")
		}
		_ = tk.Validate(common.Address{})
	})
}

func BenchmarkTally(b *testing.B) {
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindValidate, dn, rec).ID()
	var p Policy
	var votes []*Result
	for i := range 7 {
		k, _ := account.Generate()
		p.Validators = append(p.Validators, k.Address())
		votes = append(votes, vote(b, k, dn, rec, true, "science", now.UnixMilli()+int64(i)))
	}
	p.Quorum = 5
	for b.Loop() {
		if !Tally(p, task, votes).Final {
			b.Fatal("not final")
		}
	}
}
