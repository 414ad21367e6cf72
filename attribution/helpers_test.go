package attribution

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/account"
)

// testCID returns a deterministic CIDv1 (dag-cbor, sha2-256) string.
func testCID(seed string) string {
	sum := sha256.Sum256([]byte(seed))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		panic(err)
	}
	return cid.NewCidV1(cid.DagCBOR, mh).String()
}

func testAddr(i int) common.Address {
	return common.BytesToAddress([]byte(fmt.Sprintf("addr-%04d", i)))
}

func testKey(t testing.TB) *account.Key {
	t.Helper()
	k, err := account.FromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// testReceipt returns a valid unsigned receipt operated by op.
func testReceipt(op common.Address, seed int) *Receipt {
	r := &Receipt{
		Version:   ReceiptVersion,
		Epoch:     7,
		RequestID: fmt.Sprintf("req-%d", seed),
		Base:      Model{CID: testCID("base"), Owner: testAddr(1)},
		Adapters: []Adapter{
			{CID: testCID("adapter"), Owner: testAddr(2), Weight: 600_000},
		},
		PromptHash:   [32]byte{1},
		OutputHash:   [32]byte{2},
		PromptTokens: 100,
		OutputTokens: 256,
		Records: []Record{
			{CID: testCID("rec-a"), Contributor: testAddr(10), Datanet: testCID("dn"), Weight: 700_000},
			{CID: testCID("rec-b"), Contributor: testAddr(11), Datanet: testCID("dn"), Weight: 300_000},
		},
		Citations:   []Citation{{CID: testCID("cite"), Count: 2}},
		Operator:    op,
		Payer:       testAddr(20),
		Auth:        [32]byte{3, byte(seed)},
		PromptPrice: 1_000_003,
		OutputPrice: 2_000_017,
		Time:        1_700_000_000_000 + int64(seed),
	}
	sortRecords(r.Records)
	r.Fee, _ = Fee(r.PromptTokens, r.OutputTokens, r.PromptPrice, r.OutputPrice)
	return r
}

func sortRecords(rs []Record) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && compareRecordKey(rs[j-1], rs[j]) > 0; j-- {
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
}

func compareAddr(a, b common.Address) int { return a.Cmp(b) }
