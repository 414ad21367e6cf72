package node

import (
	"crypto/sha256"
	"encoding/json"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/tasks"
)

func testCIDNode(s string) cid.Cid {
	sum := sha256.Sum256([]byte(s))
	mh, _ := multihash.Encode(sum[:], multihash.SHA2_256)
	return cid.NewCidV1(cid.DagCBOR, mh)
}

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

// FuzzGold covers the decoder of gold commits and reveals.
func FuzzGold(f *testing.F) {
	k, _ := account.Generate()
	c, rs, _ := tasks.NewGold(k, testCIDNode("d"), []tasks.GoldEntry{{Record: testCIDNode("r"), Verdict: tasks.Verdict{Accept: true, Label: "x"}}}, time.UnixMilli(1_790_000_000_000))
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
	b, _ := syncEnc.Marshal(resultSyncRequest{Op: resultSyncIDs, Digests: map[uint64][]byte{1: make([]byte, 32)}})
	f.Add(b)
	b, _ = syncEnc.Marshal(resultSyncResponse{IDs: [][]byte{make([]byte, 32)}, More: true})
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var req resultSyncRequest
		_ = resultSyncDec.Unmarshal(data, &req)
		var resp resultSyncResponse
		_ = resultSyncDec.Unmarshal(data, &resp)
	})
}

// FuzzFactoryOrder covers the trainer's check of a Model Factory order
// frame: no input may panic, and an accepted order is signed by its
// requester and addressed to this trainer.
func FuzzFactoryOrder(f *testing.F) {
	k, err := account.Generate()
	if err != nil {
		f.Fatal(err)
	}
	now := time.UnixMilli(1_700_000_000_000)
	body, _ := json.Marshal(factoryOrderBody{Request: FactoryJobRequest{Datanet: "bafy", Steps: 3}, Requester: k.Address().Hex(), Trainer: "trainer", At: now.UnixMilli()})
	sig, _ := k.SignDigest(factoryOrderDigest(body))
	good, _ := json.Marshal(factoryOrder{Body: body, Sig: sig})
	f.Add(good)
	f.Add([]byte(`{"body":{},"sig":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var o factoryOrder
		if json.Unmarshal(data, &o) != nil {
			return
		}
		b, signer, _, err := verifyFactoryOrder(o, "trainer", now)
		if err == nil && (b.Trainer != "trainer" || signer.Hex() != b.Requester) {
			t.Fatalf("accepted %+v signed by %s", b, signer)
		}
	})
}
