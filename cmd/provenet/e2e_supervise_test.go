package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/provenet/provenet/node"
)

// TestDevnetRestartsKilledNode: kill -9 of one node process no longer
// stops the devnet. The launcher reports the exit, restarts the node with
// backoff, the other node keeps serving throughout, the restarted node's
// API answers again with its data, and Ctrl-C still stops everything.
func TestDevnetRestartsKilledNode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts node processes")
	}
	dir := t.TempDir()
	apiBase, p2pBase := freeBase(t, 2), freeBase(t, 2)+3000
	out := &syncBuffer{}
	info, stop := startDevnetOut(t, out, dir, 2, apiBase, p2pBase)
	n0, n1 := info.Nodes[0], info.Nodes[1]
	if n1.PID == 0 {
		t.Fatalf("devnet.json has no pid for node1: %+v", n1)
	}
	res := mustCLI(t, "--api", n1.API, "--token", n1.Token, "datanet", "create", "--name", "survivor")
	var dn struct{ ID string }
	if err := json.Unmarshal([]byte(res), &dn); err != nil || dn.ID == "" {
		t.Fatalf("create output %q: %v", res, err)
	}

	if err := syscall.Kill(n1.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "exit report", func() bool {
		return strings.Contains(out.String(), "node1 exited: signal: killed; restarting in 1s")
	})
	// node0 keeps serving while node1 is down.
	c0 := node.NewClient(n0.API, "")
	if err := c0.Do(context.Background(), "GET", "/healthz", nil, nil); err != nil {
		t.Fatalf("node0 down after node1 was killed: %v", err)
	}
	var pid int
	eventually(t, 60*time.Second, "node1 restarted with a new pid in devnet.json", func() bool {
		in, err := readDevnet(filepath.Join(dir, "devnet.json"))
		if err != nil {
			return false
		}
		pid = in.Nodes[1].PID
		return pid != 0 && pid != n1.PID
	})
	c1 := node.NewClient(n1.API, "")
	eventually(t, 60*time.Second, "node1 API after restart", func() bool {
		return c1.Do(context.Background(), "GET", "/healthz", nil, nil) == nil
	})
	if got := mustCLI(t, "--api", n1.API, "--token", n1.Token, "datanet", "list"); !strings.Contains(got, dn.ID) {
		t.Fatalf("datanet %s lost across restart:\n%s", dn.ID, got)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("node1 restarted (pid %d)", pid)) {
		t.Errorf("no restart report in output:\n%s", out.String())
	}

	if err := stop(); err != nil {
		t.Fatalf("devnet stop: %v", err)
	}
	// Ctrl-C stopped both processes and restarted neither.
	for _, p := range []int{pid, n0.PID} {
		if syscall.Kill(p, 0) == nil {
			t.Errorf("pid %d still running after stop", p)
		}
	}
	if strings.Count(out.String(), "restarted (pid") != 1 {
		t.Errorf("unexpected restarts:\n%s", out.String())
	}
}

// TestDevnetFixedPorts: chain RPC and DA listen on the ports the flags
// name, devnet.json says so, and a busy port is refused with the flag to
// change it.
func TestDevnetFixedPorts(t *testing.T) {
	if testing.Short() {
		t.Skip("starts node processes")
	}
	dir := t.TempDir()
	apiBase, p2pBase := freeBase(t, 1), freeBase(t, 1)+3000
	info, stop := startDevnet(t, dir, 1, apiBase, p2pBase)
	cp := devChainPort(apiBase)
	if want := fmt.Sprintf("http://127.0.0.1:%d", cp); info.ChainRPC != want {
		t.Errorf("chain_rpc %q, want %q", info.ChainRPC, want)
	}
	if want := fmt.Sprintf("http://127.0.0.1:%d", cp+1); info.DAURL != want {
		t.Errorf("da_url %q, want %q", info.DAURL, want)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", cp))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = runCLI(t, "devnet", "--nodes", "1", "--dir", dir, "--api-port", fmt.Sprint(apiBase), "--p2p-port", fmt.Sprint(p2pBase),
		"--chain-port", fmt.Sprint(cp), "--da-port", fmt.Sprint(cp+1))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d is in use (pick another with --chain-port)", cp)) {
		t.Fatalf("busy chain port: %v", err)
	}
}

// TestDevnetNodeHomeRunsAlone: with the devnet down, a node's home run on
// its own names the missing chain RPC and DA by URL; with the devnet's
// chain and DA up again (a 1-node devnet on the same dir, same fixed
// ports and persisted chain), the same home runs on its own and serves.
func TestDevnetNodeHomeRunsAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("starts node processes")
	}
	dir := t.TempDir()
	apiBase, p2pBase := freeBase(t, 2), freeBase(t, 2)+3000
	info, stop := startDevnet(t, dir, 2, apiBase, p2pBase)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	n1 := info.Nodes[1]

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, os.Args[0], "run", "--home", n1.Home).CombinedOutput()
	if err == nil {
		t.Fatalf("node ran without its chain:\n%s", out)
	}
	for _, want := range []string{"chain RPC unreachable at " + info.ChainRPC, "DA unreachable at " + info.DAURL} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	startDevnet(t, dir, 1, apiBase, p2pBase)
	cmd := exec.Command(os.Args[0], "run", "--home", n1.Home)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }()
	c1 := node.NewClient(n1.API, "")
	eventually(t, 60*time.Second, "node1 API, run alone", func() bool {
		return c1.Do(context.Background(), "GET", "/healthz", nil, nil) == nil
	})
}
