package points

import (
	"bytes"
	"maps"
	"math"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

var (
	s1, s2                = addr(1), addr(2)
	v1, v2, v3, v4, v5    = addr(10), addr(11), addr(12), addr(13), addr(14)
	c1, c2, c3            = addr(20), addr(21), addr(22)
	golden, rejected      = StateGolden, StateRejected
	classifier, validator = RoleClassifier, RoleValidator
	accept, reject        = true, false
	outNews               = outcome("r1", golden, "news", false, 1, 1000)
	outRejected           = outcome("r1", rejected, "", false, 1, 1000)
	outGold               = outcome("r1", golden, "news", true, 1, 1000)
	goldRejected          = outcome("r1", rejected, "", true, 1, 1000)
)

func balancesMap(l *Ledger, upTo uint64) map[common.Address]int64 {
	out := make(map[common.Address]int64)
	for _, b := range l.Balances(upTo) {
		out[b.Address] = b.Points
	}
	return out
}

func TestRules(t *testing.T) {
	cases := []struct {
		name   string
		events []Event
		want   map[common.Address]int64
	}{
		{"no outcome scores nothing", []Event{
			sub("r1", s1, 1, 100), ans("r1", v1, validator, accept, "news", 1, 200),
		}, map[common.Address]int64{}},
		{"golden submission", []Event{
			sub("r1", s1, 1, 100), outNews,
		}, map[common.Address]int64{s1: SubmitGoldenPoints}},
		{"rejected submission is spam", []Event{
			sub("r1", s1, 1, 100), outRejected,
		}, map[common.Address]int64{s1: SubmitRejectedPoints}},
		{"earliest submission is the original", []Event{
			sub("r1", s1, 1, 200), sub("r1", s2, 1, 100), outNews,
		}, map[common.Address]int64{s2: SubmitGoldenPoints, s1: SubmitDuplicatePoints}},
		{"epoch orders submissions before created", []Event{
			sub("r1", s1, 1, 900), sub("r1", s2, 0, 950), outNews,
		}, map[common.Address]int64{s2: SubmitGoldenPoints, s1: SubmitDuplicatePoints}},
		{"a submitter counts once per record", []Event{
			sub("r1", s1, 1, 100), sub("r1", s1, 1, 200), outNews,
		}, map[common.Address]int64{s1: SubmitGoldenPoints}},
		{"every submitter of spam is penalised", []Event{
			sub("r1", s1, 1, 100), sub("r1", s2, 1, 200), outRejected,
		}, map[common.Address]int64{s1: SubmitRejectedPoints, s2: SubmitRejectedPoints}},
		{"classifier agrees, uncontested", []Event{
			ans("r1", c1, classifier, accept, "news", 1, 100), outNews,
		}, map[common.Address]int64{c1: 10}},
		{"validator agrees, uncontested", []Event{
			ans("r1", v1, validator, accept, "news", 1, 100), outNews,
		}, map[common.Address]int64{v1: 20}},
		// 1 of 3 validators disagrees: difficulty 1000+333, 20*1333/1000=26;
		// 2/3 < 80%: no penalty.
		{"contested record pays more", []Event{
			ans("r1", v1, validator, accept, "news", 1, 100),
			ans("r1", v2, validator, accept, "news", 1, 110),
			ans("r1", v3, validator, accept, "spam", 1, 120),
			outNews,
		}, map[common.Address]int64{v1: 26, v2: 26, v3: 0}},
		// 4 of 5 agree = 80%: strong consensus, difficulty 1200.
		{"against strong consensus is penalised", []Event{
			ans("r1", v1, validator, accept, "news", 1, 100),
			ans("r1", v2, validator, accept, "news", 1, 110),
			ans("r1", v3, validator, accept, "news", 1, 120),
			ans("r1", v4, validator, accept, "news", 1, 130),
			ans("r1", v5, validator, reject, "", 1, 140),
			outNews,
		}, map[common.Address]int64{v1: 24, v2: 24, v3: 24, v4: 24, v5: ValidatorConsensusPenalty}},
		// Reference answers are the validators': classifiers neither raise
		// difficulty nor break the consensus.
		{"classifiers do not move validator consensus", []Event{
			ans("r1", v1, validator, accept, "news", 1, 100),
			ans("r1", v2, validator, accept, "news", 1, 110),
			ans("r1", c1, classifier, reject, "", 1, 120),
			ans("r1", c2, classifier, accept, "spam", 1, 130),
			ans("r1", c3, classifier, accept, "news", 1, 140),
			outNews,
		}, map[common.Address]int64{v1: 20, v2: 20, c1: ClassifierConsensusPenalty,
			c2: ClassifierConsensusPenalty, c3: 10}},
		// 1 of 2 agrees: difficulty 1500, 20*1.5=30; 50% is no consensus.
		{"rejected outcome: reject agrees, label ignored", []Event{
			ans("r1", v1, validator, reject, "news", 1, 100),
			ans("r1", v2, validator, accept, "news", 1, 110),
			outRejected,
		}, map[common.Address]int64{v1: 30, v2: 0}},
		// 2 of 3 classifiers agree: difficulty 1333, 10*1333/1000=13.
		{"accept with the wrong label disagrees", []Event{
			ans("r1", c1, classifier, accept, "spam", 1, 100),
			ans("r1", c2, classifier, accept, "news", 1, 110),
			ans("r1", c3, classifier, accept, "news", 1, 120),
			outNews,
		}, map[common.Address]int64{c1: 0, c2: 13, c3: 13}},
		// Both validators wrong: difficulty 2000 (the cap), the lone right
		// classifier earns 10*2; 0% agreement is no consensus.
		{"difficulty is capped", []Event{
			ans("r1", v1, validator, accept, "spam", 1, 100),
			ans("r1", v2, validator, reject, "", 1, 110),
			ans("r1", c1, classifier, accept, "news", 1, 120),
			outNews,
		}, map[common.Address]int64{v1: 0, v2: 0, c1: 10 * MaxDifficultyPermille / 1000}},
		{"answer signed after the outcome is late", []Event{
			ans("r1", v1, validator, accept, "news", 1, 2000),
			ans("r1", v2, validator, accept, "news", 1, 1000),
			outNews,
		}, map[common.Address]int64{v2: 20}},
		{"answer from a later epoch is late", []Event{
			ans("r1", v1, validator, accept, "news", 2, 5),
			outNews,
		}, map[common.Address]int64{}},
		{"a classifier's earliest answer counts", []Event{
			ans("r1", c1, classifier, accept, "news", 1, 100),
			ans("r1", c1, classifier, reject, "", 1, 200),
			outNews,
		}, map[common.Address]int64{c1: 10}},
		// tasks.Tally: a validator's later vote replaces its earlier one
		// until the record is final. v1 switched to news and earns for it;
		// v2 switched away from news and earns nothing (1 of 2 agree).
		{"a validator's later answer replaces its earlier one", []Event{
			ans("r1", v1, validator, reject, "", 1, 100),
			ans("r1", v1, validator, accept, "news", 1, 300),
			ans("r1", v2, validator, accept, "news", 1, 200),
			ans("r1", v2, validator, accept, "spam", 1, 400),
			outNews,
		}, map[common.Address]int64{v1: 30, v2: 0}},
		{"a validator's answer after the outcome replaces nothing", []Event{
			ans("r1", v1, validator, accept, "news", 1, 100),
			ans("r1", v1, validator, reject, "", 1, 2000),
			outNews,
		}, map[common.Address]int64{v1: 20}},
		{"validator and classifier roles count separately", []Event{
			ans("r1", v1, validator, accept, "news", 1, 100),
			ans("r1", v1, classifier, accept, "news", 1, 200),
			outNews,
		}, map[common.Address]int64{v1: 30}},
		{"earliest outcome wins", []Event{
			sub("r1", s1, 1, 100),
			ans("r1", v1, validator, accept, "news", 1, 200),
			outcome("r1", golden, "news", false, 1, 1000),
			outcome("r1", rejected, "", false, 1, 900),
		}, map[common.Address]int64{s1: SubmitRejectedPoints, v1: 0}},
		{"gold: bonus and penalty, no submission points, no late rule", []Event{
			sub("r1", s1, 1, 100),
			ans("r1", v1, validator, accept, "news", 1, 200),
			ans("r1", c1, classifier, accept, "spam", 1, 300),
			ans("r1", c2, classifier, accept, "news", 2, 5000),
			outGold,
		}, map[common.Address]int64{v1: GoldCorrectPoints, c1: GoldWrongPoints, c2: GoldCorrectPoints}},
		{"gold rejected record", []Event{
			ans("r1", c1, classifier, reject, "", 1, 200),
			ans("r1", c2, classifier, accept, "news", 1, 300),
			goldRejected,
		}, map[common.Address]int64{c1: GoldCorrectPoints, c2: GoldWrongPoints}},
		{"records are scored independently", []Event{
			sub("r1", s1, 1, 100), outNews,
			sub("r2", s1, 1, 100), outcome("r2", rejected, "", false, 1, 1000),
			sub("r3", s1, 1, 100), // no outcome
		}, map[common.Address]int64{s1: SubmitGoldenPoints + SubmitRejectedPoints}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLedger()
			for _, e := range tc.events {
				if _, err := l.Add(e); err != nil {
					t.Fatal(err)
				}
			}
			got := balancesMap(l, math.MaxUint64)
			if !maps.Equal(got, tc.want) {
				t.Fatalf("balances\n got %v\nwant %v", got, tc.want)
			}
			// The reverse order gives the same state.
			r := NewLedger()
			for i := len(tc.events) - 1; i >= 0; i-- {
				r.Add(tc.events[i])
			}
			if !bytes.Equal(stateBytes(l), stateBytes(r)) {
				t.Fatal("state depends on event order")
			}
		})
	}
}

