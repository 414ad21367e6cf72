package node

import (
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
)

// FuzzPresence covers the decoder of presence announcements: no input may
// panic, and whatever decodes carries a valid signature by its address.
func FuzzPresence(f *testing.F) {
	k, _ := account.Generate()
	b, _ := signPresence(k, peer.ID("peer"), []string{"edge", "worker"}, time.UnixMilli(1_790_000_000_000))
	f.Add(b)
	f.Add([]byte{0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, addr, err := decodePresence(data)
		if err != nil {
			return
		}
		if err := account.Verify(addr, p.digest(), p.Signature); err != nil {
			t.Fatalf("accepted a presence that does not verify: %v", err)
		}
	})
}

// FuzzResultSync covers the results-reconciliation messages.
func FuzzResultSync(f *testing.F) {
	b, _ := encodeSync(resultSyncRequest{Op: resultSyncIDs, Digests: map[uint64][]byte{1: make([]byte, 32)}})
	f.Add(b)
	b, _ = encodeSync(resultSyncResponse{IDs: [][]byte{make([]byte, 32)}, More: true})
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var req resultSyncRequest
		_ = resultSyncDec.Unmarshal(data, &req)
		var resp resultSyncResponse
		_ = resultSyncDec.Unmarshal(data, &resp)
	})
}
