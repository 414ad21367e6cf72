package pay

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/merkle"
)

// paidReceipt is a receipt of payer to op in epoch 5 with the given fee
// (Settle trusts r.Fee; the token counts are left as they are).
func paidReceipt(payer, op common.Address, seed int, fee uint64) *attribution.Receipt {
	r := unpaidReceipt(op, seed, 10, 10)
	r.Payer, r.Fee = payer, fee
	r.Auth = crypto.Keccak256Hash([]byte{byte(seed), byte(seed >> 8), byte(seed >> 16)}, payer[:], op[:])
	return r
}

func voucher(t testing.TB, s account.HashSigner, payer, op common.Address, epoch, amount uint64) SignedVoucher {
	t.Helper()
	sv, err := Voucher{Payer: payer, Operator: op, Epoch: epoch, Amount: amount}.Sign(s, testDomain)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}

func totalOf(ps []Payout, a common.Address) uint64 {
	for _, p := range ps {
		if p.Operator == a {
			return p.Amount
		}
	}
	return 0
}

func claimOf(cs []Claim, a common.Address) uint64 {
	for _, c := range cs {
		if c.Account == a {
			return c.Amount
		}
	}
	return 0
}

func TestSettleExample(t *testing.T) {
	payer, op := mustKey(t), mustKey(t)
	p, o := payer.Address(), op.Address()
	rs := []*attribution.Receipt{paidReceipt(p, o, 1, 1000), paidReceipt(p, o, 2, 2000), paidReceipt(p, o, 3, 3000)}
	free := unpaidReceipt(o, 4, 10, 10)
	free.Fee = 500
	in := SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(),
		Vouchers: []SignedVoucher{voucher(t, payer, p, o, 5, 6000)}, Receipts: append(rs, free)}
	st, err := Settle(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Redemptions) != 1 || st.Redemptions[0].Charge != 6000 || st.Redemptions[0].Receipts != 3 || st.Free != 1 {
		t.Fatalf("redemptions %+v, free %d", st.Redemptions, st.Free)
	}
	// Each receipt at its own fee: the operator gets half of 6000, the
	// model share 1200 (base 600, adapter 600), data 1800 (60/40).
	if got := totalOf(st.Payouts, o); got != 3000 || len(st.Payouts) != 1 {
		t.Fatalf("payouts %+v", st.Payouts)
	}
	want := map[common.Address]uint64{addr(100): 600, addr(101): 600, addr(110): 1080, addr(111): 720}
	if len(st.Claims) != len(want) {
		t.Fatalf("claims %+v", st.Claims)
	}
	for a, amt := range want {
		if got := claimOf(st.Claims, a); got != amt {
			t.Errorf("claim of %s: %d, want %d", a.Hex(), got, amt)
		}
	}
	if st.ChargeTotal.Uint64() != 6000 || st.ClaimsTotal.Uint64() != 3000 || st.PayoutsTotal.Uint64() != 3000 {
		t.Fatalf("totals %s %s %s", st.ChargeTotal, st.ClaimsTotal, st.PayoutsTotal)
	}
	// Every claim proves under Root as the contract checks it.
	for _, c := range st.Claims {
		got, proof, err := st.Proof(c.Account)
		if err != nil || got != c {
			t.Fatal(err)
		}
		if !merkle.Verify(proof, st.Root, ClaimLeaf(c.Account, 5, c.Amount)) {
			t.Fatalf("proof of %s", c.Account.Hex())
		}
		if merkle.Verify(proof, st.Root, ClaimLeaf(c.Account, 5, c.Amount+1)) {
			t.Fatal("proof of a larger amount")
		}
	}
	if _, _, err := st.Proof(addr(999)); !errors.Is(err, ErrNotClaimant) {
		t.Fatalf("stranger: %v", err)
	}
}

