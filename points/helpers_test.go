package points

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ethereum/go-ethereum/common"
)

// addr returns a deterministic test address.
func addr(n int) common.Address {
	var a common.Address
	binary.BigEndian.PutUint32(a[16:], uint32(n)+1)
	a[0] = 0xaa
	return a
}

// idOf returns a deterministic event ID.
func idOf(parts ...any) [32]byte {
	return sha256.Sum256([]byte(fmt.Sprint(parts...)))
}

const testNet = "bafy-net-1"

func sub(rec string, who common.Address, epoch uint64, created int64) Event {
	return Event{ID: idOf("sub", rec, who, epoch, created), Kind: KindRecord, Epoch: epoch,
		Actor: who, Datanet: testNet, Record: rec, Created: created}
}

func ans(rec string, who common.Address, role Role, accept bool, label string, epoch uint64, created int64) Event {
	return Event{ID: idOf("ans", rec, who, role, accept, label, epoch, created), Kind: KindAnswer,
		Epoch: epoch, Actor: who, Datanet: testNet, Record: rec, Label: label, Accept: accept,
		Role: role, Created: created}
}

func outcome(rec string, state State, label string, gold bool, epoch uint64, created int64) Event {
	return Event{ID: idOf("out", rec, state, label, gold, epoch, created), Kind: KindOutcome,
		Epoch: epoch, Datanet: testNet, Record: rec, Label: label, State: state, Gold: gold,
		Created: created}
}

// stateBytes is a canonical serialisation of everything the ledger
// exposes, for comparing two ledgers byte for byte.
func stateBytes(l *Ledger) []byte {
	var b bytes.Buffer
	for _, ei := range l.Epochs() {
		fmt.Fprintf(&b, "epoch %d n=%d digest=%x\n", ei.Epoch, ei.Events, ei.Digest)
		s, err := l.Snapshot(ei.Epoch)
		fmt.Fprintf(&b, " root=%x err=%v\n", s.Root, err)
		for _, e := range s.Entries {
			fmt.Fprintf(&b, " %x %d %d\n", e.Address, e.Points, e.Net)
		}
	}
	for _, bal := range l.Balances(math.MaxUint64) {
		fmt.Fprintf(&b, "bal %x %d gold=%+v\n", bal.Address, bal.Points, l.GoldAccuracy(bal.Address))
	}
	for _, d := range append([]string{""}, l.Datanets()...) {
		for _, s := range l.Leaderboard(d, math.MaxUint64, 0) {
			fmt.Fprintf(&b, "lb %q %d %x %d\n", d, s.Rank, s.Address, s.Points)
		}
	}
	return b.Bytes()
}

// genConfig shapes a random event set.
type genConfig struct {
	records, workers, validators, datanets, epochs int
}

// genEvents returns a random but realistic event set: submissions with
// duplicates, classifier and validator answers, late answers, gold records,
// records without outcome and conflicting outcomes. Deterministic in seed.
func genEvents(seed uint64, c genConfig) []Event {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	labels := []string{"news", "spam", "code", "poetry"}
	nets := make([]string, c.datanets)
	for i := range nets {
		nets[i] = fmt.Sprintf("bafynet%04d", i)
	}
	const epochMs = 30_000
	var evs []Event
	var ctr uint64
	newID := func() [32]byte {
		ctr++
		var buf [16]byte
		binary.BigEndian.PutUint64(buf[:8], seed)
		binary.BigEndian.PutUint64(buf[8:], ctr)
		return sha256.Sum256(buf[:])
	}
	worker := func() common.Address { return addr(c.validators + r.IntN(c.workers)) }
	for i := range c.records {
		net := nets[r.IntN(len(nets))]
		rec := fmt.Sprintf("bafyrec%08d", i)
		e0 := uint64(r.IntN(c.epochs))
		t0 := int64(e0)*epochMs + int64(r.IntN(epochMs/2))
		at := func(dt int64) (uint64, int64) { t := t0 + dt; return uint64(t / epochMs), t }
		mk := func(k Kind, dt int64) Event {
			ep, t := at(dt)
			return Event{ID: newID(), Kind: k, Epoch: ep, Created: t, Datanet: net, Record: rec}
		}
		// Submissions: one original, sometimes duplicates.
		nsub := 1
		if r.IntN(5) == 0 {
			nsub += 1 + r.IntN(2)
		}
		for range nsub {
			e := mk(KindRecord, int64(r.IntN(5000)))
			e.Actor = worker()
			evs = append(evs, e)
		}
		truthGolden := r.IntN(5) != 0
		truth := labels[r.IntN(len(labels))]
		gold := r.IntN(10) == 0
		nans := 3 + r.IntN(7)
		for range nans {
			e := mk(KindAnswer, 1000+int64(r.IntN(20_000)))
			if r.IntN(3) == 0 {
				e.Role, e.Actor = RoleValidator, addr(r.IntN(c.validators))
			} else {
				e.Role, e.Actor = RoleClassifier, worker()
			}
			if r.IntN(4) != 0 { // mostly right
				e.Accept, e.Label = truthGolden, truth
			} else {
				e.Accept, e.Label = r.IntN(2) == 0, labels[r.IntN(len(labels))]
			}
			if !e.Accept {
				e.Label = ""
			}
			evs = append(evs, e)
		}
		if r.IntN(10) == 0 {
			continue // outcome never arrives
		}
		o := mk(KindOutcome, 15_000+int64(r.IntN(10_000)))
		o.Gold, o.State, o.Label = gold, StateGolden, truth
		if !truthGolden {
			o.State, o.Label = StateRejected, ""
		}
		evs = append(evs, o)
		if r.IntN(30) == 0 { // a conflicting, later outcome
			o2 := mk(KindOutcome, 20_000+int64(r.IntN(10_000)))
			o2.State, o2.Label = StateGolden, labels[r.IntN(len(labels))]
			evs = append(evs, o2)
		}
	}
	return evs
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }
