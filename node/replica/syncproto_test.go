package replica

import (
	"errors"
	"testing"
)

func TestSyncMessagesRoundTrip(t *testing.T) {
	b, err := encodeSync(syncRequest{After: 7, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	req, err := decodeSyncRequest(b)
	if err != nil || req.After != 7 || req.Limit != 100 {
		t.Fatalf("got %+v %v", req, err)
	}
	b, _ = encodeSync(syncResponse{Last: 9, Entries: []syncEntry{{Seq: 8, Kind: 1, Data: []byte{1}}, {Seq: 9, Kind: 2, Data: []byte{2}}}})
	resp, err := decodeSyncResponse(b, 7)
	if err != nil || len(resp.Entries) != 2 || resp.Last != 9 {
		t.Fatalf("got %+v %v", resp, err)
	}
}

func TestSyncResponseRejectsDisorder(t *testing.T) {
	b, _ := encodeSync(syncResponse{Last: 9, Entries: []syncEntry{{Seq: 9, Kind: 1}, {Seq: 8, Kind: 1}}})
	if _, err := decodeSyncResponse(b, 0); !errors.Is(err, ErrSyncMessage) {
		t.Fatalf("out-of-order seqs: %v", err)
	}
	b, _ = encodeSync(syncResponse{Last: 9, Entries: []syncEntry{{Seq: 5, Kind: 1}}})
	if _, err := decodeSyncResponse(b, 5); !errors.Is(err, ErrSyncMessage) {
		t.Fatalf("seq not after cursor: %v", err)
	}
	b, _ = encodeSync(syncResponse{Last: 9, Entries: []syncEntry{{Seq: 6, Kind: 99}}})
	if _, err := decodeSyncResponse(b, 5); !errors.Is(err, ErrSyncMessage) {
		t.Fatalf("unknown kind: %v", err)
	}
	b, _ = encodeSync(syncRequest{After: 1, Limit: 0})
	if _, err := decodeSyncRequest(b); !errors.Is(err, ErrSyncMessage) {
		t.Fatalf("zero limit: %v", err)
	}
}

// FuzzSyncRequest and FuzzSyncResponse cover the decoders of bytes that
// arrive from peers on the sync protocol: no input may panic.
func FuzzSyncRequest(f *testing.F) {
	b, _ := encodeSync(syncRequest{After: 1, Limit: 10})
	f.Add(b)
	f.Add([]byte{0xa0})
	f.Add([]byte{0xff, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := decodeSyncRequest(data)
		if err == nil && (req.Limit == 0 || req.Limit > maxSyncEntries) {
			t.Fatalf("accepted limit %d", req.Limit)
		}
	})
}

func FuzzSyncResponse(f *testing.F) {
	b, _ := encodeSync(syncResponse{Last: 3, Entries: []syncEntry{{Seq: 2, Kind: 1, Data: []byte("x")}, {Seq: 3, Kind: 2}}})
	f.Add(b, uint64(1))
	f.Add([]byte{0x9f}, uint64(0))
	f.Fuzz(func(t *testing.T, data []byte, after uint64) {
		resp, err := decodeSyncResponse(data, after)
		if err != nil {
			return
		}
		prev := after
		for _, e := range resp.Entries {
			if e.Seq <= prev {
				t.Fatalf("accepted seq %d after %d", e.Seq, prev)
			}
			prev = e.Seq
		}
	})
}
