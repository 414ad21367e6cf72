package node

import (
	"crypto/sha256"
	"encoding/json"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/account"
)

func testCIDNode(s string) cid.Cid {
	sum := sha256.Sum256([]byte(s))
	mh, _ := multihash.Encode(sum[:], multihash.SHA2_256)
	return cid.NewCidV1(cid.DagCBOR, mh)
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
