package replica

import (
	"testing"
	"time"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/datanet"
)

func TestOrphanPoolBoundsAndExpiry(t *testing.T) {
	now := time.Unix(1000, 0)
	o := newOrphans(func() time.Time { return now })
	k, _ := account.Generate()
	dn := datanet.NewDatanet("d", "", nil, nil, 0, now)
	if err := dn.Sign(k); err != nil {
		t.Fatal(err)
	}
	for range orphanPerDNCap {
		if !o.add(dn.ID(), []byte("x")) {
			t.Fatal("pool refused below its per-datanet cap")
		}
	}
	if o.add(dn.ID(), []byte("x")) {
		t.Fatal("pool took more than its per-datanet cap")
	}
	now = now.Add(orphanTTL + time.Second)
	if got := o.take(dn.ID()); len(got) != 0 {
		t.Fatalf("expired orphans returned: %d", len(got))
	}
	if o.n != 0 || o.bytes != 0 {
		t.Fatalf("accounting after take: n=%d bytes=%d", o.n, o.bytes)
	}
}
