package tasks

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// Policy is what a Datanet says about validation: who may vote and how
// many agreeing votes make a record final.
type Policy struct {
	Validators []common.Address
	Quorum     uint32
	// Labelled is set for a Datanet with a label schema: there a vote is
	// an accept with a label or a reject, and an accept without a label is
	// not a vote. A reject with a label is never a vote.
	Labelled bool
}

// IsValidator reports whether a is whitelisted.
func (p Policy) IsValidator(a common.Address) bool { return slices.Contains(p.Validators, a) }

// Outcome is the state of a record's vote.
type Outcome struct {
	Final   bool
	Verdict Verdict
	// Agree counts the votes for Verdict when it became final; Counted the
	// validators whose vote counts (one each: the latest before the
	// decision); Replaced the votes a later vote by the same validator
	// superseded; Late the votes ordered after the decision, which change
	// nothing; Ignored the votes dropped (not whitelisted, wrong kind or
	// record, or not a well-formed verdict).
	Agree, Counted, Replaced, Late, Ignored int
	// Decider is the vote that completed the quorum and DecidedAt its
	// time: the outcome belongs to the epoch of that time, on every node.
	Decider   ID
	DecidedAt int64
}

// Tally decides a record from the results of its validate task (task is
// Derive(KindValidate, datanet, record).ID()).
//
// Only results of kind validate, for that task, by whitelisted validators,
// with a well-formed verdict (see Verdict.Check) count. They are taken in
// vote order: by CreatedAt, then by validator address, then by result ID.
// A validator's vote replaces its earlier one until the record is final; a
// verdict is final when Quorum validators' current votes agree on it, and
// votes ordered after that decision are late and change nothing (CheckVote
// refuses them at the source). The outcome depends on the set of votes
// only, never on the order they arrived in, so every node that holds the
// same votes reaches the same outcome, with the same decider.
func Tally(p Policy, task ID, votes []*Result) Outcome {
	var out Outcome
	ordered := orderVotes(p, task, votes, &out.Ignored)
	cur := make(map[common.Address]*Result, len(p.Validators))
	counts := make(map[Verdict]int)
	for i, v := range ordered {
		if prev, ok := cur[v.r.Worker]; ok {
			counts[prev.Verdict()]--
			out.Replaced++
		}
		cur[v.r.Worker] = v.r
		verdict := v.r.Verdict()
		counts[verdict]++
		if p.Quorum > 0 && counts[verdict] >= int(p.Quorum) {
			out.Final, out.Verdict, out.Agree = true, verdict, counts[verdict]
			out.Decider, out.DecidedAt = v.id, v.r.CreatedAt
			out.Late = len(ordered) - i - 1
			break
		}
	}
	out.Counted = len(cur)
	return out
}

// Effective returns the votes that count in Tally's outcome, one per
// validator (its latest before the decision), in vote order: what a review
// or a record view shows as "the votes".
func Effective(p Policy, task ID, votes []*Result) []*Result {
	var ignored int
	ordered := orderVotes(p, task, votes, &ignored)
	o := Tally(p, task, votes)
	if o.Final {
		ordered = ordered[:len(ordered)-o.Late]
	}
	latest := make(map[common.Address]int)
	for i, v := range ordered {
		latest[v.r.Worker] = i
	}
	out := make([]*Result, 0, len(latest))
	for i, v := range ordered {
		if latest[v.r.Worker] == i {
			out = append(out, v.r)
		}
	}
	return out
}

// CheckVote reports whether v may be cast on a record whose stored votes
// are votes: v must be a vote Tally counts (ErrNotAuthorized for a
// validator off the whitelist, ErrVerdict for a malformed verdict,
// ErrInvalid for another task), and the record must not be final before v
// (ErrFinal). A node calls it before it signs and publishes its own vote.
//
// Replicas store every well-formed vote they receive, late ones included:
// a vote that arrives late may still order before the decision, and Tally
// alone decides what counts.
func CheckVote(p Policy, task ID, votes []*Result, v *Result) error {
	switch {
	case v == nil || v.Kind != KindValidate || v.Task != task:
		return fmt.Errorf("%w: not a vote on this record", ErrInvalid)
	case !p.IsValidator(v.Worker):
		return fmt.Errorf("%w: %s is not a validator", ErrNotAuthorized, v.Worker.Hex())
	}
	if err := v.Verdict().Check(p.Labelled); err != nil {
		return err
	}
	o := Tally(p, task, votes)
	if o.Final && !earlier(v, v.ID(), o.DecidedAt, o.decider(votes)) {
		return fmt.Errorf("%w: decided %s by %d votes; a vote cannot change it", ErrFinal, verdictString(o.Verdict), o.Agree)
	}
	return nil
}

// decider returns the deciding vote among votes.
func (o Outcome) decider(votes []*Result) *Result {
	for _, v := range votes {
		if v != nil && v.ID() == o.Decider {
			return v
		}
	}
	return nil
}

// Check reports whether v is a well-formed vote: a reject never carries a
// label, and in a Datanet with a label schema (labelled) an accept carries
// one. (Whether a label is in the schema is Result.Validate's check.) The
// error wraps ErrVerdict.
func (v Verdict) Check(labelled bool) error {
	switch {
	case !v.Accept && v.Label != "":
		return fmt.Errorf("%w: a rejection carries no label (got %q): give a label to accept, or reject, not both", ErrVerdict, v.Label)
	case v.Accept && labelled && v.Label == "":
		return fmt.Errorf("%w: an accept needs a label from the schema: give a label to accept, or reject", ErrVerdict)
	}
	return nil
}

func verdictString(v Verdict) string {
	if !v.Accept {
		return "reject"
	}
	if v.Label == "" {
		return "accept"
	}
	return "accept " + v.Label
}

type orderedVote struct {
	r  *Result
	id ID
}

// orderVotes keeps the votes Tally counts, in vote order, and adds the
// number dropped to *ignored.
func orderVotes(p Policy, task ID, votes []*Result, ignored *int) []orderedVote {
	out := make([]orderedVote, 0, len(votes))
	seen := make(map[ID]bool, len(votes))
	for _, v := range votes {
		if v == nil || v.Kind != KindValidate || v.Task != task || !p.IsValidator(v.Worker) || v.Verdict().Check(p.Labelled) != nil {
			*ignored++
			continue
		}
		id := v.ID()
		if seen[id] {
			continue // the same vote twice
		}
		seen[id] = true
		out = append(out, orderedVote{v, id})
	}
	slices.SortFunc(out, func(a, b orderedVote) int { return compareVotes(a.r, a.id, b.r, b.id) })
	return out
}

// compareVotes is the vote order: CreatedAt, then validator, then ID.
func compareVotes(a *Result, aid ID, b *Result, bid ID) int {
	if c := cmp.Compare(a.CreatedAt, b.CreatedAt); c != 0 {
		return c
	}
	if c := bytes.Compare(a.Worker[:], b.Worker[:]); c != 0 {
		return c
	}
	return bytes.Compare(aid[:], bid[:])
}

// earlier reports whether vote a (with ID aid) orders before the deciding
// vote d, made at dAt; a nil d (not among the votes) orders by time only.
func earlier(a *Result, aid ID, dAt int64, d *Result) bool {
	if d == nil {
		return a.CreatedAt < dAt
	}
	return compareVotes(a, aid, d, d.ID()) < 0
}
