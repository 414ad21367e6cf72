package work

import (
	"crypto/sha256"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/tasks"
)

func testCID(s string) cid.Cid {
	sum := sha256.Sum256([]byte(s))
	mh, _ := multihash.Encode(sum[:], multihash.SHA2_256)
	return cid.NewCidV1(cid.DagCBOR, mh)
}

// FuzzGold covers the decoder of gold commits and reveals.
func FuzzGold(f *testing.F) {
	k, _ := account.Generate()
	c, rs, _ := tasks.NewGold(k, testCID("d"), []tasks.GoldEntry{{Record: testCID("r"), Verdict: tasks.Verdict{Accept: true, Label: "x"}}}, time.UnixMilli(1_790_000_000_000))
	b, _ := tasks.EncodeGoldCommit(c)
	f.Add(b)
	b, _ = tasks.EncodeGoldReveal(rs[0])
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, r, err := decodeGold(data)
		if err == nil && (c == nil) == (r == nil) {
			t.Fatal("decoded as neither or both a commit and a reveal")
		}
	})
}

// FuzzResultSync covers the results-reconciliation messages.
func FuzzResultSync(f *testing.F) {
	b, _ := wireEnc.Marshal(resultSyncRequest{Op: resultSyncIDs, Digests: map[uint64][]byte{1: make([]byte, 32)}})
	f.Add(b)
	b, _ = wireEnc.Marshal(resultSyncResponse{IDs: [][]byte{make([]byte, 32)}, More: true})
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var req resultSyncRequest
		_ = resultSyncDec.Unmarshal(data, &req)
		var resp resultSyncResponse
		_ = resultSyncDec.Unmarshal(data, &resp)
	})
}
