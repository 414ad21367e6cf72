package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/provenet/provenet/node"
)

// The test binary doubles as the provenet binary: devnet and the kill -9
// test start it as child processes with this variable set.
const asMainEnv = "PROVENET_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Setenv(asMainEnv, "1") // inherited by children only: m.Run ignores it
	code := m.Run()
	os.Exit(code)
}

// cli runs the CLI in-process and returns what it printed.
func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	app := newApp()
	app.Writer = &out
	app.ErrWriter = &out
	err := app.Run(append([]string{"provenet"}, args...))
	return out.String(), err
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	out, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("provenet %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// freeBase finds a base port with n consecutive free TCP ports.
func freeBase(t *testing.T, n int) int {
	t.Helper()
	for base := 21000 + os.Getpid()%5000; base < 60000; base += n + 7 {
		ok := true
		for p := base; p < base+n && ok; p++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err != nil {
				ok = false
				continue
			}
			l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("no free ports")
	return 0
}

func readDevnet(path string) (*node.DevnetInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var info node.DevnetInfo
	return &info, json.Unmarshal(b, &info)
}

func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// startDevnet runs `provenet devnet` in-process until the returned stop is
// called, and waits for devnet.json.
func startDevnet(t *testing.T, dir string, nodes, apiBase, p2pBase int, extra ...string) (*node.DevnetInfo, func() error) {
	t.Helper()
	return startDevnetOut(t, &syncBuffer{}, dir, nodes, apiBase, p2pBase, extra...)
}

// devChainPort is the chain RPC port startDevnet gives a devnet whose API
// ports start at apiBase (the DA server gets the next one).
func devChainPort(apiBase int) int { return apiBase + 2000 }

// syncBuffer is a bytes.Buffer safe for the devnet's writers and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startDevnetOut is startDevnet with the devnet's output going to out.
func startDevnetOut(t *testing.T, out io.Writer, dir string, nodes, apiBase, p2pBase int, extra ...string) (*node.DevnetInfo, func() error) {
	t.Helper()
	os.Remove(filepath.Join(dir, "devnet.json"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		app := newApp()
		app.Writer = out
		// Chain and DA ports: fixed per test, between the API and p2p
		// ranges, so that restarts of the same devnet find the same ones.
		done <- app.RunContext(ctx, append([]string{"provenet", "--log.level", "warn", "devnet",
			"--nodes", fmt.Sprint(nodes), "--dir", dir,
			"--api-port", fmt.Sprint(apiBase), "--p2p-port", fmt.Sprint(p2pBase),
			"--chain-port", fmt.Sprint(devChainPort(apiBase)), "--da-port", fmt.Sprint(devChainPort(apiBase) + 1)}, extra...))
	}()
	var info *node.DevnetInfo
	eventually(t, 90*time.Second, "devnet.json", func() bool {
		select {
		case err := <-done:
			t.Fatalf("devnet exited early: %v", err)
		default:
		}
		var err error
		info, err = readDevnet(filepath.Join(dir, "devnet.json"))
		return err == nil
	})
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() { cancel(); stopErr = <-done })
		return stopErr
	}
	t.Cleanup(func() { _ = stop() }) // no node outlives a failed test
	return info, stop
}

// TestDevnetEndToEnd is the user story on separate processes:
// create a Datanet on one node, submit, see it on every other node, export,
// deposit on the escrow, Ctrl-C, start again, and find everything still
// there, the dev chain's contracts and deposit included.
func TestDevnetEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts node processes")
	}
	dir := t.TempDir()
	apiBase, p2pBase := freeBase(t, 3), freeBase(t, 3)+3000
	info, stop := startDevnet(t, dir, 3, apiBase, p2pBase)
	if len(info.Nodes) != 3 || info.Nodes[1].API != fmt.Sprintf("http://127.0.0.1:%d", apiBase+1) {
		t.Fatalf("devnet.json: %+v", info)
	}
	n0, n2 := info.Nodes[0], info.Nodes[2]

	out := mustCLI(t, "--api", n0.API, "--token", n0.Token, "datanet", "create", "--name", "quips", "--labels", "art,science")
	var dn struct{ ID string }
	if err := json.Unmarshal([]byte(out), &dn); err != nil || dn.ID == "" {
		t.Fatalf("create output %q: %v", out, err)
	}
	out = mustCLI(t, "--api", n0.API, "--token", n0.Token, "datanet", "submit", dn.ID, "--label", "science", "E equals m c squared")
	var sub node.SubmitResult
	if err := json.Unmarshal([]byte(out), &sub); err != nil || !sub.Created {
		t.Fatalf("submit output %q: %v", out, err)
	}
	start := time.Now()
	eventually(t, 10*time.Second, "record on node2", func() bool {
		out, err := runCLI(t, "--api", n2.API, "datanet", "records", dn.ID)
		return err == nil && strings.Contains(out, sub.CID)
	})
	t.Logf("record visible on node2 after %v", time.Since(start))

	export := filepath.Join(dir, "out.jsonl")
	mustCLI(t, "--api", n2.API, "datanet", "export", dn.ID, "--out", export)
	b, _ := os.ReadFile(export)
	if !strings.Contains(string(b), `"E equals m c squared"`) {
		t.Fatalf("export: %s", b)
	}

	// Chain state to find again after the restart: an escrow deposit.
	mustCLI(t, "--api", n2.API, "--token", n2.Token, "pay", "deposit", "--amount", "0.01")
	var bal0 struct {
		Balance string `json:"balance_wei"`
	}
	apiJSON(t, n2, "GET", "/api/v1/pay/balance", nil, &bal0)
	if bal0.Balance != "10000000000000000" {
		t.Fatalf("escrow balance after deposit: %q", bal0.Balance)
	}
	first := *info

	if err := stop(); err != nil {
		t.Fatalf("devnet stop: %v", err)
	}
	for _, nd := range info.Nodes {
		logb, _ := os.ReadFile(nd.Log)
		if !strings.Contains(string(logb), "node stopped") {
			t.Errorf("%s did not stop cleanly:\n%s", nd.Name, logb)
		}
	}

	info, stop = startDevnet(t, dir, 3, apiBase, p2pBase)
	defer stop()
	out = mustCLI(t, "--api", info.Nodes[1].API, "datanet", "records", dn.ID)
	if !strings.Contains(out, sub.CID) {
		t.Fatalf("record lost across devnet restart:\n%s", out)
	}
	// The dev chain persisted: same RPC, same contracts, the deposit still
	// there.
	if info.ChainRPC != first.ChainRPC || info.DAURL != first.DAURL || info.Registry != first.Registry ||
		info.Anchor != first.Anchor || info.Claims != first.Claims || info.Escrow != first.Escrow {
		t.Fatalf("chain changed across restart:\n%+v\n%+v", first, *info)
	}
	var bal1 struct {
		Balance string `json:"balance_wei"`
	}
	apiJSON(t, info.Nodes[2], "GET", "/api/v1/pay/balance", nil, &bal1)
	if bal1.Balance != bal0.Balance {
		t.Fatalf("escrow balance %q after restart, was %q", bal1.Balance, bal0.Balance)
	}
}

