package pay

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
)

var testDomain = Domain{ChainID: 31337, Escrow: common.HexToAddress("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")}

func mustKey(t testing.TB) *account.Key {
	t.Helper()
	k, err := account.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func addr(i int) common.Address {
	return common.BytesToAddress([]byte(fmt.Sprintf("pay-addr-%05d", i)))
}

// bindings is a Payers and PayerOf for tests: signer bindings and
// balances, with a call counter.
type bindings struct {
	payerOf   map[common.Address]common.Address
	available map[common.Address]uint64
	err       error
	calls     int
}

func newBindings() *bindings {
	return &bindings{payerOf: map[common.Address]common.Address{}, available: map[common.Address]uint64{}}
}

func (b *bindings) PayerOf(signer common.Address) (common.Address, error) {
	b.calls++
	return b.payerOf[signer], b.err
}

func (b *bindings) Available(payer common.Address) (uint64, error) { return b.available[payer], b.err }

// testCID returns a deterministic CIDv1 (dag-cbor, sha2-256) string.
func testCID(seed string) string {
	sum := sha256.Sum256([]byte(seed))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		panic(err)
	}
	return cid.NewCidV1(cid.DagCBOR, mh).String()
}

// unpaidReceipt is a valid receipt of op without payment fields (free
// tier), with one adapter and two records.
func unpaidReceipt(op common.Address, seed int, pt, ot uint32) *attribution.Receipt {
	return &attribution.Receipt{
		Version:    attribution.ReceiptVersion,
		Epoch:      5,
		RequestID:  fmt.Sprintf("req-%d", seed),
		Base:       attribution.Model{CID: testCID("base"), Owner: addr(100)},
		Adapters:   []attribution.Adapter{{CID: testCID("adapter"), Owner: addr(101), Weight: 500_000}},
		PromptHash: [32]byte{1}, OutputHash: [32]byte{2, byte(seed)},
		PromptTokens: pt, OutputTokens: ot,
		Records: sortedRecords([]attribution.Record{
			{CID: testCID(fmt.Sprint("rec-a", seed%3)), Contributor: addr(110), Datanet: testCID("dn"), Weight: 600_000},
			{CID: testCID(fmt.Sprint("rec-b", seed%5)), Contributor: addr(111), Datanet: testCID("dn"), Weight: 400_000},
		}),
		Operator: op,
		Time:     1_700_000_000_000 + int64(seed),
	}
}

func sortedRecords(rs []attribution.Record) []attribution.Record {
	slices.SortFunc(rs, func(a, b attribution.Record) int {
		if c := strings.Compare(a.CID, b.CID); c != 0 {
			return c
		}
		return strings.Compare(a.Datanet, b.Datanet)
	})
	return rs
}
