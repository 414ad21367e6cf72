package node

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// IdleResult is the memory of a node that has started and sat idle.
type IdleResult struct {
	Wait      time.Duration
	RSSBytes  uint64
	HeapBytes uint64
	Target    uint64
}

// MeasureIdle starts a node with a fresh home in a temporary directory (API
// and p2p on loopback port 0), lets it idle for wait, and reads the
// process's resident set size from /proc.
func MeasureIdle(ctx context.Context, wait time.Duration) (IdleResult, error) {
	dir, err := os.MkdirTemp("", "provenet-idle-")
	if err != nil {
		return IdleResult{}, err
	}
	defer os.RemoveAll(dir)
	cfg := DefaultConfig()
	cfg.API.Listen = "127.0.0.1:0"
	cfg.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}
	h, err := Init(dir, cfg, false)
	if err != nil {
		return IdleResult{}, err
	}
	n, err := New(cfg, h, Options{})
	if err != nil {
		return IdleResult{}, err
	}
	if err := n.Start(ctx); err != nil {
		return IdleResult{}, err
	}
	defer n.Stop(context.WithoutCancel(ctx))
	select {
	case <-time.After(wait):
	case <-ctx.Done():
		return IdleResult{}, ctx.Err()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rss, err := selfRSS()
	return IdleResult{Wait: wait, RSSBytes: rss, HeapBytes: ms.HeapInuse, Target: 150 << 20}, err
}

// selfRSS reads VmRSS of this process.
func selfRSS() (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("node: no VmRSS in /proc/self/status")
}

// WriteTable prints the result next to its target.
func (r IdleResult) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METRIC\tVALUE\tTARGET")
	fmt.Fprintf(tw, "idle RSS after %s\t%.1f MB\t< %.0f MB\n", r.Wait, float64(r.RSSBytes)/1e6, float64(r.Target)/(1<<20))
	fmt.Fprintf(tw, "Go heap in use\t%.1f MB\t\n", float64(r.HeapBytes)/1e6)
	tw.Flush()
}
