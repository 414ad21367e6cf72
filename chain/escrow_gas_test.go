package chain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// TestEscrowGasReport prints the gas of the escrow's operations on the dev
// chain's rules (Prague). Run it with
//
//	go test -run TestEscrowGasReport -v ./chain/
//
// Settlement (redeem + finalize) is measured for 1, 100 and 10,000
// payer-operator pairs, with redeem batches under MaxRedeemBatchGas (the
// 10,000 pairs take about 10 s; -short skips the whole report). It asserts that settlement gas does not depend on how
// many receipts stand behind a voucher: the same 100 pairs settled with 1,
// 100 and 10,000 receipts per pair cost exactly the same.
func TestEscrowGasReport(t *testing.T) {
	if testing.Short() {
		t.Skip("gas report")
	}
	ctx := context.Background()
	var rows []string
	row := func(op string, gas uint64, note string) {
		rows = append(rows, fmt.Sprintf("| %-52s | %10d | %s |", op, gas, note))
	}

	// Single operations.
	{
		f := newEscrowSim(t, escAccounts)
		gasOf := func(h common.Hash, err error) uint64 {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return f.receipt(t, h).GasUsed
		}
		p := f.clients[accPayer1]
		row("deposit (first: new balance slot)", gasOf(p.Deposit(ctx, ether(1))), "")
		row("deposit (top-up)", gasOf(p.Deposit(ctx, ether(1))), "")
		row("depositTo (new payer)", gasOf(p.DepositTo(ctx, common.Address{0xde}, ether(1))), "")
		row("thaw", gasOf(p.Thaw(ctx, ether(1))), "")
		row("cancelThaw", gasOf(p.CancelThaw(ctx)), "refund")
		if _, err := p.Thaw(ctx, ether(1)); err != nil {
			t.Fatal(err)
		}
		if err := f.backend.AdjustTime(DefaultThawingPeriod); err != nil {
			t.Fatal(err)
		}
		_, h, err := p.Withdraw(ctx)
		row("withdraw", gasOf(h, err), "")
		s := common.Address{0x5e}
		row("authorizeSigner", gasOf(p.AuthorizeSigner(ctx, s)), "")
		row("thawSigner", gasOf(p.ThawSigner(ctx, s)), "")
		if err := f.backend.AdjustTime(DefaultThawingPeriod); err != nil {
			t.Fatal(err)
		}
		row("revokeSigner", gasOf(p.RevokeSigner(ctx, s)), "refund")

		// Claims from trees of 1, 100 and 10,000 leaves (proof depth 0, 7,
		// 14): the epoch's first claim, then a later one.
		settler := f.clients[accSettler]
		claimant := f.clients[accStranger]
		for i, n := range []int{1, 100, 10_000} {
			epoch := uint64(100 + i)
			amounts := make(map[common.Address]*big.Int, n)
			amounts[f.addr(accModel)] = gwei(7)
			amounts[f.addr(accData1)] = gwei(5)
			for j := len(amounts); j < n; j++ {
				amounts[common.BigToAddress(big.NewInt(int64(1_000_000+j)))] = gwei(1)
			}
			if n == 1 {
				delete(amounts, f.addr(accData1))
			}
			total := new(big.Int)
			for _, v := range amounts {
				total.Add(total, v)
			}
			tree, leaves := claimsTree(t, epoch, amounts)
			if _, err := f.clients[accPayer2].Deposit(ctx, total); err != nil {
				t.Fatal(err)
			}
			v := Voucher{Payer: f.addr(accPayer2), Operator: f.addr(accOp1), Epoch: epoch, Amount: total}
			if _, err := settler.Redeem(ctx, epoch, []Redemption{f.redemption(t, f.keys[accPayer2], v, total)}); err != nil {
				t.Fatal(err)
			}
			if _, err := settler.Finalize(ctx, epoch, nil, tree.Root(), total); err != nil {
				t.Fatal(err)
			}
			pm := proofOf(t, tree, leaves[f.addr(accModel)])
			row(fmt.Sprintf("claim, %d-leaf tree (depth %d), first of epoch", n, len(pm)),
				gasOf(claimant.ClaimPayment(ctx, epoch, f.addr(accModel), gwei(7), pm)), "pays an existing account")
			if n > 1 {
				pd := proofOf(t, tree, leaves[f.addr(accData1)])
				row(fmt.Sprintf("claim, %d-leaf tree (depth %d), later", n, len(pd)),
					gasOf(claimant.ClaimPayment(ctx, epoch, f.addr(accData1), gwei(5), pd)), "")
			}
		}
	}

	// Settlement.
	var settle []string
	for _, n := range []int{1, 100, 10_000} {
		start := time.Now()
		g := settleGas(t, n, 1)
		settle = append(settle, fmt.Sprintf("| %6d | %4d x %-3d | %7d | %11d | %9d | %11d | %8d | %8d |",
			n, g.payers, g.operators, g.batches, g.redeem, g.finalize, g.redeem+g.finalize,
			(g.redeem+g.finalize)/uint64(n), g.maxBatch))
		t.Logf("%d pairs settled in %v", n, time.Since(start).Round(time.Millisecond))
	}

	// Receipts behind the vouchers do not matter.
	var rec []string
	var first uint64
	for i, perPair := range []int{1, 100, 10_000} {
		g := settleGas(t, 100, perPair)
		total := g.redeem + g.finalize
		rec = append(rec, fmt.Sprintf("| %6d | %9d | %11d | %9d | %11d |", perPair, 100*perPair, g.redeem, g.finalize, total))
		if i == 0 {
			first = total
		} else if total != first {
			t.Errorf("settlement of 100 pairs with %d receipts each: %d gas, with 1 receipt each: %d", perPair, total, first)
		}
	}

	t.Logf("\n| operation | gas used | note |\n|---|---:|---|\n%s", strings.Join(rows, "\n"))
	t.Logf("\nSettlement per epoch (redeem batches under %d gas, operators new accounts):\n"+
		"| pairs | payers x ops | batches | redeem gas | finalize gas | total gas | per pair | max batch |\n"+
		"|---:|---|---:|---:|---:|---:|---:|---:|\n%s", MaxRedeemBatchGas, strings.Join(settle, "\n"))
	t.Logf("\nSettlement of 100 pairs vs receipts per pair (same voucher amounts):\n"+
		"| receipts/pair | receipts | redeem gas | finalize gas | total gas |\n|---:|---:|---:|---:|---:|\n%s", strings.Join(rec, "\n"))
}