func TestSubmissionTieBrokenByID(t *testing.T) {
	a, b := sub("r1", s1, 1, 100), sub("r1", s2, 1, 100)
	first, dup := s1, s2
	if bytes.Compare(b.ID[:], a.ID[:]) < 0 {
		first, dup = s2, s1
	}
	l := NewLedger()
	l.AddAll([]Event{a, b, outNews})
	want := map[common.Address]int64{first: SubmitGoldenPoints, dup: SubmitDuplicatePoints}
	if got := balancesMap(l, math.MaxUint64); !maps.Equal(got, want) {
		t.Fatalf("got %v want %v", got, want)
	}
}

// TestCreditEpochs checks where points land in time.
func TestCreditEpochs(t *testing.T) {
	l := NewLedger()
	l.AddAll([]Event{
		ans("r1", v1, validator, accept, "news", 1, 100),
		sub("r1", s1, 1, 50),
		outcome("r1", golden, "news", false, 3, 1000),
		sub("r1", s2, 4, 10), // a duplicate after the outcome
		ans("r2", c1, classifier, accept, "news", 5, 10),
		outcome("r2", golden, "news", true, 2, 10), // gold, set in advance
	})
	check := func(upTo uint64, want map[common.Address]int64) {
		t.Helper()
		if got := balancesMap(l, upTo); !maps.Equal(got, want) {
			t.Fatalf("up to %d: got %v want %v", upTo, got, want)
		}
	}
	check(2, map[common.Address]int64{})
	check(3, map[common.Address]int64{v1: 20, s1: SubmitGoldenPoints})
	check(4, map[common.Address]int64{v1: 20, s1: SubmitGoldenPoints, s2: SubmitDuplicatePoints})
	check(5, map[common.Address]int64{v1: 20, s1: SubmitGoldenPoints, s2: SubmitDuplicatePoints, c1: GoldCorrectPoints})
}
