package work

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/clock"
	"github.com/provenet/provenet/tasks"
)

// TestScanVisitsOnlyChangedRecords: the scan visits a pending record when
// it is new, when a result for it arrives, when a classify lease that can
// move to this node runs out and when the live workers change; an idle
// scan visits none, however many are pending. After every scan this node
// holds no classify task it has not answered, as when each scan visited
// every pending record.
func TestScanVisitsOnlyChangedRecords(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewFake(time.UnixMilli(1_790_000_000_000))
	w := newTestService(t, clk)
	w.cfg.Replication = 1
	st := w.data.(*datanet.Store)
	others := make([]*account.Key, 2)
	for i := range others {
		others[i], _ = account.Generate()
	}
	v1, _ := account.Generate()
	v2, _ := account.Generate()
	dn := datanet.NewDatanet("scan", "visits", nil, []common.Address{v1.Address(), v2.Address()}, 2, clk.Now())
	if err := dn.Sign(v1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutDatanet(ctx, dn); err != nil {
		t.Fatal(err)
	}
	const n = 300
	var recs []*datanet.Record
	for i := range n {
		r := datanet.NewRecord(dn.ID(), fmt.Sprintf("record %d of the scan test, unique text %x", i, i*7919), "test", "", clk.Now())
		if err := r.Sign(v1); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if _, err := st.PutRecords(ctx, recs); err != nil {
		t.Fatal(err)
	}
	saw := func() {
		for _, o := range others {
			w.Saw(o.Address(), "other", clk.Now())
		}
	}
	me := w.me()
	// noneHeld checks that this node holds no classify task it has not
	// answered: the old every-record scan's guarantee.
	noneHeld := func(step string) {
		t.Helper()
		live, now := w.LiveWorkers(), clk.Now()
		for _, r := range recs {
			id := tasks.Derive(tasks.KindClassify, dn.ID(), r.CID()).ID()
			done := func(a common.Address) bool { return w.store.HasResult(id, a) }
			if ok, _ := tasks.Holds(me, id, live, w.cfg.Replication, time.UnixMilli(r.CreatedAt), now, w.cfg.Lease.D(), done); ok {
				t.Fatalf("%s: this node holds the classify task of %s unanswered", step, r.CID())
			}
		}
	}
	scan := func(step string, want int) {
		t.Helper()
		before := w.visits.Load()
		w.scan(ctx)
		if got := int(w.visits.Load() - before); want >= 0 && got != want {
			t.Fatalf("%s: scan visited %d records, want %d", step, got, want)
		}
		noneHeld(step)
	}

	saw()
	scan("first scan", n)
	mine := w.Done().Classified
	if mine == 0 || mine == n {
		t.Fatalf("first scan classified %d of %d records, want a share (3 live workers, replication 1)", mine, n)
	}
	scan("after classifying", mine) // each of its own results marks its record once
	for i := range 3 {
		scan(fmt.Sprintf("idle scan %d", i), 0)
	}
	if p := w.TasksInfo().Pending; p != n {
		t.Fatalf("pending = %d, want %d", p, n)
	}

	// The other workers' leases run out: every record it has not
	// classified is due, and some move to it.
	clk.Advance(w.cfg.Lease.D())
	saw()
	scan("leases ran out", n-mine)
	more := w.Done().Classified - mine
	if more == 0 {
		t.Fatal("no task moved to this node when the first leases ran out")
	}
	scan("after the second round", more)
	scan("idle again", 0)

	// A vote arrives: its record is visited once.
	vt := tasks.Derive(tasks.KindValidate, dn.ID(), recs[0].CID())
	vote := tasks.NewResult(vt, clk.Now())
	vote.Accept = true
	if err := vote.Sign(v2); err != nil {
		t.Fatal(err)
	}
	if ok, err := w.store.PutResult(vote); err != nil || !ok {
		t.Fatalf("put vote: %v %v", ok, err)
	}
	w.took(vote)
	scan("a vote arrived", 1)
	scan("idle after the vote", 0)

	// The other workers fall silent: the live set changes and every
	// record it has not classified is visited; it now holds them all.
	clk.Advance(time.Duration(PresenceTTL)*w.cfg.PresenceEvery.D() + time.Second)
	scan("workers left", n-mine-more)
	if got := w.Done().Classified; got != n {
		t.Fatalf("alone, this node classified %d of %d records", got, n)
	}
	scan("after classifying the rest", n-mine-more)
	scan("idle at the end", 0)
}
