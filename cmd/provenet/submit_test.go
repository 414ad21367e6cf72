package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/node"
)

// startTestNode starts a real node in this process, on loopback ports,
// and stops it at cleanup.
func startTestNode(t *testing.T) *node.Node {
	t.Helper()
	cfg := node.DefaultConfig()
	cfg.API.Listen = "127.0.0.1:0"
	cfg.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.P2P.DHT = false
	cfg.Tasks.Enabled = false
	cfg.Log.Level = "warn"
	h, err := node.Init(t.TempDir(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	n, err := node.New(cfg, h, node.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := n.Stop(context.Background()); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return n
}

// TestSubmitFileListsRejectedLinesAndFails: `datanet submit --file` stores
// every good line, lists each rejected one (not JSON, a label outside the
// schema, empty content) with its line number and reason on stderr, and
// exits non-zero; a file without rejects exits zero.
func TestSubmitFileListsRejectedLinesAndFails(t *testing.T) {
	n := startTestNode(t)
	tok, err := node.ReadToken(n.Home().Dir)
	if err != nil {
		t.Fatal(err)
	}
	api := []string{"--api", n.APIURL(), "--token", tok}
	d, _, err := n.CreateDatanet(context.Background(), node.CreateDatanetRequest{Name: "upload", Labels: []string{"art", "science"}})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "records.jsonl")
	lines := []string{
		`{"content":"first good line","label":"art"}`,
		`this is not json`,
		``,
		`{"content":"a line with a label outside the schema","label":"sports"}`,
		`{"content":""}`,
		`{"content":"second good line","source":"https://example.org/a"}`,
		`{"content":"third good line","label":"science"}`,
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		app := newApp()
		app.Writer, app.ErrWriter = &out, &errOut
		err := app.Run(append(append([]string{"provenet"}, api...), args...))
		return out.String(), errOut.String(), err
	}
	// --batch 2: rejected lines are mapped back across batches.
	stdout, stderr, err := run("datanet", "submit", d.ID().String(), "--file", file, "--batch", "2")
	if err == nil || exitCode(err) == 0 || !errors.Is(err, errRejectedLines) {
		t.Fatalf("exit: %v (code %d), want non-zero with errRejectedLines\nstdout %s\nstderr %s", err, exitCode(err), stdout, stderr)
	}
	if !strings.Contains(stdout, "created 3, already stored 0, rejected 3") {
		t.Errorf("stdout %q", stdout)
	}
	t.Logf("stderr:\n%s", stderr)
	got := strings.Split(strings.TrimSpace(stderr), "\n")
	want := []string{file + ":2: rejected: not a JSON record", file + ":4: rejected: ", file + ":5: rejected: "}
	if len(got) != len(want) {
		t.Fatalf("stderr lists %d lines, want %d:\n%s", len(got), len(want), stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("stderr line %d %q, want prefix %q", i, got[i], w)
		}
	}
	if !strings.Contains(got[1], "(label_not_in_schema)") {
		t.Errorf("label outside the schema: %q", got[1])
	}
	if !strings.Contains(got[2], "empty content (invalid)") {
		t.Errorf("empty content: %q", got[2])
	}
	recs, _, err := n.Store().ListRecords(datanet.Query{Datanet: d.ID()})
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, r := range recs {
		stored = append(stored, r.Content)
	}
	if strings.Join(stored, "|") != "first good line|second good line|third good line" {
		t.Fatalf("stored %q, want the three good lines", stored)
	}
	// Again: the good lines are already stored, the bad ones still fail.
	if stdout, _, err = run("datanet", "submit", d.ID().String(), "--file", file); exitCode(err) == 0 || !strings.Contains(stdout, "created 0, already stored 3, rejected 3") {
		t.Fatalf("second upload: %v %q", err, stdout)
	}
	good := filepath.Join(t.TempDir(), "good.jsonl")
	if err := os.WriteFile(good, []byte(lines[0]+"\n"+`{"content":"fourth good line"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, err = run("datanet", "submit", d.ID().String(), "--file", good); err != nil || stderr != "" || !strings.Contains(stdout, "created 1, already stored 1, rejected 0") {
		t.Fatalf("clean upload: %v\nstdout %q\nstderr %q", err, stdout, stderr)
	}
}
