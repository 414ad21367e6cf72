package node

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"reflect"
	"testing"
)

func TestLifecycleRollsBackPartialStart(t *testing.T) {
	var log []string
	svc := func(name string, fail bool) service {
		return service{
			name: name,
			start: func(context.Context) error {
				if fail {
					return errors.New("boom")
				}
				log = append(log, "start "+name)
				return nil
			},
			stop: func(context.Context) error { log = append(log, "stop "+name); return nil },
		}
	}
	l := lifecycle{log: slog.New(slog.DiscardHandler)}
	err := l.startAll(context.Background(), []service{svc("a", false), svc("b", false), svc("c", true), svc("d", false)})
	if err == nil {
		t.Fatal("start succeeded")
	}
	want := []string{"start a", "start b", "stop b", "stop a"}
	if !reflect.DeepEqual(log, want) {
		t.Fatalf("got %v, want %v", log, want)
	}
}

// A node whose API port is taken fails to start and leaves nothing held:
// the data-dir lock, the store and the p2p host are all released, so a
// second start on a free port works.
func TestNodeStartFailureReleasesEverything(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	cfg := testConfig()
	cfg.API.Listen = busy.Addr().String()
	h, err := Init(t.TempDir(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(cfg, h, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(context.Background()); err == nil {
		n.Stop(context.Background())
		t.Fatal("start on a busy port succeeded")
	}
	cfg.API.Listen = "127.0.0.1:0"
	n2, err := New(cfg, h, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := n2.Start(context.Background()); err != nil {
		t.Fatalf("second start: %v", err)
	}
	if err := n2.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := n2.Stop(context.Background()); err != nil {
		t.Fatalf("second stop: %v", err)
	}
}
