package tasks

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/provenet/provenet/account"
)

// votePolicy is a labelled policy of n validators with the given quorum.
func votePolicy(t *testing.T, n int, quorum uint32) (Policy, []*account.Key) {
	t.Helper()
	keys := make([]*account.Key, n)
	p := Policy{Quorum: quorum, Labelled: true}
	for i := range keys {
		keys[i] = key(t)
		p.Validators = append(p.Validators, keys[i].Address())
	}
	return p, keys
}

// TestSecondVoteReplacesTheFirstUntilFinal is the defect of issue 13: one
// validator held two conflicting votes on one record and both were shown.
// Now the later vote replaces the earlier one, and once the record is final
// a vote is late and CheckVote refuses it.
func TestSecondVoteReplacesTheFirstUntilFinal(t *testing.T) {
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindValidate, dn, rec).ID()
	p, k := votePolicy(t, 3, 2)
	at := now.UnixMilli()
	votes := []*Result{
		vote(t, k[0], dn, rec, true, "art", at+1),
		vote(t, k[0], dn, rec, true, "science", at+2), // replaces art
		vote(t, k[1], dn, rec, true, "art", at+3),
	}
	if o := Tally(p, task, votes); o.Final || o.Counted != 2 || o.Replaced != 1 {
		t.Fatalf("the replaced art vote still counts: %+v", o)
	}
	if eff := Effective(p, task, votes); len(eff) != 2 || eff[0] != votes[1] || eff[1] != votes[2] {
		t.Fatalf("effective votes %v, want the replacing one and k[1]'s", eff)
	}
	decider := vote(t, k[2], dn, rec, true, "science", at+4)
	votes = append(votes, decider)
	o := Tally(p, task, votes)
	if !o.Final || o.Verdict != (Verdict{true, "science"}) || o.Agree != 2 || o.Decider != decider.ID() || o.DecidedAt != at+4 {
		t.Fatalf("at quorum: %+v", o)
	}
	// After the decision: refused at the source, and late if it arrives.
	again := vote(t, k[1], dn, rec, true, "science", at+5)
	if err := CheckVote(p, task, votes, again); !errors.Is(err, ErrFinal) {
		t.Fatalf("a vote after final: %v, want ErrFinal", err)
	}
	flip := vote(t, k[0], dn, rec, true, "art", at+6)
	if got := Tally(p, task, append(slices.Clone(votes), again, flip)); got.Final != o.Final || got.Verdict != o.Verdict ||
		got.Decider != o.Decider || got.Late != 2 {
		t.Fatalf("late votes changed the outcome: %+v vs %+v", got, o)
	}
	// Before the decision a vote is still admitted.
	if err := CheckVote(p, task, votes[:3], again); err != nil {
		t.Fatalf("a vote on a pending record: %v", err)
	}
}

func TestVoteIsExactlyAcceptWithLabelOrReject(t *testing.T) {
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindValidate, dn, rec).ID()
	p, k := votePolicy(t, 2, 1)
	labels := []string{"art", "science"}
	cases := []struct {
		accept bool
		label  string
		ok     bool
		msg    string
	}{
		{true, "art", true, ""},
		{false, "", true, ""},
		{true, "", false, "an accept needs a label"},
		{false, "art", false, "a rejection carries no label"},
	}
	for _, c := range cases {
		v := vote(t, k[0], dn, rec, c.accept, c.label, now.UnixMilli())
		errs := map[string]error{
			"Check":          v.Verdict().Check(true),
			"ValidateSchema": v.ValidateSchema(labels),
			"CheckVote":      CheckVote(p, task, nil, v),
		}
		for name, err := range errs {
			if c.ok != (err == nil) {
				t.Errorf("%s(accept=%v label=%q) = %v, want ok=%v", name, c.accept, c.label, err, c.ok)
			}
			if err != nil && (!errors.Is(err, ErrVerdict) || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.msg)) {
				t.Errorf("%s(accept=%v label=%q) = %v, want ErrVerdict saying %q", name, c.accept, c.label, err, c.msg)
			}
		}
		// Tally does not count a malformed vote, even with quorum 1.
		if o := Tally(p, task, []*Result{v}); o.Final != c.ok || (!c.ok && o.Ignored != 1) {
			t.Errorf("Tally of accept=%v label=%q: %+v", c.accept, c.label, o)
		}
	}
	// A Datanet without labels takes a plain accept.
	open := Policy{Validators: p.Validators, Quorum: 1}
	v := vote(t, k[0], dn, rec, true, "", now.UnixMilli())
	if err := v.ValidateSchema(nil); err != nil {
		t.Fatalf("plain accept without a schema: %v", err)
	}
	if o := Tally(open, task, []*Result{v}); !o.Final || o.Verdict != (Verdict{Accept: true}) {
		t.Fatalf("plain accept without a schema: %+v", o)
	}
	if err := CheckVote(p, task, nil, vote(t, key(t), dn, rec, false, "", now.UnixMilli())); !errors.Is(err, ErrNotAuthorized) {
		t.Fatalf("a vote off the whitelist: %v", err)
	}
}