// TestClaimLeafMatchesContract checks ClaimLeaf against go-ethereum's ABI
// encoder: keccak256(bytes.concat(keccak256(abi.encode(address, uint256,
// uint256)))).
func TestClaimLeafMatchesContract(t *testing.T) {
	mk := func(s string) abi.Type {
		ty, err := abi.NewType(s, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		return ty
	}
	args := abi.Arguments{{Type: mk("address")}, {Type: mk("uint256")}, {Type: mk("uint256")}}
	for _, c := range []struct {
		a             common.Address
		epoch, amount uint64
	}{{addr(1), 5, 12345}, {common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), math.MaxUint64, math.MaxUint64}, {}} {
		enc, err := args.Pack(c.a, new(big.Int).SetUint64(c.epoch), new(big.Int).SetUint64(c.amount))
		if err != nil {
			t.Fatal(err)
		}
		inner := crypto.Keccak256(enc)
		want := crypto.Keccak256Hash(inner)
		if got := ClaimLeaf(c.a, c.epoch, c.amount); got != want {
			t.Fatalf("leaf %x, want %x", got, want)
		}
		if ClaimLeaf(c.a, c.epoch, c.amount) != merkle.LeafHash(merkle.EncodeAddressUint64s(c.a, c.epoch, c.amount)) {
			t.Fatal("leaf differs from the points-style leaf")
		}
	}
}

func TestSettleVoucherBelowFees(t *testing.T) {
	payer, op := mustKey(t), mustKey(t)
	p, o := payer.Address(), op.Address()
	var rs []*attribution.Receipt
	for i := range 7 {
		rs = append(rs, paidReceipt(p, o, i, 1000+uint64(i)*37))
	}
	st, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(),
		Vouchers: []SignedVoucher{voucher(t, payer, p, o, 5, 5003)}, Receipts: rs})
	if err != nil {
		t.Fatal(err)
	}
	r := st.Redemptions[0]
	if r.Charge != 5003 || r.Fees.Uint64() != 7*1000+21*37 {
		t.Fatalf("charge %d of fees %s", r.Charge, r.Fees)
	}
	if st.ChargeTotal.Uint64() != 5003 {
		t.Fatal("charge total")
	}
	// Scaled fees sum to the charge and none exceeds its receipt's fee.
	sc := &scaler{}
	idx := []int32{0, 1, 2, 3, 4, 5, 6}
	fees := sc.scale(rs, idx, 5003, 0, r.Fees.Uint64())
	var sum uint64
	for i, f := range fees {
		sum += f
		if f > rs[i].Fee {
			t.Fatalf("scaled fee %d above %d", f, rs[i].Fee)
		}
	}
	if sum != 5003 {
		t.Fatalf("scaled fees sum to %d", sum)
	}
}

