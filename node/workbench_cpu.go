package node

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/ipfs/go-cid"
	p2pcrypto "github.com/libp2p/go-libp2p/core/crypto"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/tasks"
)

// startProfile starts a CPU profile into path, if set, and returns its stop.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("node: work bench profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

type cpuTimes struct{ user, sys time.Duration }

func rusage() cpuTimes { return getrusage(syscall.RUSAGE_SELF) }

// rusageThread is Linux's RUSAGE_THREAD; elsewhere getrusage refuses it
// and the poller's CPU reads as zero.
const rusageThread = 1

func threadCPU() time.Duration {
	t := getrusage(rusageThread)
	return t.user + t.sys
}

func getrusage(who int) cpuTimes {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return cpuTimes{}
	}
	return cpuTimes{user: time.Duration(ru.Utime.Nano()), sys: time.Duration(ru.Stime.Nano())}
}

// goCPU is the Go runtime's CPU accounting (estimates, comparable only
// with each other).
type goCPU struct {
	gc, total, idle float64
	gcCycles        uint64
}

func cpuSamples() goCPU {
	s := []metrics.Sample{
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/total:cpu-seconds"},
		{Name: "/cpu/classes/idle:cpu-seconds"},
		{Name: "/gc/cycles/total:gc-cycles"},
	}
	metrics.Read(s)
	f := func(i int) float64 {
		if s[i].Value.Kind() == metrics.KindFloat64 {
			return s[i].Value.Float64()
		}
		return 0
	}
	c := goCPU{gc: f(0), total: f(1), idle: f(2)}
	if s[3].Value.Kind() == metrics.KindUint64 {
		c.gcCycles = s[3].Value.Uint64()
	}
	return c
}

func (c goCPU) gcShare(before goCPU) float64 {
	busy := (c.total - c.idle) - (before.total - before.idle)
	if busy <= 0 {
		return 0
	}
	return (c.gc - before.gc) / busy
}

// calibrate times the unit costs the bounds are computed from: a
// secp256k1 sign and recover (every record, result and task), an ed25519
// verify (every gossip message) and a synchronous store commit in dir.
func calibrate(dir string, res *WorkBenchResult) error {
	const rounds = 400
	key, err := account.Generate()
	if err != nil {
		return err
	}
	digest := [32]byte{1, 2, 3}
	begin := wall.Now()
	var sig []byte
	for i := range rounds {
		digest[31] = byte(i)
		if sig, err = key.SignDigest(digest); err != nil {
			return err
		}
	}
	res.SecpSign = time.Since(begin) / rounds
	begin = wall.Now()
	for range rounds {
		if err := account.Verify(key.Address(), digest, sig); err != nil {
			return err
		}
	}
	res.SecpVerify = time.Since(begin) / rounds
	priv, pub, err := p2pcrypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		return err
	}
	msg := make([]byte, 1024)
	esig, err := priv.Sign(msg)
	if err != nil {
		return err
	}
	begin = wall.Now()
	for range rounds {
		if ok, err := pub.Verify(msg, esig); err != nil || !ok {
			return fmt.Errorf("node: work bench: ed25519 calibration failed: %v", err)
		}
	}
	res.EdVerify = time.Since(begin) / rounds
	// A synchronous commit of a store the way the nodes' task stores
	// make one for every result they store.
	st, err := tasks.OpenStore(filepath.Join(dir, "calibrate"), false, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	const commits = 50
	begin = wall.Now()
	for i := range commits {
		if _, err := st.PutTask(tasks.NewCrawl(cid.Undef, fmt.Sprintf("http://127.0.0.1/%d", i), 1, begin)); err != nil {
			return err
		}
	}
	res.Commit = time.Since(begin) / commits
	return nil
}

// probeCommits makes a synchronous task-store commit in dir every 100ms,
// as a node's task store does for each result, until stop; stop returns
// how long each took. It samples the disk as the nodes see it under load.
func probeCommits(dir string) (stop func() []time.Duration, err error) {
	st, err := tasks.OpenStore(filepath.Join(dir, "probe"), false, true, nil)
	if err != nil {
		return nil, err
	}
	quit, done := make(chan struct{}), make(chan struct{})
	var lat []time.Duration
	go func() {
		defer close(done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-quit:
				return
			case <-tick.C:
			}
			begin := wall.Now()
			if _, err := st.PutTask(tasks.NewCrawl(cid.Undef, fmt.Sprintf("http://127.0.0.1/probe/%d", i), 1, begin)); err != nil {
				return
			}
			lat = append(lat, time.Since(begin))
		}
	}()
	return func() []time.Duration {
		close(quit)
		<-done
		st.Close()
		return lat
	}, nil
}
