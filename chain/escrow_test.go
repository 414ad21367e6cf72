package chain

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/chain/bindings"
)

// Accounts of the escrow tests.
const (
	accSettler  = 0 // deployer: admin and settler
	accPayer1   = 1
	accPayer2   = 2
	accOp1      = 3
	accOp2      = 4
	accModel    = 5
	accData1    = 6
	accData2    = 7
	accStranger = 8
	escAccounts = 9
)

// signerKeys are unfunded session keys.
func signerKeys(t testing.TB, n int) []*ecdsa.PrivateKey {
	t.Helper()
	k, err := DevKeys("escrow-signers", n)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestEscrowErrorsMapped: every PaymentEscrow custom error decodes and has
// a sentinel of its own besides ErrReverted.
func TestEscrowErrorsMapped(t *testing.T) {
	parsed, err := abi.JSON(strings.NewReader(bindings.PaymentEscrowMetaData.ABI))
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range parsed.Errors {
		if got, ok := contractErrors[[4]byte(e.ID[:4])]; !ok || got.Name != name {
			t.Errorf("error %s missing from the decoder", name)
		}
		if revertKinds[name] == nil {
			t.Errorf("error %s has no sentinel", name)
		}
	}
}

// TestEscrowEIP712: the test helper's digests (written from payspec.md)
// equal the contract's views and go-ethereum's apitypes hashing, and a
// signature made with them recovers on chain.
func TestEscrowEIP712(t *testing.T) {
	f := newEscrowSim(t, 2)
	ctx := context.Background()
	c := f.clients[0]
	if f.chainID.Int64() != 1337 || f.escrow != f.addrs.Escrow {
		t.Fatalf("domain %v %s", f.chainID, f.escrow)
	}
	ds, err := c.DomainSeparator(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := specDomainSeparator(f.chainID, f.escrow); ds != want {
		t.Fatalf("domain separator: contract %x, spec %x", ds, want)
	}
	// Type hashes as the spec spells the types.
	for _, th := range []struct {
		name string
		pack []byte
		typ  string
	}{
		{"DOMAIN_TYPEHASH", c.esc.PackDOMAINTYPEHASH(), specDomainType},
		{"VOUCHER_TYPEHASH", c.esc.PackVOUCHERTYPEHASH(), specVoucherTyp},
		{"AUTHORIZATION_TYPEHASH", c.esc.PackAUTHORIZATIONTYPEHASH(), specAuthType},
	} {
		out, err := c.call(ctx, th.name, f.escrow, th.pack)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, crypto.Keccak256([]byte(th.typ))) {
			t.Errorf("%s %x, want keccak(%q)", th.name, out, th.typ)
		}
	}
	huge := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	vouchers := []Voucher{
		{Payer: f.addr(1), Operator: common.Address{0xaa}, Epoch: 7, Amount: big.NewInt(123_456_789)},
		{Payer: common.Address{}, Operator: common.Address{}, Epoch: 0, Amount: new(big.Int)},
		{Payer: common.Address{0xff, 1}, Operator: common.Address{2, 0xff}, Epoch: ^uint64(0), Amount: huge},
	}
	for i, v := range vouchers {
		got, err := c.HashVoucher(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		mine := voucherDigest(f.chainID, f.escrow, v)
		ref := apitypesVoucherDigest(t, f.chainID, f.escrow, v)
		if got != mine || mine != ref {
			t.Errorf("voucher %d: contract %x, helper %x, apitypes %x", i, got, mine, ref)
		}
	}
	auths := []Authorization{
		{
			Payer: f.addr(1), Operator: common.Address{0xaa}, Request: [32]byte{1, 2, 3}, Model: crypto.Keccak256Hash([]byte("provenet-base")),
			Epoch: 9, PromptPrice: gwei(3), OutputPrice: gwei(15), MaxAmount: gwei(1_000_000),
		},
		{PromptPrice: new(big.Int), OutputPrice: new(big.Int), MaxAmount: huge, Epoch: ^uint64(0), Request: [32]byte{31: 0xff}},
	}
	key := f.keys[1]
	for i, a := range auths {
		got, err := c.HashAuthorization(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		mine := authDigest(f.chainID, f.escrow, a)
		ref := apitypesAuthDigest(t, f.chainID, f.escrow, a)
		if got != mine || mine != ref {
			t.Errorf("authorization %d: contract %x, helper %x, apitypes %x", i, got, mine, ref)
		}
		sig := signDigest(t, key, mine)
		who, err := c.AuthorizationSigner(ctx, a, sig)
		if err != nil || who != f.addr(1) {
			t.Errorf("authorization %d signer %s, %v", i, who, err)
		}
		// v as 0/1 is accepted too.
		sig01 := slices.Clone(sig)
		sig01[64] -= 27
		if who, err := c.AuthorizationSigner(ctx, a, sig01); err != nil || who != f.addr(1) {
			t.Errorf("authorization %d signer with v in {0,1}: %s, %v", i, who, err)
		}
	}
	// Malformed signatures.
	a := auths[0]
	sig := signDigest(t, key, authDigest(f.chainID, f.escrow, a))
	_, err = c.AuthorizationSigner(ctx, a, sig[:64])
	wantRevert(t, "short signature", err, ErrInvalidSignature, "InvalidSignatureLength")
	badV := slices.Clone(sig)
	badV[64] = 29
	_, err = c.AuthorizationSigner(ctx, a, badV)
	wantRevert(t, "v = 29", err, ErrInvalidSignature, "InvalidSignatureV")
	// The malleable twin (n - s, v flipped) is refused.
	n := crypto.S256().Params().N
	hi := slices.Clone(sig)
	new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64])).FillBytes(hi[32:64])
	hi[64] = 55 - hi[64] // 27 <-> 28
	_, err = c.AuthorizationSigner(ctx, a, hi)
	wantRevert(t, "high s", err, ErrInvalidSignature, "InvalidSignatureS")
	zeroR := make([]byte, 65)
	zeroR[64] = 27
	_, err = c.AuthorizationSigner(ctx, a, zeroR)
	wantRevert(t, "r = s = 0", err, ErrInvalidSignature, "InvalidSignature")
}

func TestEscrowDeposit(t *testing.T) {
	f := newEscrowSim(t, 3)
	ctx := context.Background()
	p, other := f.clients[1], f.clients[2]
	before := f.balanceAt(t, f.addr(1))
	h1, err := p.Deposit(ctx, ether(3))
	if err != nil {
		t.Fatal(err)
	}
	h2, err := p.Deposit(ctx, big.NewInt(7))
	if err != nil {
		t.Fatal(err)
	}
	after := f.balanceAt(t, f.addr(1))
	if want := sub(sub(before, sum(ether(3), big.NewInt(7))), sum(f.fee(t, h1), f.fee(t, h2))); after.Cmp(want) != 0 {
		t.Fatalf("payer wallet %v, want %v", after, want)
	}
	ev, err := p.esc.UnpackDepositedEvent(f.logsOf(t, h1)[0])
	if err != nil || ev.Payer != f.addr(1) || ev.From != f.addr(1) || ev.Amount.Cmp(ether(3)) != 0 {
		t.Fatalf("deposited event %+v %v", ev, err)
	}
	// Someone else tops the payer up.
	if _, err := other.DepositTo(ctx, f.addr(1), big.NewInt(1000)); err != nil {
		t.Fatal(err)
	}
	bal, thawing, end, err := other.EscrowBalance(ctx, f.addr(1))
	if err != nil {
		t.Fatal(err)
	}
	if want := sum(ether(3), big.NewInt(1007)); bal.Cmp(want) != 0 || thawing.Sign() != 0 || !end.IsZero() {
		t.Fatalf("escrow balance %v %v %v, want %v", bal, thawing, end, want)
	}
	if got := f.balanceAt(t, f.escrow); got.Cmp(bal) != 0 {
		t.Fatalf("escrow holds %v, balances %v", got, bal)
	}
	_, err = p.Deposit(ctx, new(big.Int))
	wantRevert(t, "zero deposit", err, ErrBadInput, "ZeroAmount")
	_, err = p.DepositTo(ctx, common.Address{}, big.NewInt(1))
	wantRevert(t, "deposit to zero", err, ErrBadInput, "ZeroAddress")
	if _, err := p.Deposit(ctx, big.NewInt(-1)); !errors.Is(err, ErrBadInput) {
		t.Fatalf("negative deposit: %v", err)
	}
}