func TestSettleRejections(t *testing.T) {
	payer, op, session, stranger := mustKey(t), mustKey(t), mustKey(t), mustKey(t)
	p, o := payer.Address(), op.Address()
	p2, p3, p4 := mustKey(t), mustKey(t), mustKey(t)
	b := newBindings()
	b.payerOf[session.Address()] = p
	rs := []*attribution.Receipt{
		paidReceipt(p, o, 1, 100),                 // voucher by the bound session key: paid
		paidReceipt(p2.Address(), o, 2, 100),      // no voucher
		paidReceipt(p3.Address(), o, 3, 100),      // voucher by a stranger
		paidReceipt(p4.Address(), o, 4, 100),      // voucher of another epoch
		paidReceipt(p4.Address(), addr(7), 5, 50), // zero voucher
	}
	vs := []SignedVoucher{
		voucher(t, session, p, o, 5, 100),
		voucher(t, stranger, p3.Address(), o, 5, 100),
		voucher(t, p4, p4.Address(), o, 4, 100),
		voucher(t, p4, p4.Address(), addr(7), 5, 0),
		voucher(t, payer, p, addr(8), 5, 100), // no receipts
	}
	// A forged higher voucher does not hide the valid one.
	forged := vs[0]
	forged.Amount = 1000 // the signature of the voucher of 100
	vs = append(vs, forged)
	st, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs, Receipts: rs, PayerOf: b.PayerOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Redemptions) != 1 || st.Redemptions[0].Payer != p || st.Redemptions[0].Charge != 100 {
		t.Fatalf("redemptions %+v", st.Redemptions)
	}
	want := map[pairKey]error{
		{p2.Address(), o}:       ErrNoVoucher,
		{p3.Address(), o}:       ErrBadSignature,
		{p4.Address(), o}:       ErrWrongEpoch,
		{p4.Address(), addr(7)}: ErrNoVoucher,
		{p, addr(8)}:            ErrNoReceipts,
	}
	if len(st.Rejected) != len(want) {
		t.Fatalf("rejected %+v", st.Rejected)
	}
	for i, rj := range st.Rejected {
		if w := want[pairKey{rj.Payer, rj.Operator}]; !errors.Is(rj.Reason, w) {
			t.Errorf("%s->%s: %v, want %v", rj.Payer.Hex(), rj.Operator.Hex(), rj.Reason, w)
		}
		if i > 0 && comparePairs(pairKey{st.Rejected[i-1].Payer, st.Rejected[i-1].Operator}, pairKey{rj.Payer, rj.Operator}) >= 0 {
			t.Fatal("rejections not sorted")
		}
	}
	if st.ChargeTotal.Uint64() != 100 {
		t.Fatalf("charged %s", st.ChargeTotal)
	}
	// Each signer other than a payer was looked up once: the session key,
	// the stranger and whatever the forged signature recovers to.
	if b.calls != 3 {
		t.Fatalf("%d PayerOf calls", b.calls)
	}
	// A failed lookup fails the settlement rather than rejecting a pair.
	b.err = errors.New("rpc down")
	if _, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs, Receipts: rs, PayerOf: b.PayerOf}); err == nil || errors.Is(err, ErrBadSignature) {
		t.Fatalf("failed lookup: %v", err)
	}
	// Without PayerOf only the payers' own signatures count.
	st, err = Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs, Receipts: rs})
	if err != nil || len(st.Redemptions) != 0 || st.Root != ([32]byte{}) || st.ClaimsTotal.Sign() != 0 {
		t.Fatalf("without PayerOf: %v %+v", err, st.Redemptions)
	}
}

func TestSettleBadInput(t *testing.T) {
	payer := mustKey(t)
	p := payer.Address()
	ok := paidReceipt(p, addr(1), 1, 10)
	other := paidReceipt(p, addr(1), 2, 10)
	other.Epoch = 6
	for name, in := range map[string]SettleInput{
		"nil receipt": {Epoch: 5, Split: attribution.DefaultSplitParams(), Receipts: []*attribution.Receipt{ok, nil}},
		"other epoch": {Epoch: 5, Split: attribution.DefaultSplitParams(), Receipts: []*attribution.Receipt{ok, other}},
		"bad split":   {Epoch: 5, Split: attribution.SplitParams{OperatorBps: 1}, Receipts: []*attribution.Receipt{ok}},
		"bad weights": {Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: []SignedVoucher{voucher(t, payer, p, addr(1), 5, 10)},
			Receipts: []*attribution.Receipt{func() *attribution.Receipt {
				r := paidReceipt(p, addr(1), 3, 10)
				r.Adapters[0].Weight = 2_000_000
				return r
			}()}},
	} {
		if _, err := Settle(in); !errors.Is(err, ErrSettleInput) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Nothing at all settles to nothing.
	st, err := Settle(SettleInput{Epoch: 5, Split: attribution.DefaultSplitParams()})
	if err != nil || len(st.Redemptions)+len(st.Payouts)+len(st.Claims) != 0 || st.Root != ([32]byte{}) {
		t.Fatalf("empty: %v %+v", err, st)
	}
}

// TestSettleOverflowingFees: a pair whose reported fees sum past 2^64 is
// charged its voucher, and scaling stays exact.
func TestSettleOverflowingFees(t *testing.T) {
	payer, op := mustKey(t), mustKey(t)
	p, o := payer.Address(), op.Address()
	rs := []*attribution.Receipt{paidReceipt(p, o, 1, math.MaxUint64), paidReceipt(p, o, 2, math.MaxUint64), paidReceipt(p, o, 3, 12345)}
	st, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(),
		Vouchers: []SignedVoucher{voucher(t, payer, p, o, 5, 1_000_000_007)}, Receipts: rs})
	if err != nil {
		t.Fatal(err)
	}
	if st.Redemptions[0].Charge != 1_000_000_007 || st.ChargeTotal.Uint64() != 1_000_000_007 {
		t.Fatalf("charge %d", st.Redemptions[0].Charge)
	}
	want := new(big.Int).SetUint64(math.MaxUint64)
	want.Mul(want, big.NewInt(2)).Add(want, big.NewInt(12345))
	if st.Redemptions[0].Fees.Cmp(want) != 0 {
		t.Fatalf("fees %s", st.Redemptions[0].Fees)
	}
	// The two huge receipts share the charge evenly; the small one gets
	// its tiny part (0 here).
	fees := (&scaler{}).scale(rs, []int32{0, 1, 2}, 1_000_000_007, 2, 12343) // 2(2^64-1) + 12345 = 2*2^64 + 12343
	if fees[0]+fees[1]+fees[2] != 1_000_000_007 || fees[2] != 0 {
		t.Fatalf("scaled %v", fees)
	}
}