// TestTallyIsTheSameForEveryArrivalOrder runs every permutation of a set
// of votes with replacements, equal timestamps across validators (ordered
// by address) and within one validator (ordered by ID), and a late vote,
// and requires the same outcome and the same effective votes.
func TestTallyIsTheSameForEveryArrivalOrder(t *testing.T) {
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindValidate, dn, rec).ID()
	p, k := votePolicy(t, 4, 3)
	at := now.UnixMilli()
	votes := []*Result{
		vote(t, k[0], dn, rec, true, "art", at+1),
		vote(t, k[0], dn, rec, false, "", at+1), // same time: the order is by ID
		vote(t, k[1], dn, rec, true, "art", at+2),
		vote(t, k[2], dn, rec, true, "art", at+2), // same time, another validator
		vote(t, k[1], dn, rec, false, "", at+3),   // replaces k[1]'s art
		vote(t, k[3], dn, rec, false, "", at+4),
		vote(t, k[2], dn, rec, false, "", at+9),
	}
	want := Tally(p, task, votes)
	wantEff := Effective(p, task, votes)
	if !want.Final {
		t.Fatalf("the set does not decide: %+v", want)
	}
	idx := make([]int, len(votes))
	for i := range idx {
		idx[i] = i
	}
	n := 0
	permute(idx, 0, func(order []int) {
		n++
		seen := make([]*Result, len(order))
		for j, i := range order {
			seen[j] = votes[i]
		}
		if o := Tally(p, task, seen); o != want {
			t.Fatalf("order %v: %+v, want %+v", order, o, want)
		}
		if eff := Effective(p, task, seen); !slices.Equal(eff, wantEff) {
			t.Fatalf("order %v: effective votes differ", order)
		}
	})
	if n != 5040 {
		t.Fatalf("%d permutations", n)
	}
}

// TestTallyAcrossAPartition: two sides of a partition each see part of
// the votes (each may decide on its own part); once healed, each side
// holds the union in its own arrival order and both reach the outcome of
// the whole set.
func TestTallyAcrossAPartition(t *testing.T) {
	dn, rec := testCID("d"), testCID("r")
	task := Derive(KindValidate, dn, rec).ID()
	p, k := votePolicy(t, 5, 3)
	at := now.UnixMilli()
	rng := rand.New(rand.NewPCG(13, 13))
	labels := []string{"art", "science"}
	for trial := range 300 {
		var all []*Result
		for range 12 {
			kk := k[rng.IntN(len(k))]
			if rng.IntN(3) == 0 {
				all = append(all, vote(t, kk, dn, rec, false, "", at+int64(rng.IntN(8))))
			} else {
				all = append(all, vote(t, kk, dn, rec, true, labels[rng.IntN(2)], at+int64(rng.IntN(8))))
			}
		}
		want := Tally(p, task, all)
		cut := rng.IntN(len(all) + 1)
		a, b := slices.Clone(all[:cut]), slices.Clone(all[cut:])
		_ = Tally(p, task, a) // each side decides on what it holds
		_ = Tally(p, task, b)
		a = append(a, b...)
		a = append(a, a[rng.IntN(len(a))]) // gossip delivers a vote twice
		b = append(b, all[:cut]...)
		rng.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		if ga, gb := Tally(p, task, a), Tally(p, task, b); ga != want || gb != want {
			t.Fatalf("trial %d: healed sides %+v and %+v, want %+v", trial, ga, gb, want)
		}
	}
}

// permute calls fn with every permutation of idx[k:] .
func permute(idx []int, k int, fn func([]int)) {
	if k == len(idx) {
		fn(idx)
		return
	}
	for i := k; i < len(idx); i++ {
		idx[k], idx[i] = idx[i], idx[k]
		permute(idx, k+1, fn)
		idx[k], idx[i] = idx[i], idx[k]
	}
}