// TestKill9KeepsAcknowledgedRecords: once the API has acknowledged a record,
// SIGKILL of the node process does not lose it.
func TestKill9KeepsAcknowledgedRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("starts node processes")
	}
	home := t.TempDir()
	port := freeBase(t, 1)
	api := fmt.Sprintf("http://127.0.0.1:%d", port)
	mustCLI(t, "--home", home, "init", "--api.listen", fmt.Sprintf("127.0.0.1:%d", port), "--p2p.listen", "/ip4/127.0.0.1/tcp/0")

	run := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "--home", home, "run")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
		cl := node.NewClient(api, "")
		eventually(t, 30*time.Second, "node API", func() bool { return cl.Do(context.Background(), "GET", "/healthz", nil, nil) == nil })
		return cmd
	}
	cmd := run()
	tok, _ := node.ReadToken(home)
	cl := node.NewClient(api, tok)
	ctx := context.Background()
	var dn struct{ ID string }
	if err := cl.Do(ctx, "POST", "/api/v1/datanets", node.CreateDatanetRequest{Name: "k"}, &dn); err != nil {
		t.Fatal(err)
	}
	var acked []string
	for i := range 200 {
		var res node.SubmitResult
		if err := cl.Do(ctx, "POST", "/api/v1/datanets/"+dn.ID+"/records", node.SubmitRecord{Content: fmt.Sprintf("durable %d", i)}, &res); err != nil {
			t.Fatal(err)
		}
		acked = append(acked, res.CID)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	cmd = run()
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	for _, c := range acked {
		if err := cl.Do(ctx, "GET", "/api/v1/records/"+c, nil, nil); err != nil {
			t.Fatalf("acknowledged record %s lost after kill -9: %v", c, err)
		}
	}
}