// refSettle is an independent settlement of the same rules, in big
// integers and maps, for the property tests.
func refSettle(t *testing.T, in SettleInput) (charges map[pairKey]*big.Int, payouts, claims map[common.Address]*big.Int) {
	t.Helper()
	charges, payouts, claims = map[pairKey]*big.Int{}, map[common.Address]*big.Int{}, map[common.Address]*big.Int{}
	byPair := map[pairKey][]*attribution.Receipt{}
	for _, r := range in.Receipts {
		if r.Auth != ([32]byte{}) {
			k := pairKey{r.Payer, r.Operator}
			byPair[k] = append(byPair[k], r)
		}
	}
	add := func(m map[common.Address]*big.Int, a common.Address, v uint64) {
		if m[a] == nil {
			m[a] = new(big.Int)
		}
		m[a].Add(m[a], new(big.Int).SetUint64(v))
	}
	for k, rs := range byPair {
		var best *SignedVoucher
		for i := range in.Vouchers {
			sv := &in.Vouchers[i]
			if sv.Payer != k.payer || sv.Operator != k.operator || sv.Epoch != in.Epoch || sv.Amount == 0 {
				continue
			}
			signer, err := sv.Recover(in.Domain)
			if err != nil || CheckSigner(signer, sv.Payer, in.PayerOf) != nil {
				continue
			}
			if best == nil || sv.Amount > best.Amount {
				best = sv
			}
		}
		if best == nil {
			continue
		}
		sum := new(big.Int)
		for _, r := range rs {
			sum.Add(sum, new(big.Int).SetUint64(r.Fee))
		}
		charge := new(big.Int).SetUint64(best.Amount)
		if sum.Cmp(charge) < 0 {
			charge.Set(sum)
		}
		if charge.Sign() == 0 {
			continue
		}
		charges[k] = charge
		type part struct {
			r        *attribution.Receipt
			fee, rem *big.Int
		}
		parts := make([]part, len(rs))
		left := new(big.Int).Set(charge)
		for i, r := range rs {
			q, m := new(big.Int).QuoRem(new(big.Int).Mul(new(big.Int).SetUint64(r.Fee), charge), sum, new(big.Int))
			parts[i] = part{r, q, m}
			left.Sub(left, q)
		}
		slices.SortFunc(parts, func(a, b part) int {
			if c := b.rem.Cmp(a.rem); c != 0 {
				return c
			}
			return compareReceipts(a.r, b.r)
		})
		for i := 0; i < int(left.Int64()); i++ {
			parts[i].fee.Add(parts[i].fee, big.NewInt(1))
		}
		for _, pt := range parts {
			c := *pt.r
			c.Fee = pt.fee.Uint64()
			ps, err := attribution.Split(&c, in.Split)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range ps {
				if x.Role == attribution.RoleOperator {
					add(payouts, x.Address, x.Amount)
				} else {
					add(claims, x.Address, x.Amount)
				}
			}
		}
	}
	return charges, payouts, claims
}

