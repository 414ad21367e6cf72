package datanet

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestExportJSONL(t *testing.T) {
	s := openStore(t, testConfig(t))
	ctx := context.Background()
	dn := newTestDatanet(t, "export", testLabels)
	other := newTestDatanet(t, "export other", nil)
	mustPutDatanet(t, s, dn)
	mustPutDatanet(t, s, other)

	// More than one ListRecords page, with contents that need escaping.
	n := MaxQueryLimit + 37
	recs := make([]*Record, n)
	for i := range recs {
		recs[i] = newSignedRecord(t, dn, submitterKey+i%2, fmt.Sprintf("line one %d\nline two <b>&\"q\"\u2028", i), testLabels[i%3])
	}
	res, err := s.PutVerified(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	golden := map[string]bool{}
	for i, r := range res {
		if r.Err != nil || !r.Created {
			t.Fatalf("record %d: %+v", i, r)
		}
		if i%7 == 0 {
			golden[r.CID.String()] = true
			if err := s.SetState(r.CID, StateGolden); err != nil {
				t.Fatal(err)
			}
		}
	}
	mustPutRecords(t, s, newRecords(t, other, submitterKey, "other", 3))

	var buf bytes.Buffer
	count, err := s.Export(ctx, &buf, dn.ID(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := readJSONL(t, buf.Bytes())
	if count != n || len(lines) != n {
		t.Fatalf("Export wrote %d records in %d lines, want %d", count, len(lines), n)
	}
	if strings.Count(buf.String(), "\n") != n {
		t.Fatal("a newline in content was not escaped")
	}
	var prev uint64
	for i, sr := range lines {
		if !sr.CID.Equals(recs[i].CID()) || recordDiff(recs[i], &sr.Record) != "" {
			t.Fatalf("line %d is not record %d", i, i)
		}
		if sr.Seq <= prev || sr.ReceivedAt == 0 {
			t.Fatalf("line %d: seq %d after %d, received_at %d", i, sr.Seq, prev, sr.ReceivedAt)
		}
		prev = sr.Seq
		want := StatePending
		if golden[sr.CID.String()] {
			want = StateGolden
		}
		if sr.State != want {
			t.Fatalf("line %d: state %v, want %v", i, sr.State, want)
		}
		if err := sr.Validate(dn); err != nil {
			t.Fatalf("line %d does not validate: %v", i, err)
		}
	}

	buf.Reset()
	count, err = s.Export(ctx, &buf, dn.ID(), ptr(StateGolden), nil)
	if err != nil {
		t.Fatal(err)
	}
	lines = readJSONL(t, buf.Bytes())
	if count != len(golden) || len(lines) != len(golden) {
		t.Fatalf("golden export: %d records, %d lines, want %d", count, len(lines), len(golden))
	}
	for _, sr := range lines {
		if !golden[sr.CID.String()] || sr.State != StateGolden {
			t.Fatalf("golden export holds %s in state %v", sr.CID, sr.State)
		}
	}

	buf.Reset()
	count, err = s.Export(ctx, &buf, dn.ID(), ptr(StateRejected), nil)
	if err != nil || count != 0 || buf.Len() != 0 {
		t.Fatalf("rejected export: %d records, %d bytes, %v", count, buf.Len(), err)
	}
	buf.Reset()
	if count, err := s.Export(ctx, &buf, other.ID(), nil, nil); err != nil || count != 3 || len(readJSONL(t, buf.Bytes())) != 3 {
		t.Fatalf("other datanet: %d records, %v", count, err)
	}
}

func TestExportErrors(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "export errors", nil)
	mustPutDatanet(t, s, dn)
	mustPutRecords(t, s, newRecords(t, dn, submitterKey, "e", 3))

	_, err := s.Export(context.Background(), &bytes.Buffer{}, newTestDatanet(t, "absent", nil).ID(), nil, nil)
	wantErr(t, "unknown datanet", err, ErrUnknownDatanet)
	_, err = s.Export(context.Background(), &bytes.Buffer{}, dn.ID(), ptr(State(9)), nil)
	wantErr(t, "invalid state", err, ErrInvalid)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Export(ctx, &bytes.Buffer{}, dn.ID(), nil, nil)
	wantErr(t, "cancelled", err, context.Canceled)
	errWrite := errors.New("disk full")
	_, err = s.Export(context.Background(), failingWriter{errWrite}, dn.ID(), nil, nil)
	wantErr(t, "failing writer", err, errWrite)
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// readJSONL checks that b is JSON Lines of StoredRecord objects and returns them.
func readJSONL(t *testing.T, b []byte) []*StoredRecord {
	t.Helper()
	var out []*StoredRecord
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if !json.Valid(line) || len(line) == 0 || line[0] != '{' {
			t.Fatalf("line %d is not a JSON object: %q", len(out)+1, line)
		}
		var sr StoredRecord
		if err := json.Unmarshal(line, &sr); err != nil {
			t.Fatalf("line %d: %v", len(out)+1, err)
		}
		out = append(out, &sr)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatal("output does not end with a newline")
	}
	return out
}
