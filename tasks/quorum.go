package tasks

import (
	"bytes"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// Policy is what a Datanet says about validation: who may vote and how
// many agreeing votes make a record final.
type Policy struct {
	Validators []common.Address
	Quorum     uint32
}

// IsValidator reports whether a is whitelisted.
func (p Policy) IsValidator(a common.Address) bool { return slices.Contains(p.Validators, a) }

// Outcome is the state of a record's vote.
type Outcome struct {
	Final   bool
	Verdict Verdict
	// Agree counts the votes for Verdict; Counted the whitelisted votes
	// taken into account (one per validator); Ignored the votes dropped
	// (not whitelisted, wrong kind or record).
	Agree, Counted, Ignored int
	// Decider is the vote that completed the quorum and DecidedAt its
	// time: the outcome belongs to the epoch of that time, on every node.
	Decider   ID
	DecidedAt int64
}

// Tally decides a record from the results of its validate task (task is
// Derive(KindValidate, datanet, record).ID()). Only results of kind
// validate, for that task, by whitelisted validators count, and only a
// validator's first vote (by time, then ID) so a validator cannot vote
// twice. A verdict is final once Quorum validators agree; if two verdicts
// could both reach quorum, the one that got there first (in vote order)
// wins. The result depends on the set of votes only, not on their order.
func Tally(p Policy, task ID, votes []*Result) Outcome {
	type vote struct {
		r  *Result
		id ID
	}
	var out Outcome
	first := make(map[common.Address]vote)
	for _, v := range votes {
		if v == nil || v.Kind != KindValidate || v.Task != task || !p.IsValidator(v.Worker) {
			out.Ignored++
			continue
		}
		id := v.ID()
		if cur, ok := first[v.Worker]; ok && !earlier(v.CreatedAt, id, cur.r.CreatedAt, cur.id) {
			continue
		}
		first[v.Worker] = vote{v, id}
	}
	ordered := make([]vote, 0, len(first))
	for _, v := range first {
		ordered = append(ordered, v)
	}
	slices.SortFunc(ordered, func(a, b vote) int {
		if earlier(a.r.CreatedAt, a.id, b.r.CreatedAt, b.id) {
			return -1
		}
		return 1
	})
	out.Counted = len(ordered)
	counts := make(map[Verdict]int)
	for _, v := range ordered {
		verdict := v.r.Verdict()
		counts[verdict]++
		if p.Quorum > 0 && counts[verdict] >= int(p.Quorum) && !out.Final {
			out.Final, out.Verdict, out.Decider, out.DecidedAt = true, verdict, v.id, v.r.CreatedAt
		}
	}
	if out.Final {
		out.Agree = counts[out.Verdict]
	}
	return out
}

func earlier(at int64, id ID, bt int64, bid ID) bool {
	if at != bt {
		return at < bt
	}
	return bytes.Compare(id[:], bid[:]) < 0
}