// randomEpoch is a random settlement input: payers (some signing with a
// bound session key), operators, receipts with random fees, and vouchers
// that cover, undercover or overcover each pair.
func randomEpoch(t *testing.T, rng *rand.Rand) (SettleInput, []*account.Key) {
	nPayers, nOps := 1+rng.IntN(5), 1+rng.IntN(4)
	payers := make([]*account.Key, nPayers)
	sessions := make([]*account.Key, nPayers)
	b := newBindings()
	for i := range payers {
		payers[i], sessions[i] = mustKey(t), mustKey(t)
		b.payerOf[sessions[i].Address()] = payers[i].Address()
	}
	ops := make([]common.Address, nOps)
	for i := range ops {
		ops[i] = addr(200 + i)
		if rng.IntN(3) == 0 { // an operator that pays itself
			ops[i] = payers[rng.IntN(nPayers)].Address()
		}
	}
	owners := []common.Address{addr(100), addr(101), addr(102), ops[0]}
	sums := map[pairKey]uint64{}
	var rs []*attribution.Receipt
	for i := range rng.IntN(60) {
		p := payers[rng.IntN(nPayers)].Address()
		o := ops[rng.IntN(nOps)]
		fee := rng.Uint64N(1 << uint(1+rng.IntN(40)))
		r := paidReceipt(p, o, i, fee)
		r.Base.Owner = owners[rng.IntN(len(owners))]
		r.Adapters[0].Owner = owners[rng.IntN(len(owners))]
		r.Adapters[0].Weight = rng.Uint32N(attribution.WeightScale + 1)
		if rng.IntN(4) == 0 {
			r.Records = nil
		} else {
			r.Records[0].Contributor = owners[rng.IntN(len(owners))]
		}
		if rng.IntN(10) == 0 {
			r.Auth, r.Payer = [32]byte{}, common.Address{}
		} else {
			sums[pairKey{p, o}] += fee
		}
		rs = append(rs, r)
	}
	var vs []SignedVoucher
	for k, sum := range sums {
		var amount uint64
		switch rng.IntN(4) {
		case 0:
			amount = sum
		case 1:
			amount = rng.Uint64N(sum + 1)
		case 2:
			amount = sum + rng.Uint64N(1000)
		default:
			continue // no voucher
		}
		var who *account.Key
		for i, pk := range payers {
			if pk.Address() == k.payer {
				who = payers[i]
				if rng.IntN(2) == 0 {
					who = sessions[i]
				}
			}
		}
		vs = append(vs, voucher(t, who, k.payer, k.operator, 5, amount))
		if rng.IntN(3) == 0 { // an older, lower voucher handed in too
			vs = append(vs, voucher(t, who, k.payer, k.operator, 5, amount/2))
		}
	}
	return SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs, Receipts: rs, PayerOf: b.PayerOf}, payers
}

func TestSettleProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for iter := range 150 {
		in, _ := randomEpoch(t, rng)
		st, err := Settle(in)
		if err != nil {
			t.Fatal(err)
		}
		// The invariant, recomputed from the lists.
		var charged, paid big.Int
		for _, r := range st.Redemptions {
			charged.Add(&charged, new(big.Int).SetUint64(r.Charge))
			// Not paid beyond the voucher, nor beyond the receipts.
			if r.Charge > r.Amount || new(big.Int).SetUint64(r.Charge).Cmp(r.Fees) > 0 {
				t.Fatalf("iter %d: charge %d, voucher %d, fees %s", iter, r.Charge, r.Amount, r.Fees)
			}
		}
		for _, p := range st.Payouts {
			paid.Add(&paid, new(big.Int).SetUint64(p.Amount))
		}
		for _, c := range st.Claims {
			paid.Add(&paid, new(big.Int).SetUint64(c.Amount))
		}
		if charged.Cmp(&paid) != 0 || charged.Cmp(st.ChargeTotal) != 0 {
			t.Fatalf("iter %d: charged %s, paid %s", iter, &charged, &paid)
		}
		// Against the independent settlement.
		charges, payouts, claims := refSettle(t, in)
		if len(charges) != len(st.Redemptions) {
			t.Fatalf("iter %d: %d redemptions, reference %d", iter, len(st.Redemptions), len(charges))
		}
		for _, r := range st.Redemptions {
			if c := charges[pairKey{r.Payer, r.Operator}]; c == nil || c.Uint64() != r.Charge {
				t.Fatalf("iter %d: charge %d, reference %v", iter, r.Charge, c)
			}
		}
		if len(payouts) != len(st.Payouts) || len(claims) != len(st.Claims) {
			t.Fatalf("iter %d: %d payouts %d claims, reference %d %d", iter, len(st.Payouts), len(st.Claims), len(payouts), len(claims))
		}
		for _, p := range st.Payouts {
			if payouts[p.Operator].Uint64() != p.Amount {
				t.Fatalf("iter %d: payout %d, reference %s", iter, p.Amount, payouts[p.Operator])
			}
		}
		for _, c := range st.Claims {
			if claims[c.Account].Uint64() != c.Amount {
				t.Fatalf("iter %d: claim %d, reference %s", iter, c.Amount, claims[c.Account])
			}
			_, proof, err := st.Proof(c.Account)
			if err != nil || !merkle.Verify(proof, st.Root, ClaimLeaf(c.Account, 5, c.Amount)) {
				t.Fatalf("iter %d: proof %v", iter, err)
			}
		}
		// Determinism: shuffled input, same settlement.
		sh := in
		sh.Receipts = slices.Clone(in.Receipts)
		sh.Vouchers = slices.Clone(in.Vouchers)
		rng.Shuffle(len(sh.Receipts), func(i, j int) { sh.Receipts[i], sh.Receipts[j] = sh.Receipts[j], sh.Receipts[i] })
		rng.Shuffle(len(sh.Vouchers), func(i, j int) { sh.Vouchers[i], sh.Vouchers[j] = sh.Vouchers[j], sh.Vouchers[i] })
		st2, err := Settle(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !sameSettlement(st, st2) {
			t.Fatalf("iter %d: settlement depends on input order", iter)
		}
	}
}

func sameSettlement(a, b *Settlement) bool {
	errs := func(rs []Rejection) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Payer.Hex()+r.Operator.Hex()+r.Reason.Error())
		}
		return out
	}
	return reflect.DeepEqual(a.Redemptions, b.Redemptions) && reflect.DeepEqual(a.Payouts, b.Payouts) &&
		reflect.DeepEqual(a.Claims, b.Claims) && a.Root == b.Root && a.ChargeTotal.Cmp(b.ChargeTotal) == 0 &&
		slices.Equal(errs(a.Rejected), errs(b.Rejected)) && a.Free == b.Free
}

// TestSettleSelfDealing: an operator that pays itself (payer == operator)
// and inflates its receipts gains nothing: its payouts and claims are at
// most what it is charged, and the model and data owners get exactly their
// split of the charge.
func TestSettleSelfDealing(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for iter := range 100 {
		self, honest := mustKey(t), mustKey(t)
		s := self.Address()
		var rs []*attribution.Receipt
		var sum uint64
		for i := range 1 + rng.IntN(20) {
			r := paidReceipt(s, s, i, 1+rng.Uint64N(1<<30))
			if rng.IntN(2) == 0 { // it names itself model owner too
				r.Base.Owner = s
			}
			sum += r.Fee
			rs = append(rs, r)
		}
		// An honest pair in the same epoch.
		hr := paidReceipt(honest.Address(), s, 1000, 5000)
		rs = append(rs, hr)
		amount := sum
		if rng.IntN(2) == 0 {
			amount = rng.Uint64N(sum) + 1 // it inflated the receipts past its own voucher
		}
		vs := []SignedVoucher{voucher(t, self, s, s, 5, amount), voucher(t, honest, honest.Address(), s, 5, 5000)}
		st, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs, Receipts: rs})
		if err != nil {
			t.Fatal(err)
		}
		var selfCharge uint64
		for _, r := range st.Redemptions {
			if r.Payer == s {
				selfCharge = r.Charge
			}
		}
		if selfCharge != amount {
			t.Fatalf("iter %d: self charge %d, voucher %d", iter, selfCharge, amount)
		}
		// The operator's income from the honest payer alone: its share of 5000.
		honestOnly, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(), Vouchers: vs[1:], Receipts: []*attribution.Receipt{hr}})
		if err != nil {
			t.Fatal(err)
		}
		gain := new(big.Int).SetUint64(totalOf(st.Payouts, s) + claimOf(st.Claims, s))
		gain.Sub(gain, new(big.Int).SetUint64(totalOf(honestOnly.Payouts, s)+claimOf(honestOnly.Claims, s)))
		gain.Sub(gain, new(big.Int).SetUint64(selfCharge))
		if gain.Sign() > 0 {
			t.Fatalf("iter %d: self-dealing nets %s", iter, gain)
		}
		// The other owners get exactly their split of the self-dealt charge.
		sc := &scaler{}
		idx := make([]int32, len(rs)-1)
		for i := range idx {
			idx[i] = int32(i)
		}
		fees := sc.scale(rs[:len(rs)-1], idx, amount, 0, sum)
		want := map[common.Address]uint64{}
		for i, r := range rs[:len(rs)-1] {
			c := *r
			c.Fee = fees[i]
			ps, _ := attribution.Split(&c, attribution.DefaultSplitParams())
			for _, x := range ps {
				if x.Role != attribution.RoleOperator && x.Address != s {
					want[x.Address] += x.Amount
				}
			}
		}
		for a, w := range want {
			if got := claimOf(st.Claims, a) - claimOf(honestOnly.Claims, a); got != w {
				t.Fatalf("iter %d: %s gets %d, want %d", iter, a.Hex(), got, w)
			}
		}
	}
}

// TestSettleOverReported: receipts whose fees sum above the voucher are
// paid the voucher, never more, in total and per pair.
func TestSettleOverReported(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	payer, op := mustKey(t), mustKey(t)
	p, o := payer.Address(), op.Address()
	for iter := range 100 {
		var rs []*attribution.Receipt
		var sum uint64
		for i := range 1 + rng.IntN(30) {
			r := paidReceipt(p, o, i, rng.Uint64N(1<<40))
			sum += r.Fee
			rs = append(rs, r)
		}
		amount := rng.Uint64N(sum + 1)
		st, err := Settle(SettleInput{Domain: testDomain, Epoch: 5, Split: attribution.DefaultSplitParams(),
			Vouchers: []SignedVoucher{voucher(t, payer, p, o, 5, amount)}, Receipts: rs})
		if err != nil {
			t.Fatal(err)
		}
		if amount == 0 {
			if len(st.Redemptions) != 0 || st.ChargeTotal.Sign() != 0 {
				t.Fatalf("iter %d: zero voucher charged", iter)
			}
			continue
		}
		if st.ChargeTotal.Uint64() != amount || st.Redemptions[0].Charge != amount {
			t.Fatalf("iter %d: charged %s of voucher %d", iter, st.ChargeTotal, amount)
		}
		paid := new(big.Int).Add(st.PayoutsTotal, st.ClaimsTotal)
		if paid.Uint64() != amount {
			t.Fatalf("iter %d: paid %s of voucher %d", iter, paid, amount)
		}
	}
}

func TestCompareReceiptsTotal(t *testing.T) {
	a, b := paidReceipt(addr(1), addr(2), 1, 10), paidReceipt(addr(1), addr(2), 1, 10)
	if compareReceipts(a, b) != 0 {
		t.Fatal("equal receipts differ")
	}
	b.Records[0].Weight-- // differs only past the keyed fields
	if c := compareReceipts(a, b); c == 0 || c != -compareReceipts(b, a) {
		t.Fatal("receipts differing in records compare equal")
	}
	// What settling does not read does not order: such receipts split
	// any fee alike.
	c := paidReceipt(addr(1), addr(2), 1, 10)
	c.RequestID, c.Time, c.OutputHash, c.Records[0].CID = "other", c.Time+1, [32]byte{9}, testCID("other")
	c.Adapters = append(c.Adapters, attribution.Adapter{CID: testCID("zz"), Owner: addr(77)}) // weight 0
	if compareReceipts(a, c) != 0 {
		t.Fatal("receipts differing only in what settlement ignores compare unequal")
	}
	c.Adapters[len(c.Adapters)-1].Weight = 1
	if x := compareReceipts(a, c); x == 0 || x != -compareReceipts(c, a) {
		t.Fatal("a paid adapter does not order")
	}
}