type settlementGas struct {
	payers, operators, batches int
	redeem, finalize, maxBatch uint64
	poolWei, claimsWei, opsWei *big.Int
}

// settleGas settles one epoch of n payer-operator pairs on a fresh chain
// (payers x operators, at most 10 operators) and returns its gas. Each
// pair's voucher is the sum of receiptsPerPair receipt fees that always
// add up to the same 1e12 wei, as off-chain settlement would sum them.
// The settlement is checked to the wei: operators get 70 % of their
// charges, one claims leaf per payer gets the rest.
func settleGas(t *testing.T, n, receiptsPerPair int) settlementGas {
	t.Helper()
	ctx := context.Background()
	f := newEscrowSim(t, 2)
	cfg := testConfig()
	cfg.GasLimitCap = MaxRedeemBatchGas
	settler, err := NewClient(ctx, f.clients[0].b, cfg, f.keys[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	settler = settler.WithAddresses(f.addrs)
	ops := min(n, 10)
	payers := n / ops
	keys, err := DevKeys(fmt.Sprintf("gas-payers-%d", n), payers)
	if err != nil {
		t.Fatal(err)
	}
	opAddrs := make([]common.Address, ops)
	for j := range opAddrs {
		opAddrs[j] = crypto.CreateAddress(common.Address{0x09}, uint64(j)) // fresh accounts
	}
	const epoch = 1
	perPair := big.NewInt(1_000_000_000_000)
	fee := new(big.Int).Div(perPair, big.NewInt(int64(receiptsPerPair)))
	bulkDepositTo(t, f, keys, new(big.Int).Mul(perPair, big.NewInt(int64(ops))))

	rs := make([]Redemption, 0, n)
	for _, k := range keys {
		payer := crypto.PubkeyToAddress(k.PublicKey)
		for _, op := range opAddrs {
			amount := new(big.Int)
			for range receiptsPerPair {
				amount.Add(amount, fee)
			}
			rs = append(rs, f.redemption(t, k, Voucher{Payer: payer, Operator: op, Epoch: epoch, Amount: amount}, amount))
		}
	}
	hashes, err := settler.Redeem(ctx, epoch, rs)
	if err != nil {
		t.Fatal(err)
	}
	g := settlementGas{payers: payers, operators: ops, batches: len(hashes)}
	for _, h := range hashes {
		used := f.receipt(t, h).GasUsed
		g.redeem += used
		g.maxBatch = max(g.maxBatch, used)
	}
	// 70 % of each operator's charges to it; the rest to one claims leaf
	// per payer (a stand-in for model owners and data contributors).
	opTotal := new(big.Int).Mul(perPair, big.NewInt(int64(payers)))
	opPay := new(big.Int).Div(new(big.Int).Mul(opTotal, big.NewInt(70)), big.NewInt(100))
	payouts := make([]Payout, ops)
	for j, op := range opAddrs {
		payouts[j] = Payout{Operator: op, Amount: opPay}
	}
	pool := new(big.Int).Mul(perPair, big.NewInt(int64(n)))
	claimsTotal := sub(pool, new(big.Int).Mul(opPay, big.NewInt(int64(ops))))
	leafAmt := new(big.Int).Div(claimsTotal, big.NewInt(int64(payers)))
	amounts := make(map[common.Address]*big.Int, payers)
	for i, k := range keys {
		a := new(big.Int).Set(leafAmt)
		if i == 0 {
			a.Add(a, sub(claimsTotal, new(big.Int).Mul(leafAmt, big.NewInt(int64(payers)))))
		}
		amounts[crypto.PubkeyToAddress(k.PublicKey)] = a
	}
	tree, _ := claimsTree(t, epoch, amounts)
	h, err := settler.Finalize(ctx, epoch, payouts, tree.Root(), claimsTotal)
	if err != nil {
		t.Fatal(err)
	}
	g.finalize = f.receipt(t, h).GasUsed
	for _, op := range opAddrs {
		if got := f.balanceAt(t, op); got.Cmp(opPay) != 0 {
			t.Fatalf("operator %s got %v, want %v", op, got, opPay)
		}
	}
	if got := f.balanceAt(t, f.escrow); got.Cmp(claimsTotal) != 0 {
		t.Fatalf("escrow holds %v after finalize, want the claims total %v", got, claimsTotal)
	}
	return g
}

// bulkDepositTo funds each payer's escrow balance with amount, from
// account 1, sending the transactions without waiting for each receipt
// and sealing a block every 100.
func bulkDepositTo(t *testing.T, f *escrowFixture, payers []*ecdsa.PrivateKey, amount *big.Int) {
	t.Helper()
	ctx := context.Background()
	ec := f.backend.Client()
	from := f.addr(1)
	nonce, err := ec.PendingNonceAt(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(4)), big.NewInt(1e9))
	signer := types.LatestSignerForChainID(f.chainID)
	var last common.Hash
	for i, k := range payers {
		tx, err := types.SignNewTx(f.keys[1], signer, &types.DynamicFeeTx{
			Nonce: nonce + uint64(i), GasTipCap: big.NewInt(1e9), GasFeeCap: feeCap, Gas: 100_000,
			To: &f.escrow, Value: amount, Data: abiEscrow.PackDepositTo(crypto.PubkeyToAddress(k.PublicKey)),
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := ec.SendTransaction(ctx, tx); err != nil {
			t.Fatal(err)
		}
		last = tx.Hash()
		if (i+1)%100 == 0 {
			f.backend.Commit()
		}
	}
	f.backend.Commit()
	if r := f.receipt(t, last); r.Status != types.ReceiptStatusSuccessful {
		t.Fatal("bulk deposit failed")
	}
	for _, k := range payers {
		b, _, _, err := f.clients[0].EscrowBalance(ctx, crypto.PubkeyToAddress(k.PublicKey))
		if err != nil || b.Cmp(amount) != 0 {
			t.Fatalf("payer balance %v %v", b, err)
		}
	}
}
