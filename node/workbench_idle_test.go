package node

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestIdleBacklog keeps `provenet bench work idle-backlog` alive at a small
// scale: a lone node holding 20,000 pending records it votes on none of
// idles under 2% of a core and its RSS does not grow. The full run (250,000
// records, 10 minutes) is the CLI's.
func TestIdleBacklog(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 20,000 records and idles 15s")
	}
	res, err := MeasureIdleBacklog(context.Background(), IdleBacklogOptions{
		Pending: 20_000, Duration: 15 * time.Second, Sample: 5 * time.Second, Settle: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.WriteTable(&b)
	t.Log("\n" + b.String())
	if res.Pending != 20_000 {
		t.Errorf("pending at the end = %d, want 20000", res.Pending)
	}
	if !res.Pass() {
		t.Errorf("idle targets missed:\n%s", b.String())
	}
}