// Settling the rows of an epoch's receipts (what a node stores at
// ingest) gives the settlement of the receipts themselves.
func TestRowsSettleAsReceipts(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for iter := range 60 {
		in, _ := randomEpoch(t, rng)
		// Receipts that tie on Auth (an operator that stamped one
		// authorization twice) and differ only where settling does not
		// read, or in a zero-weight record.
		for _, r := range slices.Clone(in.Receipts) {
			if r.Auth != ([32]byte{}) && rng.IntN(3) == 0 {
				c := *r
				c.RequestID, c.Time = r.RequestID+"-dup", r.Time+1
				switch x := rng.IntN(3); {
				case x == 0 && len(c.Records) > 0:
					c.Records = append(slices.Clone(c.Records), attribution.Record{CID: testCID("zero"), Contributor: addr(99), Datanet: testCID("dn")})
				case x == 1: // paid to someone else
					c.Base.Owner = addr(98 - rng.IntN(2)*90)
				}
				in.Receipts = append(in.Receipts, &c)
			}
		}
		st, err := Settle(in)
		if err != nil {
			t.Fatal(err)
		}
		var rows Rows
		for _, r := range in.Receipts {
			if err := rows.Add(in.Epoch, AppendRow(nil, r)); err != nil {
				t.Fatal(err)
			}
		}
		// Zero-weight parties are dropped from rows, not from receipts.
		rin := in
		rin.Receipts = rows.Receipts()
		rng.Shuffle(len(rin.Receipts), func(i, j int) { rin.Receipts[i], rin.Receipts[j] = rin.Receipts[j], rin.Receipts[i] })
		st2, err := Settle(rin)
		if err != nil {
			t.Fatal(err)
		}
		if !sameSettlement(st, st2) || st.Free != st2.Free {
			t.Fatalf("iter %d: the rows settle differently from their receipts", iter)
		}
	}
}

func TestRowsMalformed(t *testing.T) {
	r := paidReceipt(addr(1), addr(2), 1, 10)
	row := AppendRow(nil, r)
	var rows Rows
	for _, b := range [][]byte{nil, {2, 1}, {rowVersion, 0, 0}, {rowVersion, 7}, row[:len(row)-1], append(slices.Clone(row), 0)} {
		if err := rows.Add(5, b); !errors.Is(err, ErrSettleInput) {
			t.Fatalf("row %x: %v, want ErrSettleInput", b, err)
		}
	}
	if rows.Len() != 0 {
		t.Fatalf("%d rows kept from malformed input", rows.Len())
	}
	if err := rows.Add(5, row); err != nil || rows.Len() != 1 {
		t.Fatal(err)
	}
	got := rows.Receipts()[0]
	if got.Auth != r.Auth || got.Payer != r.Payer || got.Operator != r.Operator || got.Fee != r.Fee || got.Epoch != 5 ||
		len(got.Records) != len(r.Records) || got.Records[1].Contributor != r.Records[1].Contributor {
		t.Fatalf("row gave %+v for %+v", got, r)
	}
}

func TestAmountsTable(t *testing.T) {
	var tb amounts
	want := map[common.Address]uint64{}
	rng := rand.New(rand.NewPCG(17, 18))
	for range 20000 {
		a := addr(rng.IntN(3000))
		v := rng.Uint64N(1 << 40)
		if err := tb.add(a, v); err != nil {
			t.Fatal(err)
		}
		want[a] += v
	}
	got := map[common.Address]uint64{}
	tb.each(func(a common.Address, s uint64) { got[a] = s })
	if !reflect.DeepEqual(got, want) {
		t.Fatal("table sums differ from a map's")
	}
	if err := tb.add(addr(1), math.MaxUint64); !errors.Is(err, ErrOverflow) {
		t.Fatalf("overflow: %v", err)
	}
}
