package datanet

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
)

// durabilityDirEnv makes TestDurableWithoutClose act as the child process
// that writes to the store in that directory and exits without Close.
const durabilityDirEnv = "PROVENET_DATANET_TEST_DURABILITY_DIR"

// A process that exits right after its writes were acknowledged, without
// closing the store, leaves every acknowledged write readable after reopen,
// with the counters and sequence numbers intact. (An exit does not drop the
// page cache, so this checks recovery of an unclosed store; SyncWrites is
// what carries that over to a power loss.)
func TestDurableWithoutClose(t *testing.T) {
	if dir := os.Getenv(durabilityDirEnv); dir != "" {
		durabilityChild(t, dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDurableWithoutClose$", "-test.count=1")
	cmd.Env = append(os.Environ(), durabilityDirEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\nstdout:\n%s\nstderr:\n%s", err, out, stderr.Bytes())
	}
	acked := map[string]uint64{}
	var lastSeq uint64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "ack" {
			continue
		}
		seq, err := strconv.ParseUint(f[2], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		acked[f[1]] = seq
		lastSeq = max(lastSeq, seq)
	}
	if len(acked) != 1+50 {
		t.Fatalf("child acknowledged %d writes, want 51:\n%s", len(acked), out)
	}

	s := openStore(t, DefaultStoreConfig(dir))
	if got := s.Stats(); got != (Stats{Datanets: 1, Records: 50}) || s.LastSeq() != lastSeq {
		t.Fatalf("after reopen: stats %+v, last seq %d; want 1 datanet, 50 records, last seq %d", got, s.LastSeq(), lastSeq)
	}
	for c, seq := range acked {
		id, err := cid.Decode(c)
		if err != nil {
			t.Fatal(err)
		}
		if seq == 1 {
			if _, err := s.GetDatanet(id); err != nil {
				t.Fatalf("acknowledged datanet lost: %v", err)
			}
			continue
		}
		sr, err := s.GetRecord(id)
		if err != nil {
			t.Fatalf("acknowledged record %s lost: %v", c, err)
		}
		if sr.Seq != seq {
			t.Fatalf("record %s has seq %d, acknowledged with %d", c, sr.Seq, seq)
		}
		if seq%5 == 0 && sr.State != StateGolden {
			t.Fatalf("record %s: acknowledged state change lost", c)
		}
	}
	if v, err := s.GetMeta("cursor"); err != nil || string(v) != "last" {
		t.Fatalf("acknowledged meta lost: %q, %v", v, err)
	}
}

// durabilityChild writes, reports each acknowledged write on stdout, and
// exits without closing the store.
func durabilityChild(t *testing.T, dir string) {
	cfg := DefaultStoreConfig(dir) // SyncWrites true
	s, err := Open(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dn := newTestDatanet(t, "durable", nil)
	mustPutDatanet(t, s, dn)
	fmt.Printf("ack %s %d\n", dn.ID(), 1)
	recs := newRecords(t, dn, submitterKey, "durable", 50)
	for i := 0; i < len(recs); i += 10 {
		res, err := s.PutRecords(ctx, recs[i:i+10])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil || !r.Created {
				t.Fatalf("%+v", r)
			}
			if r.Seq%5 == 0 {
				if err := s.SetState(r.CID, StateGolden); err != nil {
					t.Fatal(err)
				}
			}
			fmt.Printf("ack %s %d\n", r.CID, r.Seq)
		}
	}
	if err := s.PutMeta("cursor", []byte("last")); err != nil {
		t.Fatal(err)
	}
	os.Exit(0) // no Close
}