func TestEscrowThawWithdraw(t *testing.T) {
	f := newEscrowSim(t, 4)
	ctx := context.Background()
	settler, p := f.clients[0], f.clients[1]
	op := f.addr(3)
	period, err := p.EscrowThawingPeriod(ctx)
	if err != nil || period != DefaultThawingPeriod {
		t.Fatalf("thawing period %v %v", period, err)
	}
	if _, err := p.Deposit(ctx, ether(10)); err != nil {
		t.Fatal(err)
	}
	_, _, err = p.Withdraw(ctx)
	wantRevert(t, "withdraw without thaw", err, ErrNotThawing, "NotThawing")
	_, err = p.CancelThaw(ctx)
	wantRevert(t, "cancel without thaw", err, ErrNotThawing, "NotThawing")
	_, err = p.Thaw(ctx, sum(ether(10), big.NewInt(1)))
	wantRevert(t, "thaw above balance", err, ErrInsufficientBalance, "InsufficientBalance")
	_, err = p.Thaw(ctx, new(big.Int))
	wantRevert(t, "thaw zero", err, ErrBadInput, "ZeroAmount")

	// Thaw 4, cancel, thaw 4 again: the end restarts.
	if _, err := p.Thaw(ctx, ether(4)); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CancelThaw(ctx); err != nil {
		t.Fatal(err)
	}
	if _, th, end, _ := p.EscrowBalance(ctx, f.addr(1)); th.Sign() != 0 || !end.IsZero() {
		t.Fatalf("after cancel: thawing %v until %v", th, end)
	}
	h, err := p.Thaw(ctx, ether(4))
	if err != nil {
		t.Fatal(err)
	}
	bal, th, end, err := p.EscrowBalance(ctx, f.addr(1))
	if err != nil || bal.Cmp(ether(10)) != 0 || th.Cmp(ether(4)) != 0 {
		t.Fatalf("thawing: %v %v %v", bal, th, err)
	}
	hdr, err := f.backend.Client().HeaderByNumber(ctx, f.receipt(t, h).BlockNumber)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Unix(int64(hdr.Time), 0).Add(period).UTC(); !end.Equal(want) {
		t.Fatalf("thaw end %v, want %v", end, want)
	}
	_, _, err = p.Withdraw(ctx)
	wantRevert(t, "withdraw before thaw end", err, ErrStillThawing, "StillThawing")
	if err := f.backend.AdjustTime(period - 10*time.Second); err != nil {
		t.Fatal(err)
	}
	_, _, err = p.Withdraw(ctx)
	wantRevert(t, "withdraw 10 s before thaw end", err, ErrStillThawing, "StillThawing")
	if err := f.backend.AdjustTime(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	// Thawing funds can still be redeemed until withdrawn; here 1 ether of
	// the 6 not thawing: the withdrawal still pays the full 4.
	r := f.redemption(t, f.keys[1], Voucher{Payer: f.addr(1), Operator: op, Epoch: 1, Amount: ether(1)}, ether(1))
	if _, err := settler.Redeem(ctx, 1, []Redemption{r}); err != nil {
		t.Fatal(err)
	}
	wallet := f.balanceAt(t, f.addr(1))
	got, h, err := p.Withdraw(ctx)
	if err != nil || got.Cmp(ether(4)) != 0 {
		t.Fatalf("withdraw %v %v", got, err)
	}
	if w := f.balanceAt(t, f.addr(1)); w.Cmp(sub(sum(wallet, ether(4)), f.fee(t, h))) != 0 {
		t.Fatalf("wallet after withdraw %v, want %v", w, sub(sum(wallet, ether(4)), f.fee(t, h)))
	}
	if bal, th, end, _ := p.EscrowBalance(ctx, f.addr(1)); bal.Cmp(ether(5)) != 0 || th.Sign() != 0 || !end.IsZero() {
		t.Fatalf("after withdraw: %v %v %v", bal, th, end)
	}
	_, _, err = p.Withdraw(ctx)
	wantRevert(t, "second withdraw", err, ErrNotThawing, "NotThawing")

	// Thaw all 5, then 3 are redeemed during the thaw: withdraw pays the
	// 2 left, min(thawing, balance).
	if _, err := p.Thaw(ctx, ether(5)); err != nil {
		t.Fatal(err)
	}
	r = f.redemption(t, f.keys[1], Voucher{Payer: f.addr(1), Operator: op, Epoch: 2, Amount: ether(3)}, ether(3))
	if _, err := settler.Redeem(ctx, 2, []Redemption{r}); err != nil {
		t.Fatal(err)
	}
	if err := f.backend.AdjustTime(period); err != nil {
		t.Fatal(err)
	}
	wallet = f.balanceAt(t, f.addr(1))
	got, h, err = p.Withdraw(ctx)
	if err != nil || got.Cmp(ether(2)) != 0 {
		t.Fatalf("withdraw after redemptions %v %v", got, err)
	}
	if w := f.balanceAt(t, f.addr(1)); w.Cmp(sub(sum(wallet, ether(2)), f.fee(t, h))) != 0 {
		t.Fatalf("wallet %v", w)
	}
	if bal, _, _, _ := p.EscrowBalance(ctx, f.addr(1)); bal.Sign() != 0 {
		t.Fatalf("balance left %v", bal)
	}
	if got := f.balanceAt(t, f.escrow); got.Cmp(ether(4)) != 0 { // the two pools, not settled
		t.Fatalf("escrow holds %v", got)
	}
}

func TestEscrowSigners(t *testing.T) {
	f := newEscrowSim(t, 4)
	ctx := context.Background()
	settler, p, q := f.clients[0], f.clients[1], f.clients[2]
	op := f.addr(3)
	sk := signerKeys(t, 2)
	s0 := crypto.PubkeyToAddress(sk[0].PublicKey)
	if _, err := p.Deposit(ctx, ether(1)); err != nil {
		t.Fatal(err)
	}
	if who, err := p.PayerOf(ctx, s0); err != nil || who != (common.Address{}) {
		t.Fatalf("payer of unbound signer %s %v", who, err)
	}
	// Before authorisation a session key's voucher is refused.
	v := Voucher{Payer: f.addr(1), Operator: op, Epoch: 1, Amount: gwei(5)}
	_, err := settler.Redeem(ctx, 1, []Redemption{f.redemption(t, sk[0], v, gwei(5))})
	wantRevert(t, "unauthorised session key", err, ErrUnauthorizedSigner, "UnauthorizedSigner")

	if _, err := p.AuthorizeSigner(ctx, s0); err != nil {
		t.Fatal(err)
	}
	if who, _ := q.PayerOf(ctx, s0); who != f.addr(1) {
		t.Fatalf("payer of %s", who)
	}
	_, err = q.AuthorizeSigner(ctx, s0)
	wantRevert(t, "signer of another payer", err, ErrSignerBound, "SignerBound")
	_, err = q.ThawSigner(ctx, s0)
	wantRevert(t, "thaw another payer's signer", err, ErrUnauthorized, "NotSignerOwner")
	_, err = q.RevokeSigner(ctx, s0)
	wantRevert(t, "revoke another payer's signer", err, ErrUnauthorized, "NotSignerOwner")
	_, err = p.RevokeSigner(ctx, s0)
	wantRevert(t, "revoke without thaw", err, ErrNotThawing, "SignerNotThawing")
	_, err = p.AuthorizeSigner(ctx, common.Address{})
	wantRevert(t, "zero signer", err, ErrBadInput, "ZeroAddress")

	// The authorised key's voucher redeems.
	if _, err := settler.Redeem(ctx, 1, []Redemption{f.redemption(t, sk[0], v, gwei(5))}); err != nil {
		t.Fatal(err)
	}
	// Thaw the signer: still valid during the thaw.
	if _, err := p.ThawSigner(ctx, s0); err != nil {
		t.Fatal(err)
	}
	if end, err := p.SignerThawEnd(ctx, s0); err != nil || end.IsZero() {
		t.Fatalf("signer thaw end %v %v", end, err)
	}
	_, err = p.RevokeSigner(ctx, s0)
	wantRevert(t, "revoke during thaw", err, ErrStillThawing, "SignerStillThawing")
	v2 := Voucher{Payer: f.addr(1), Operator: op, Epoch: 2, Amount: gwei(6)}
	if _, err := settler.Redeem(ctx, 2, []Redemption{f.redemption(t, sk[0], v2, gwei(6))}); err != nil {
		t.Fatalf("thawing signer: %v", err)
	}
	// Re-authorising cancels the thaw; thaw again and revoke after the period.
	if _, err := p.AuthorizeSigner(ctx, s0); err != nil {
		t.Fatal(err)
	}
	if end, _ := p.SignerThawEnd(ctx, s0); !end.IsZero() {
		t.Fatalf("re-authorised signer still thawing until %v", end)
	}
	if _, err := p.ThawSigner(ctx, s0); err != nil {
		t.Fatal(err)
	}
	if err := f.backend.AdjustTime(DefaultThawingPeriod); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RevokeSigner(ctx, s0); err != nil {
		t.Fatal(err)
	}
	if who, _ := p.PayerOf(ctx, s0); who != (common.Address{}) {
		t.Fatalf("revoked signer still bound to %s", who)
	}
	v3 := Voucher{Payer: f.addr(1), Operator: op, Epoch: 3, Amount: gwei(7)}
	_, err = settler.Redeem(ctx, 3, []Redemption{f.redemption(t, sk[0], v3, gwei(7))})
	wantRevert(t, "revoked signer", err, ErrUnauthorizedSigner, "UnauthorizedSigner")
	// A revoked signer is free: another payer may take it, and it signs
	// only for that payer.
	if _, err := q.AuthorizeSigner(ctx, s0); err != nil {
		t.Fatal(err)
	}
	_, err = settler.Redeem(ctx, 3, []Redemption{f.redemption(t, sk[0], v3, gwei(7))})
	wantRevert(t, "signer now of another payer", err, ErrUnauthorizedSigner, "UnauthorizedSigner")
	if bal, _, _, _ := p.EscrowBalance(ctx, f.addr(1)); bal.Cmp(sub(ether(1), gwei(11))) != 0 {
		t.Fatalf("payer balance %v", bal)
	}
}

// TestEscrowSettlement runs an epoch end to end and checks every balance to
// the wei: two payers (one signing through a session key), two operators,
// redeem in two batches, finalize, claims.
func TestEscrowSettlement(t *testing.T) {
	f := newEscrowSim(t, escAccounts)
	ctx := context.Background()
	settler := f.clients[accSettler]
	p1, p2 := f.addr(accPayer1), f.addr(accPayer2)
	o1, o2 := f.addr(accOp1), f.addr(accOp2)
	model, d1, d2 := f.addr(accModel), f.addr(accData1), f.addr(accData2)
	session := signerKeys(t, 1)[0]
	if _, err := f.clients[accPayer1].Deposit(ctx, ether(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.clients[accPayer2].Deposit(ctx, ether(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.clients[accPayer2].AuthorizeSigner(ctx, crypto.PubkeyToAddress(session.PublicKey)); err != nil {
		t.Fatal(err)
	}
	const epoch = 42
	// Vouchers: cumulative amounts; the settler charges at most that (here
	// less for one pair, whose receipts summed to less).
	c11, c12, c21 := big.NewInt(300_000_000_123), big.NewInt(150_000_000_000), big.NewInt(777_777_777_777)
	rs := []Redemption{
		f.redemption(t, f.keys[accPayer1], Voucher{Payer: p1, Operator: o1, Epoch: epoch, Amount: c11}, c11),
		f.redemption(t, f.keys[accPayer1], Voucher{Payer: p1, Operator: o2, Epoch: epoch, Amount: sum(c12, big.NewInt(5))}, c12),
	}
	h, err := settler.Redeem(ctx, epoch, rs)
	if err != nil || len(h) != 1 {
		t.Fatalf("redeem %v %v", h, err)
	}
	ev, err := settler.esc.UnpackRedeemedEvent(f.logsOf(t, h[0])[1])
	if err != nil || ev.Epoch != epoch || ev.Payer != p1 || ev.Operator != o2 || ev.Charge.Cmp(c12) != 0 || ev.VoucherAmount.Cmp(sum(c12, big.NewInt(5))) != 0 {
		t.Fatalf("redeemed event %+v %v", ev, err)
	}
	r3 := f.redemption(t, session, Voucher{Payer: p2, Operator: o1, Epoch: epoch, Amount: c21}, c21)
	if _, err := settler.Redeem(ctx, epoch, []Redemption{r3}); err != nil {
		t.Fatal(err)
	}
	pool := sum(c11, c12, c21)
	st, err := settler.EpochSettlement(ctx, epoch)
	if err != nil || st.Pool.Cmp(pool) != 0 || st.Finalized {
		t.Fatalf("settlement %+v %v", st, err)
	}
	for _, c := range []struct {
		payer, op common.Address
		want      *big.Int
	}{{p1, o1, c11}, {p1, o2, c12}, {p2, o1, c21}} {
		got, ok, err := settler.Redeemed(ctx, c.payer, c.op, epoch)
		if err != nil || !ok || got.Cmp(c.want) != 0 {
			t.Fatalf("redeemed %s/%s: %v %v %v", c.payer, c.op, got, ok, err)
		}
	}
	if _, ok, _ := settler.Redeemed(ctx, p2, o2, epoch); ok {
		t.Fatal("unredeemed pair reported redeemed")
	}
	if b, _, _, _ := settler.EscrowBalance(ctx, p1); b.Cmp(sub(ether(2), sum(c11, c12))) != 0 {
		t.Fatalf("payer 1 balance %v", b)
	}
	if b, _, _, _ := settler.EscrowBalance(ctx, p2); b.Cmp(sub(ether(1), c21)) != 0 {
		t.Fatalf("payer 2 balance %v", b)
	}

	// Split: operators 70 %, the rest to claims (model 20 %, data the rest,
	// split unevenly); exact integers chosen so that everything sums.
	pay1 := new(big.Int).Div(new(big.Int).Mul(sum(c11, c21), big.NewInt(70)), big.NewInt(100))
	pay2 := new(big.Int).Div(new(big.Int).Mul(c12, big.NewInt(70)), big.NewInt(100))
	claimsTotal := sub(pool, sum(pay1, pay2))
	mAmt := new(big.Int).Div(new(big.Int).Mul(pool, big.NewInt(20)), big.NewInt(100))
	d1Amt := new(big.Int).Div(sub(claimsTotal, mAmt), big.NewInt(3))
	d2Amt := sub(sub(claimsTotal, mAmt), d1Amt)
	amounts := map[common.Address]*big.Int{model: mAmt, d1: d1Amt, d2: d2Amt}
	tree, leaves := claimsTree(t, epoch, amounts)
	o1Before, o2Before := f.balanceAt(t, o1), f.balanceAt(t, o2)
	fh, err := settler.Finalize(ctx, epoch, []Payout{{o1, pay1}, {o2, pay2}}, tree.Root(), claimsTotal)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.balanceAt(t, o1); got.Cmp(sum(o1Before, pay1)) != 0 {
		t.Fatalf("operator 1 got %v, want %v", sub(got, o1Before), pay1)
	}
	if got := f.balanceAt(t, o2); got.Cmp(sum(o2Before, pay2)) != 0 {
		t.Fatalf("operator 2 got %v, want %v", sub(got, o2Before), pay2)
	}
	var paidEvents int
	for _, l := range f.logsOf(t, fh) {
		if ev, err := settler.esc.UnpackOperatorPaidEvent(l); err == nil {
			paidEvents++
			if ev.Credited {
				t.Fatalf("operator %s credited instead of paid", ev.Operator)
			}
		}
	}
	if paidEvents != 2 {
		t.Fatalf("%d OperatorPaid events", paidEvents)
	}
	st, _ = settler.EpochSettlement(ctx, epoch)
	if !st.Finalized || st.ClaimsRoot != tree.Root() || st.ClaimsTotal.Cmp(claimsTotal) != 0 || st.ClaimsPaid.Sign() != 0 {
		t.Fatalf("settlement after finalize %+v", st)
	}

	// The model owner claims itself (paying gas); a stranger submits for
	// d1, who receives exactly its amount; d2 claims last.
	mBefore := f.balanceAt(t, model)
	ch, err := f.clients[accModel].ClaimPayment(ctx, epoch, model, mAmt, proofOf(t, tree, leaves[model]))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.balanceAt(t, model); got.Cmp(sub(sum(mBefore, mAmt), f.fee(t, ch))) != 0 {
		t.Fatalf("model owner wallet %v", got)
	}
	d1Before := f.balanceAt(t, d1)
	if _, err := f.clients[accStranger].ClaimPayment(ctx, epoch, d1, d1Amt, proofOf(t, tree, leaves[d1])); err != nil {
		t.Fatal(err)
	}
	if got := f.balanceAt(t, d1); got.Cmp(sum(d1Before, d1Amt)) != 0 {
		t.Fatalf("data contributor got %v, want %v", sub(got, d1Before), d1Amt)
	}
	if ok, _ := settler.PaymentClaimed(ctx, epoch, d1); !ok {
		t.Fatal("claim not recorded")
	}
	if ok, _ := settler.PaymentClaimed(ctx, epoch, d2); ok {
		t.Fatal("unclaimed account reported claimed")
	}
	d2Before := f.balanceAt(t, d2)
	if _, err := f.clients[accStranger].ClaimPayment(ctx, epoch, d2, d2Amt, proofOf(t, tree, leaves[d2])); err != nil {
		t.Fatal(err)
	}
	if got := f.balanceAt(t, d2); got.Cmp(sum(d2Before, d2Amt)) != 0 {
		t.Fatalf("data contributor 2 got %v", sub(got, d2Before))
	}
	st, _ = settler.EpochSettlement(ctx, epoch)
	if st.ClaimsPaid.Cmp(claimsTotal) != 0 {
		t.Fatalf("claims paid %v of %v", st.ClaimsPaid, claimsTotal)
	}
	// The escrow holds exactly the payers' remaining balances.
	b1, _, _, _ := settler.EscrowBalance(ctx, p1)
	b2, _, _, _ := settler.EscrowBalance(ctx, p2)
	if got := f.balanceAt(t, f.escrow); got.Cmp(sum(b1, b2)) != 0 || got.Cmp(sub(ether(3), pool)) != 0 {
		t.Fatalf("escrow holds %v, balances %v + %v", got, b1, b2)
	}
}

// TestEscrowReverts: every way a redemption, finalize or claim must fail,
// each with its own error.
func TestEscrowReverts(t *testing.T) {
	f := newEscrowSim(t, escAccounts)
	ctx := context.Background()
	settler, stranger := f.clients[accSettler], f.clients[accStranger]
	p1 := f.addr(accPayer1)
	o1, o2 := f.addr(accOp1), f.addr(accOp2)
	k1 := f.keys[accPayer1]
	if _, err := f.clients[accPayer1].Deposit(ctx, gwei(1000)); err != nil {
		t.Fatal(err)
	}
	const epoch = 5
	v := Voucher{Payer: p1, Operator: o1, Epoch: epoch, Amount: gwei(100)}
	good := f.redemption(t, k1, v, gwei(100))

	// Not the settler.
	_, err := stranger.Redeem(ctx, epoch, []Redemption{good})
	wantRevert(t, "redeem by stranger", err, ErrUnauthorized, "NotSettler")
	_, err = stranger.Finalize(ctx, epoch, nil, [32]byte{}, new(big.Int))
	wantRevert(t, "finalize by stranger", err, ErrUnauthorized, "NotSettler")
	_, err = stranger.SetSettler(ctx, f.addr(accStranger))
	wantRevert(t, "set settler by stranger", err, ErrUnauthorized, "NotAdmin")

	// Signatures.
	forger := signerKeys(t, 1)[0]
	_, err = settler.Redeem(ctx, epoch, []Redemption{f.redemption(t, forger, v, gwei(100))})
	wantRevert(t, "forged signature", err, ErrUnauthorizedSigner, "UnauthorizedSigner")
	tampered := good
	tampered.Voucher.Amount = gwei(200) // signed for 100
	tampered.Charge = gwei(200)
	_, err = settler.Redeem(ctx, epoch, []Redemption{tampered})
	wantRevert(t, "voucher amount raised after signing", err, ErrUnauthorizedSigner, "UnauthorizedSigner")
	wrongChain := Redemption{Voucher: v, Signature: signDigest(t, k1, voucherDigest(big.NewInt(1), f.escrow, v)), Charge: gwei(100)}
	_, err = settler.Redeem(ctx, epoch, []Redemption{wrongChain})
	wantRevert(t, "voucher for chain id 1", err, ErrUnauthorizedSigner, "UnauthorizedSigner")
	wrongEscrow := Redemption{Voucher: v, Signature: signDigest(t, k1, voucherDigest(f.chainID, f.addrs.Claims, v)), Charge: gwei(100)}
	_, err = settler.Redeem(ctx, epoch, []Redemption{wrongEscrow})
	wantRevert(t, "voucher for another escrow", err, ErrUnauthorizedSigner, "UnauthorizedSigner")
	short := good
	short.Signature = good.Signature[:64]
	_, err = settler.Redeem(ctx, epoch, []Redemption{short})
	wantRevert(t, "64-byte signature", err, ErrInvalidSignature, "InvalidSignatureLength")

	// Amounts.
	over := f.redemption(t, k1, v, gwei(101))
	_, err = settler.Redeem(ctx, epoch, []Redemption{over})
	wantRevert(t, "charge above voucher", err, ErrChargeExceedsVoucher, "ChargeExceedsVoucher")
	bigV := Voucher{Payer: p1, Operator: o2, Epoch: epoch, Amount: gwei(5000)}
	_, err = settler.Redeem(ctx, epoch, []Redemption{f.redemption(t, k1, bigV, sum(gwei(1000), big.NewInt(1)))})
	wantRevert(t, "overdraft", err, ErrOverdraft, "Overdraft")
	// Overdraft within one batch: two pairs that together exceed.
	v2 := Voucher{Payer: p1, Operator: o2, Epoch: epoch, Amount: gwei(901)}
	_, err = settler.Redeem(ctx, epoch, []Redemption{good, f.redemption(t, k1, v2, gwei(901))})
	wantRevert(t, "overdraft across a batch", err, ErrOverdraft, "Overdraft")
	// A voucher of another epoch.
	v9 := Voucher{Payer: p1, Operator: o1, Epoch: epoch + 1, Amount: gwei(1)}
	_, err = settler.Redeem(ctx, epoch, []Redemption{f.redemption(t, k1, v9, gwei(1))})
	wantRevert(t, "voucher of another epoch", err, ErrEpochMismatch, "EpochMismatch")
	if _, err := settler.Redeem(ctx, epoch, []Redemption{{Voucher: v, Signature: good.Signature}}); !errors.Is(err, ErrBadInput) {
		t.Fatalf("nil charge: %v", err)
	}

	// Double redeem: same batch, then a later batch.
	_, err = settler.Redeem(ctx, epoch, []Redemption{good, good})
	wantRevert(t, "double redeem in a batch", err, ErrAlreadyRedeemed, "AlreadyRedeemed")
	if _, err := settler.Redeem(ctx, epoch, []Redemption{good}); err != nil {
		t.Fatal(err)
	}
	_, err = settler.Redeem(ctx, epoch, []Redemption{good})
	wantRevert(t, "double redeem", err, ErrAlreadyRedeemed, "AlreadyRedeemed")
	// A second, higher voucher of the same pair and epoch is refused too.
	_, err = settler.Redeem(ctx, epoch, []Redemption{f.redemption(t, k1, Voucher{Payer: p1, Operator: o1, Epoch: epoch, Amount: gwei(150)}, gwei(50))})
	wantRevert(t, "second voucher of a pair", err, ErrAlreadyRedeemed, "AlreadyRedeemed")
	// Nothing above changed the balance but the one redemption.
	if b, _, _, _ := settler.EscrowBalance(ctx, p1); b.Cmp(gwei(900)) != 0 {
		t.Fatalf("balance %v", b)
	}

	// Finalize: sums must match the pool of 100 gwei.
	_, err = settler.ClaimPayment(ctx, epoch, o1, gwei(1), nil)
	wantRevert(t, "claim before finalize", err, ErrEpochNotFinalized, "EpochNotFinalized")
	_, err = settler.Finalize(ctx, epoch, []Payout{{o1, gwei(60)}}, [32]byte{1}, gwei(39))
	wantRevert(t, "finalize short", err, ErrSettlementMismatch, "SettlementMismatch")
	_, err = settler.Finalize(ctx, epoch, []Payout{{o1, gwei(60)}}, [32]byte{1}, gwei(41))
	wantRevert(t, "finalize long", err, ErrSettlementMismatch, "SettlementMismatch")
	_, err = settler.Finalize(ctx, epoch, []Payout{{o1, gwei(100)}}, [32]byte{}, gwei(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = settler.Finalize(ctx, epoch, []Payout{{o1, gwei(100)}}, [32]byte{}, gwei(0))
	wantRevert(t, "finalize twice", err, ErrEpochFinalized, "EpochAlreadyFinalized")
	_, err = settler.Redeem(ctx, epoch, []Redemption{f.redemption(t, k1, v2, gwei(1))})
	wantRevert(t, "redeem after finalize", err, ErrEpochFinalized, "EpochAlreadyFinalized")
	_, err = settler.Finalize(ctx, epoch+1, nil, [32]byte{}, gwei(1))
	wantRevert(t, "claims total without root", err, ErrBadInput, "ZeroClaimsRoot")
	_, err = settler.Finalize(ctx, epoch+1, []Payout{{common.Address{}, new(big.Int)}}, [32]byte{}, new(big.Int))
	wantRevert(t, "payout to zero address", err, ErrBadInput, "ZeroAddress")

	// Claims. Epoch 6: pool 90 gwei from two pairs; operators 30, claims
	// total 60, but the tree the settler built sums to 70 (a bug on its
	// side): the claim that would cross the total is refused.
	const e6 = epoch + 1
	r61 := f.redemption(t, k1, Voucher{Payer: p1, Operator: o1, Epoch: e6, Amount: gwei(40)}, gwei(40))
	r62 := f.redemption(t, k1, Voucher{Payer: p1, Operator: o2, Epoch: e6, Amount: gwei(50)}, gwei(50))
	if _, err := settler.Redeem(ctx, e6, []Redemption{r61, r62}); err != nil {
		t.Fatal(err)
	}
	a, b, c := f.addr(accModel), f.addr(accData1), f.addr(accData2)
	tree, leaves := claimsTree(t, e6, map[common.Address]*big.Int{a: gwei(30), b: gwei(25), c: gwei(15)})
	if _, err := settler.Finalize(ctx, e6, []Payout{{o1, gwei(10)}, {o2, gwei(20)}}, tree.Root(), gwei(60)); err != nil {
		t.Fatal(err)
	}
	pa := proofOf(t, tree, leaves[a])
	// Forged proofs: a flipped sibling, an inflated amount, another
	// account's leaf, another epoch.
	bad := slices.Clone(pa)
	bad[0][3] ^= 0x10
	_, err = stranger.ClaimPayment(ctx, e6, a, gwei(30), bad)
	wantRevert(t, "tampered proof", err, ErrInvalidProof, "InvalidProof")
	_, err = stranger.ClaimPayment(ctx, e6, a, gwei(31), pa)
	wantRevert(t, "inflated amount", err, ErrInvalidProof, "InvalidProof")
	_, err = stranger.ClaimPayment(ctx, e6, f.addr(accStranger), gwei(30), pa)
	wantRevert(t, "someone else's proof", err, ErrInvalidProof, "InvalidProof")
	_, err = stranger.ClaimPayment(ctx, epoch, a, gwei(30), pa)
	wantRevert(t, "proof of another epoch", err, ErrInvalidProof, "InvalidProof")
	_, err = stranger.ClaimPayment(ctx, e6, a, gwei(30), nil)
	wantRevert(t, "no proof", err, ErrInvalidProof, "InvalidProof")
	if _, err := stranger.ClaimPayment(ctx, e6, a, gwei(30), pa); err != nil {
		t.Fatal(err)
	}
	_, err = stranger.ClaimPayment(ctx, e6, a, gwei(30), pa)
	wantRevert(t, "claim twice", err, ErrAlreadyClaimed, "PaymentAlreadyClaimed")
	if _, err := stranger.ClaimPayment(ctx, e6, b, gwei(25), proofOf(t, tree, leaves[b])); err != nil {
		t.Fatal(err)
	}
	_, err = stranger.ClaimPayment(ctx, e6, c, gwei(15), proofOf(t, tree, leaves[c]))
	wantRevert(t, "claim beyond claims total", err, ErrClaimsExceeded, "ClaimsExceeded")
	if st, _ := settler.EpochSettlement(ctx, e6); st.ClaimsPaid.Cmp(gwei(55)) != 0 {
		t.Fatalf("claims paid %v", st.ClaimsPaid)
	}
	if _, err := settler.WithdrawCredit(ctx, f.addr(accSettler)); !errors.Is(err, ErrBadInput) {
		t.Fatalf("withdraw without credit: %v", err)
	}
}

// TestEscrowFailedPushCredited: an operator or claimant that rejects ether
// (here a contract without a receive function) does not block the epoch:
// its amount goes to its pull balance.
func TestEscrowFailedPushCredited(t *testing.T) {
	f := newEscrowSim(t, 3)
	ctx := context.Background()
	settler := f.clients[0]
	if _, err := f.clients[1].Deposit(ctx, gwei(10)); err != nil {
		t.Fatal(err)
	}
	rejecter := f.addrs.Registry // no receive or fallback
	claimant := f.addrs.Anchor
	r := f.redemption(t, f.keys[1], Voucher{Payer: f.addr(1), Operator: rejecter, Epoch: 1, Amount: gwei(10)}, gwei(10))
	if _, err := settler.Redeem(ctx, 1, []Redemption{r}); err != nil {
		t.Fatal(err)
	}
	tree, leaves := claimsTree(t, 1, map[common.Address]*big.Int{claimant: gwei(4), f.addr(2): gwei(1)})
	h, err := settler.Finalize(ctx, 1, []Payout{{rejecter, gwei(3)}, {f.addr(2), gwei(2)}}, tree.Root(), gwei(5))
	if err != nil {
		t.Fatal(err)
	}
	var credited []common.Address
	for _, l := range f.logsOf(t, h) {
		if ev, err := settler.esc.UnpackOperatorPaidEvent(l); err == nil && ev.Credited {
			credited = append(credited, ev.Operator)
		}
	}
	if len(credited) != 1 || credited[0] != rejecter {
		t.Fatalf("credited %v", credited)
	}
	if _, err := settler.ClaimPayment(ctx, 1, claimant, gwei(4), proofOf(t, tree, leaves[claimant])); err != nil {
		t.Fatal(err)
	}
	if c, _ := settler.Credits(ctx, rejecter); c.Cmp(gwei(3)) != 0 {
		t.Fatalf("operator credit %v", c)
	}
	if c, _ := settler.Credits(ctx, claimant); c.Cmp(gwei(4)) != 0 {
		t.Fatalf("claimant credit %v", c)
	}
	if got := f.balanceAt(t, f.escrow); got.Cmp(gwei(8)) != 0 { // 3 + 4 credited, 1 unclaimed
		t.Fatalf("escrow holds %v", got)
	}
}

// TestEscrowRedeemBatches: Redeem splits a large set into batches under the
// gas cap, and the batches add up.
func TestEscrowRedeemBatches(t *testing.T) {
	f := newEscrowSim(t, 2)
	ctx := context.Background()
	cfg := testConfig()
	cfg.GasLimitCap = 1_000_000 // about 20 vouchers a batch
	settler, err := NewClient(ctx, f.clients[0].b, cfg, f.keys[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	settler = settler.WithAddresses(f.addrs)
	payers, err := DevKeys("batch-payers", 25)
	if err != nil {
		t.Fatal(err)
	}
	var rs []Redemption
	for i, k := range payers {
		p := crypto.PubkeyToAddress(k.PublicKey)
		if _, err := f.clients[1].DepositTo(ctx, p, gwei(100)); err != nil {
			t.Fatal(err)
		}
		for j := range 2 {
			v := Voucher{Payer: p, Operator: common.Address{0x0e, byte(j)}, Epoch: 3, Amount: gwei(int64(10 + i + j))}
			rs = append(rs, f.redemption(t, k, v, v.Amount))
		}
	}
	hashes, err := settler.Redeem(ctx, 3, rs)
	if err != nil {
		t.Fatal(err)
	}
	if len(hashes) < 3 {
		t.Fatalf("%d batches for 50 vouchers under a 1M cap", len(hashes))
	}
	var logs int
	for _, h := range hashes {
		r := f.receipt(t, h)
		if r.GasUsed > cfg.GasLimitCap {
			t.Fatalf("batch used %d gas", r.GasUsed)
		}
		logs += len(r.Logs)
	}
	want := new(big.Int)
	for _, r := range rs {
		want.Add(want, r.Charge)
	}
	if st, _ := settler.EpochSettlement(ctx, 3); logs != len(rs) || st.Pool.Cmp(want) != 0 {
		t.Fatalf("%d redeemed events, pool %v, want %d and %v", logs, st.Pool, len(rs), want)
	}
	// A failing batch stops Redeem and reports the batches already mined.
	more := []Redemption{f.redemption(t, payers[0], Voucher{Payer: crypto.PubkeyToAddress(payers[0].PublicKey), Operator: common.Address{0x0f}, Epoch: 3, Amount: gwei(1)}, gwei(1)), rs[0]}
	hashes, err = settler.Redeem(ctx, 3, more)
	wantRevert(t, "batch with a redeemed voucher", err, ErrAlreadyRedeemed, "AlreadyRedeemed")
	if len(hashes) != 0 {
		t.Fatalf("hashes %v", hashes)
	}
}

func TestEscrowDisabled(t *testing.T) {
	c, err := Dial(context.Background(), DefaultConfig(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	checks := map[string]error{}
	_, checks["deposit"] = c.Deposit(ctx, big.NewInt(1))
	_, checks["redeem"] = c.Redeem(ctx, 1, nil)
	_, checks["finalize"] = c.Finalize(ctx, 1, nil, [32]byte{}, new(big.Int))
	_, _, _, checks["balance"] = c.EscrowBalance(ctx, common.Address{})
	_, checks["domain"] = c.EscrowDomain()
	for name, err := range checks {
		if !errors.Is(err, ErrNoChain) {
			t.Errorf("%s: %v, want ErrNoChain", name, err)
		}
	}
}

// TestDevChainEscrow: the dev chain deploys the escrow with its short
// thawing period, and a Client from its Config reaches it over HTTP.
func TestDevChainEscrow(t *testing.T) {
	d := startDevChain(t)
	ctx := context.Background()
	cfg := d.Config()
	if cfg.Escrow == (common.Address{}) || cfg.Escrow != d.Addresses().Escrow {
		t.Fatalf("escrow address %s", cfg.Escrow)
	}
	c, err := Dial(ctx, cfg, d.Keys()[1], nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if p, err := c.EscrowThawingPeriod(ctx); err != nil || p != DefaultDevChainConfig().ThawingPeriod {
		t.Fatalf("thawing period %v %v", p, err)
	}
	if s, err := c.Settler(ctx); err != nil || s != d.Accounts()[0] {
		t.Fatalf("settler %s %v", s, err)
	}
	if _, err := c.Deposit(ctx, gwei(5)); err != nil {
		t.Fatal(err)
	}
	if b, _, _, err := c.EscrowBalance(ctx, d.Accounts()[1]); err != nil || b.Cmp(gwei(5)) != 0 {
		t.Fatalf("balance %v %v", b, err)
	}
	bad := DefaultDevChainConfig()
	bad.ThawingPeriod = MaxThawingPeriod + time.Second
	if _, err := NewDevChain(bad, nil); !errors.Is(err, ErrDevChain) {
		t.Fatalf("thawing period above max: %v", err)
	}
	if _, err := thawingSeconds(1500 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if s, _ := thawingSeconds(1500 * time.Millisecond); s != 2 {
		t.Fatalf("1.5 s rounds to %d s", s)
	}
}

// TestEscrowSetSettler: the admin hands the settler role over; only the
// new settler may then redeem and finalize.
func TestEscrowSetSettler(t *testing.T) {
	f := newEscrowSim(t, 3)
	ctx := context.Background()
	admin, next := f.clients[0], f.clients[2]
	if s, err := admin.Settler(ctx); err != nil || s != f.addr(0) {
		t.Fatalf("settler %s %v", s, err)
	}
	if _, err := admin.SetSettler(ctx, f.addr(2)); err != nil {
		t.Fatal(err)
	}
	_, err := admin.SetSettler(ctx, common.Address{})
	wantRevert(t, "zero settler", err, ErrBadInput, "ZeroAddress")
	if _, err := f.clients[1].Deposit(ctx, gwei(3)); err != nil {
		t.Fatal(err)
	}
	r := f.redemption(t, f.keys[1], Voucher{Payer: f.addr(1), Operator: f.addr(2), Epoch: 1, Amount: gwei(3)}, gwei(3))
	_, err = admin.Redeem(ctx, 1, []Redemption{r})
	wantRevert(t, "old settler redeems", err, ErrUnauthorized, "NotSettler")
	if _, err := next.Redeem(ctx, 1, []Redemption{r}); err != nil {
		t.Fatal(err)
	}
	_, err = admin.Finalize(ctx, 1, []Payout{{f.addr(2), gwei(3)}}, [32]byte{}, new(big.Int))
	wantRevert(t, "old settler finalizes", err, ErrUnauthorized, "NotSettler")
	if _, err := next.Finalize(ctx, 1, []Payout{{f.addr(2), nil}}, [32]byte{}, new(big.Int)); !errors.Is(err, ErrBadInput) {
		t.Fatalf("nil payout: %v", err)
	}
	if _, err := next.Finalize(ctx, 1, []Payout{{f.addr(2), gwei(3)}}, [32]byte{}, new(big.Int)); err != nil {
		t.Fatal(err)
	}
}
