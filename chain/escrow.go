package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/chain/bindings"
)

// DefaultThawingPeriod is the PaymentEscrow thawing period DeployAll uses
// when Config.ThawingPeriod is 0.
const DefaultThawingPeriod = time.Hour

// MaxRedeemBatchGas caps the gas of one redeem transaction: Redeem splits
// its redemptions into batches that fit under it (or under
// Config.GasLimitCap when that is lower).
const MaxRedeemBatchGas = 12_000_000

// Gas of a redeem batch, measured on the dev chain (TestEscrowGasReport):
// about 47,000 for the transaction (with the epoch's pool slot going from
// zero) and at most about 40,000 per redemption (a payer the batch has not
// touched yet: new redeemed slot, cold balance, ecrecover, event,
// calldata; about 35,000 when payers repeat). The batch size is sized on
// these worst-case figures; a batch the node's estimate still puts above
// the cap is halved.
const (
	redeemGasBase    = 50_000
	redeemGasPerItem = 42_000
)

// EIP-712 domain of the escrow (payspec.md).
const (
	EscrowDomainName    = "provenet"
	EscrowDomainVersion = "1"
)

// Voucher is PaymentEscrow.Voucher: the cumulative wei Payer owes Operator
// for Epoch, signed by the payer or a signer it authorised.
type Voucher struct {
	Payer    common.Address
	Operator common.Address
	Epoch    uint64
	Amount   *big.Int
}

// Authorization is PaymentEscrow.Authorization, what the payer signs per
// request before generation. Prices are wei per 1,000 tokens.
type Authorization struct {
	Payer       common.Address
	Operator    common.Address
	Request     [32]byte
	Model       [32]byte
	Epoch       uint64
	PromptPrice *big.Int
	OutputPrice *big.Int
	MaxAmount   *big.Int
}

// Redemption is one voucher to redeem: its 65-byte signature (r || s || v)
// and the charge taken for it, at most Voucher.Amount.
type Redemption struct {
	Voucher   Voucher
	Signature []byte
	Charge    *big.Int
}

// Payout is an operator's share of a finalized epoch.
type Payout struct {
	Operator common.Address
	Amount   *big.Int
}

// Settlement is an epoch's state in the escrow.
type Settlement struct {
	// Pool is the sum of the charges redeemed in the epoch.
	Pool        *big.Int
	ClaimsRoot  [32]byte
	ClaimsTotal *big.Int
	ClaimsPaid  *big.Int
	Finalized   bool
}

// EscrowDomain is the EIP-712 domain vouchers and authorizations are
// signed under.
type EscrowDomain struct {
	Name, Version     string
	ChainID           *big.Int
	VerifyingContract common.Address
}

// MaxThawingPeriod is PaymentEscrow.MAX_THAWING_PERIOD.
const MaxThawingPeriod = 365 * 24 * time.Hour

// thawingSeconds converts a thawing period into the contract's whole
// seconds, rounding up; 0 gives DefaultThawingPeriod.
func thawingSeconds(d time.Duration) (uint64, error) {
	switch {
	case d < 0 || d > MaxThawingPeriod:
		return 0, fmt.Errorf("%w: thawing period %v outside [0, %v]", ErrConfig, d, MaxThawingPeriod)
	case d == 0:
		d = DefaultThawingPeriod
	}
	return uint64((d + time.Second - 1) / time.Second), nil
}

func (v Voucher) binding() bindings.PaymentEscrowVoucher {
	return bindings.PaymentEscrowVoucher{Payer: v.Payer, Operator: v.Operator, Epoch: v.Epoch, Amount: v.Amount}
}

func (a Authorization) binding() bindings.PaymentEscrowAuthorization {
	return bindings.PaymentEscrowAuthorization{
		Payer: a.Payer, Operator: a.Operator, Request: a.Request, Model: a.Model, Epoch: a.Epoch,
		PromptPrice: a.PromptPrice, OutputPrice: a.OutputPrice, MaxAmount: a.MaxAmount,
	}
}

// checkWei fails with ErrBadInput unless v is a uint256.
func checkWei(what string, v *big.Int) error {
	if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
		return fmt.Errorf("chain: %s: %w: %v is not a uint256", what, ErrBadInput, v)
	}
	return nil
}

// escTx sends escrow calldata (with value wei when not nil) and returns
// the receipt.
func (c *Client) escTx(ctx context.Context, what string, data []byte, perr error, value *big.Int) (*types.Receipt, error) {
	if err := c.ready(c.cfg.Escrow, "escrow", true); err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, packErr(what, perr)
	}
	if value != nil {
		return c.sendValue(ctx, what, c.cfg.Escrow, data, value)
	}
	return c.send(ctx, what, c.cfg.Escrow, data)
}

// escCall runs an escrow view.
func (c *Client) escCall(ctx context.Context, what string, data []byte, perr error) ([]byte, error) {
	if err := c.ready(c.cfg.Escrow, "escrow", false); err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, packErr(what, perr)
	}
	return c.call(ctx, what, c.cfg.Escrow, data)
}

func txHash(r *types.Receipt, err error) (common.Hash, error) {
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}

// ---- funds ----

// Deposit deposits amount wei from c's account into its own escrow
// balance.
func (c *Client) Deposit(ctx context.Context, amount *big.Int) (common.Hash, error) {
	if err := checkWei("deposit", amount); err != nil {
		return common.Hash{}, err
	}
	data, err := c.esc.TryPackDeposit()
	return txHash(c.escTx(ctx, "deposit", data, err, amount))
}

// DepositTo deposits amount wei from c's account into payer's escrow
// balance.
func (c *Client) DepositTo(ctx context.Context, payer common.Address, amount *big.Int) (common.Hash, error) {
	if err := checkWei("deposit", amount); err != nil {
		return common.Hash{}, err
	}
	data, err := c.esc.TryPackDepositTo(payer)
	return txHash(c.escTx(ctx, "deposit to "+payer.Hex(), data, err, amount))
}

// Thaw starts (or restarts) thawing amount of c's escrow balance: Withdraw
// may take it after the thawing period. ErrInsufficientBalance when amount
// is above the balance.
func (c *Client) Thaw(ctx context.Context, amount *big.Int) (common.Hash, error) {
	if err := checkWei("thaw", amount); err != nil {
		return common.Hash{}, err
	}
	data, err := c.esc.TryPackThaw(amount)
	return txHash(c.escTx(ctx, "thaw", data, err, nil))
}

// CancelThaw stops c's thaw (ErrNotThawing when none).
func (c *Client) CancelThaw(ctx context.Context) (common.Hash, error) {
	data, err := c.esc.TryPackCancelThaw()
	return txHash(c.escTx(ctx, "cancel thaw", data, err, nil))
}

// Withdraw pays c's account min(thawing, balance) once its thaw ended and
// returns the amount paid: ErrStillThawing before the end, ErrNotThawing
// without a thaw.
func (c *Client) Withdraw(ctx context.Context) (*big.Int, common.Hash, error) {
	data, err := c.esc.TryPackWithdraw()
	r, err := c.escTx(ctx, "withdraw", data, err, nil)
	if err != nil {
		return nil, common.Hash{}, err
	}
	for _, l := range r.Logs {
		if l.Address != c.cfg.Escrow {
			continue
		}
		if ev, err := c.esc.UnpackWithdrawnEvent(l); err == nil {
			return ev.Amount, r.TxHash, nil
		}
	}
	return nil, r.TxHash, fmt.Errorf("chain: withdraw: tx %s: no Withdrawn event", r.TxHash)
}

// WithdrawCredit pays c's pull balance (payments whose push failed) to to
// and returns the hash; ErrBadInput when there is none.
func (c *Client) WithdrawCredit(ctx context.Context, to common.Address) (common.Hash, error) {
	data, err := c.esc.TryPackWithdrawCredit(to)
	return txHash(c.escTx(ctx, "withdraw credit", data, err, nil))
}

// EscrowBalance returns payer's escrow balance (thawing included), the part
// thawing and when its thaw ends (the zero Time when not thawing).
func (c *Client) EscrowBalance(ctx context.Context, payer common.Address) (balance, thawing *big.Int, thawEnd time.Time, err error) {
	data, perr := c.esc.TryPackBalances(payer)
	out, err := c.escCall(ctx, "escrow balance", data, perr)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	b, err := c.esc.UnpackBalances(out)
	if err != nil {
		return nil, nil, time.Time{}, unpackErr("escrow balance", err)
	}
	if b.ThawEnd != 0 {
		thawEnd = time.Unix(int64(b.ThawEnd), 0).UTC()
	}
	return b.Balance, b.Thawing, thawEnd, nil
}

// Credits returns addr's pull balance in the escrow.
func (c *Client) Credits(ctx context.Context, addr common.Address) (*big.Int, error) {
	data, perr := c.esc.TryPackCredits(addr)
	out, err := c.escCall(ctx, "credits", data, perr)
	if err != nil {
		return nil, err
	}
	v, err := c.esc.UnpackCredits(out)
	if err != nil {
		return nil, unpackErr("credits", err)
	}
	return v, nil
}

// EscrowThawingPeriod returns the escrow's thawing period.
func (c *Client) EscrowThawingPeriod(ctx context.Context) (time.Duration, error) {
	data, perr := c.esc.TryPackThawingPeriod()
	out, err := c.escCall(ctx, "thawing period", data, perr)
	if err != nil {
		return 0, err
	}
	v, err := c.esc.UnpackThawingPeriod(out)
	if err != nil {
		return 0, unpackErr("thawing period", err)
	}
	return time.Duration(v) * time.Second, nil
}

// ---- signers ----

// AuthorizeSigner authorises signer to sign vouchers for c's account (or
// cancels its pending revocation); ErrSignerBound when another payer holds
// it.
func (c *Client) AuthorizeSigner(ctx context.Context, signer common.Address) (common.Hash, error) {
	data, err := c.esc.TryPackAuthorizeSigner(signer)
	return txHash(c.escTx(ctx, "authorize signer "+signer.Hex(), data, err, nil))
}

// ThawSigner starts revoking signer; RevokeSigner completes it after the
// thawing period. ErrUnauthorized when signer is not c's.
func (c *Client) ThawSigner(ctx context.Context, signer common.Address) (common.Hash, error) {
	data, err := c.esc.TryPackThawSigner(signer)
	return txHash(c.escTx(ctx, "thaw signer "+signer.Hex(), data, err, nil))
}

// RevokeSigner revokes signer, a thawing period after ThawSigner
// (ErrStillThawing before, ErrNotThawing without ThawSigner).
func (c *Client) RevokeSigner(ctx context.Context, signer common.Address) (common.Hash, error) {
	data, err := c.esc.TryPackRevokeSigner(signer)
	return txHash(c.escTx(ctx, "revoke signer "+signer.Hex(), data, err, nil))
}

// PayerOf returns the payer signer signs for (zero when none).
func (c *Client) PayerOf(ctx context.Context, signer common.Address) (common.Address, error) {
	data, perr := c.esc.TryPackPayerOf(signer)
	out, err := c.escCall(ctx, "payer of", data, perr)
	if err != nil {
		return common.Address{}, err
	}
	v, err := c.esc.UnpackPayerOf(out)
	if err != nil {
		return common.Address{}, unpackErr("payer of", err)
	}
	return v, nil
}

// SignerThawEnd returns when signer's revocation thaw ends (the zero Time
// when it is not thawing).
func (c *Client) SignerThawEnd(ctx context.Context, signer common.Address) (time.Time, error) {
	data, perr := c.esc.TryPackSigners(signer)
	out, err := c.escCall(ctx, "signers", data, perr)
	if err != nil {
		return time.Time{}, err
	}
	v, err := c.esc.UnpackSigners(out)
	if err != nil {
		return time.Time{}, unpackErr("signers", err)
	}
	if v.ThawEnd == 0 {
		return time.Time{}, nil
	}
	return time.Unix(int64(v.ThawEnd), 0).UTC(), nil
}

// ---- settlement ----

// Redeem redeems rs for epoch from c's account (the settler), in as many
// transactions as needed to keep each under MaxRedeemBatchGas (and
// Config.GasLimitCap), and returns their hashes in order. It stops at the
// first failure and returns the hashes of the batches mined before it with
// the error; their redemptions stand (Redeemed tells which). Reverts:
// ErrUnauthorized, ErrEpochFinalized, ErrEpochMismatch, ErrAlreadyRedeemed,
// ErrChargeExceedsVoucher, ErrInvalidSignature, ErrUnauthorizedSigner,
// ErrOverdraft. A batch that reverts is refused at estimation and not sent.
func (c *Client) Redeem(ctx context.Context, epoch uint64, rs []Redemption) ([]common.Hash, error) {
	if err := c.ready(c.cfg.Escrow, "escrow", true); err != nil {
		return nil, err
	}
	all := make([]bindings.PaymentEscrowRedemption, len(rs))
	for i, r := range rs {
		if err := checkWei(fmt.Sprintf("redeem: voucher %d amount", i), r.Voucher.Amount); err != nil {
			return nil, err
		}
		if err := checkWei(fmt.Sprintf("redeem: redemption %d charge", i), r.Charge); err != nil {
			return nil, err
		}
		all[i] = bindings.PaymentEscrowRedemption{Voucher: r.Voucher.binding(), Signature: r.Signature, Charge: r.Charge}
	}
	budget := min(uint64(MaxRedeemBatchGas), c.cfg.GasLimitCap)
	size := 1
	if budget > redeemGasBase+redeemGasPerItem {
		size = int((budget - redeemGasBase) / redeemGasPerItem)
	}
	var hashes []common.Hash
	for done := 0; done < len(all); {
		n := min(size, len(all)-done)
		data, err := c.esc.TryPackRedeem(epoch, all[done:done+n])
		if err != nil {
			return hashes, packErr("redeem", err)
		}
		what := fmt.Sprintf("redeem epoch %d: %d vouchers from %d of %d", epoch, n, done, len(all))
		r, err := c.send(ctx, what, c.cfg.Escrow, data)
		if errors.Is(err, ErrGasCap) && n > 1 {
			size = n / 2
			c.log.Debug("redeem batch above gas cap, halving", "epoch", epoch, "size", n)
			continue
		}
		if err != nil {
			return hashes, err
		}
		hashes = append(hashes, r.TxHash)
		c.log.Info("vouchers redeemed", "epoch", epoch, "count", n, "tx", r.TxHash, "gas", r.GasUsed)
		done += n
	}
	return hashes, nil
}

// Finalize settles epoch from c's account (the settler): it pays each
// payout's operator and stores claimsRoot funding claimsTotal; the
// payouts plus claimsTotal must equal the epoch's pool
// (ErrSettlementMismatch). A second finalize fails with
// ErrEpochFinalized. Every operator costs a value transfer and an event
// (about 38,000 gas to an address never paid before, 13,000 to one that
// holds ether; TestEscrowGasReport), so the payouts must fit under the gas
// cap (ErrGasCap otherwise: about 300 new operators under 12M gas); a
// settler with more operators than that can pay some of them through the
// claims root.
func (c *Client) Finalize(ctx context.Context, epoch uint64, payouts []Payout, claimsRoot [32]byte, claimsTotal *big.Int) (common.Hash, error) {
	if err := checkWei("finalize: claims total", claimsTotal); err != nil {
		return common.Hash{}, err
	}
	ops := make([]common.Address, len(payouts))
	amounts := make([]*big.Int, len(payouts))
	for i, p := range payouts {
		if err := checkWei(fmt.Sprintf("finalize: payout %d", i), p.Amount); err != nil {
			return common.Hash{}, err
		}
		ops[i], amounts[i] = p.Operator, p.Amount
	}
	data, err := c.esc.TryPackFinalize(epoch, ops, amounts, claimsRoot, claimsTotal)
	r, err := c.escTx(ctx, fmt.Sprintf("finalize epoch %d", epoch), data, err, nil)
	if err != nil {
		return common.Hash{}, err
	}
	c.log.Info("epoch finalized", "epoch", epoch, "operators", len(payouts), "claims_total", claimsTotal, "tx", r.TxHash, "gas", r.GasUsed)
	return r.TxHash, nil
}

// ClaimPayment pays account its amount from epoch's claims root, given the
// Merkle proof of its leaf (PaymentLeaf); anyone may send it. Reverts:
// ErrEpochNotFinalized, ErrAlreadyClaimed, ErrInvalidProof,
// ErrClaimsExceeded.
func (c *Client) ClaimPayment(ctx context.Context, epoch uint64, account common.Address, amount *big.Int, proof [][32]byte) (common.Hash, error) {
	if err := checkWei("claim payment", amount); err != nil {
		return common.Hash{}, err
	}
	data, err := c.esc.TryPackClaim(epoch, account, amount, proof)
	r, err := c.escTx(ctx, fmt.Sprintf("claim payment epoch %d for %s", epoch, account), data, err, nil)
	if err != nil {
		return common.Hash{}, err
	}
	c.log.Info("payment claimed", "epoch", epoch, "account", account, "amount", amount, "tx", r.TxHash, "gas", r.GasUsed)
	return r.TxHash, nil
}

// Redeemed returns the charge taken for (payer, operator, epoch); ok is
// false when that voucher was not redeemed.
func (c *Client) Redeemed(ctx context.Context, payer, operator common.Address, epoch uint64) (charge *big.Int, ok bool, err error) {
	data, perr := c.esc.TryPackRedeemed(payer, operator, epoch)
	out, err := c.escCall(ctx, "redeemed", data, perr)
	if err != nil {
		return nil, false, err
	}
	v, err := c.esc.UnpackRedeemed(out)
	if err != nil {
		return nil, false, unpackErr("redeemed", err)
	}
	if v.Sign() == 0 {
		return new(big.Int), false, nil
	}
	return v.Sub(v, big.NewInt(1)), true, nil
}

// EpochSettlement returns epoch's settlement state (all zero when nothing
// was redeemed).
func (c *Client) EpochSettlement(ctx context.Context, epoch uint64) (Settlement, error) {
	data, perr := c.esc.TryPackEpochs(epoch)
	out, err := c.escCall(ctx, "epoch settlement", data, perr)
	if err != nil {
		return Settlement{}, err
	}
	e, err := c.esc.UnpackEpochs(out)
	if err != nil {
		return Settlement{}, unpackErr("epoch settlement", err)
	}
	return Settlement{Pool: e.Pool, ClaimsRoot: e.ClaimsRoot, ClaimsTotal: e.ClaimsTotal, ClaimsPaid: e.ClaimsPaid, Finalized: e.Finalized}, nil
}

// PaymentClaimed reports whether account claimed its payment of epoch.
func (c *Client) PaymentClaimed(ctx context.Context, epoch uint64, account common.Address) (bool, error) {
	data, perr := c.esc.TryPackClaimed(epoch, account)
	out, err := c.escCall(ctx, "payment claimed", data, perr)
	if err != nil {
		return false, err
	}
	v, err := c.esc.UnpackClaimed(out)
	if err != nil {
		return false, unpackErr("payment claimed", err)
	}
	return v, nil
}

// SetSettler hands the settler role to settler; admin only.
func (c *Client) SetSettler(ctx context.Context, settler common.Address) (common.Hash, error) {
	data, err := c.esc.TryPackSetSettler(settler)
	return txHash(c.escTx(ctx, "set settler", data, err, nil))
}

// Settler returns the account that may redeem and finalize.
func (c *Client) Settler(ctx context.Context) (common.Address, error) {
	data, perr := c.esc.TryPackSettler()
	out, err := c.escCall(ctx, "settler", data, perr)
	if err != nil {
		return common.Address{}, err
	}
	v, err := c.esc.UnpackSettler(out)
	if err != nil {
		return common.Address{}, unpackErr("settler", err)
	}
	return v, nil
}

// ---- EIP-712 ----

// EscrowDomain returns the EIP-712 domain of the configured escrow: name
// "provenet", version "1", the endpoint's chain ID and the escrow address.
// It makes no call.
func (c *Client) EscrowDomain() (EscrowDomain, error) {
	if err := c.ready(c.cfg.Escrow, "escrow", false); err != nil {
		return EscrowDomain{}, err
	}
	return EscrowDomain{
		Name: EscrowDomainName, Version: EscrowDomainVersion,
		ChainID: new(big.Int).Set(c.chainID), VerifyingContract: c.cfg.Escrow,
	}, nil
}

// DomainSeparator returns the escrow's EIP-712 domain separator, as the
// contract computes it.
func (c *Client) DomainSeparator(ctx context.Context) ([32]byte, error) {
	data, perr := c.esc.TryPackDomainSeparator()
	out, err := c.escCall(ctx, "domain separator", data, perr)
	if err != nil {
		return [32]byte{}, err
	}
	v, err := c.esc.UnpackDomainSeparator(out)
	if err != nil {
		return [32]byte{}, unpackErr("domain separator", err)
	}
	return v, nil
}

// HashVoucher returns the EIP-712 digest of v (what is signed), as the
// contract computes it.
func (c *Client) HashVoucher(ctx context.Context, v Voucher) ([32]byte, error) {
	if err := checkWei("hash voucher", v.Amount); err != nil {
		return [32]byte{}, err
	}
	data, perr := c.esc.TryPackHashVoucher(v.binding())
	out, err := c.escCall(ctx, "hash voucher", data, perr)
	if err != nil {
		return [32]byte{}, err
	}
	h, err := c.esc.UnpackHashVoucher(out)
	if err != nil {
		return [32]byte{}, unpackErr("hash voucher", err)
	}
	return h, nil
}

// HashAuthorization returns the EIP-712 digest of a, as the contract
// computes it.
func (c *Client) HashAuthorization(ctx context.Context, a Authorization) ([32]byte, error) {
	for _, v := range []*big.Int{a.PromptPrice, a.OutputPrice, a.MaxAmount} {
		if err := checkWei("hash authorization", v); err != nil {
			return [32]byte{}, err
		}
	}
	data, perr := c.esc.TryPackHashAuthorization(a.binding())
	out, err := c.escCall(ctx, "hash authorization", data, perr)
	if err != nil {
		return [32]byte{}, err
	}
	h, err := c.esc.UnpackHashAuthorization(out)
	if err != nil {
		return [32]byte{}, unpackErr("hash authorization", err)
	}
	return h, nil
}

// AuthorizationSigner returns the address that signed a, as the contract
// recovers it (ErrInvalidSignature for a malformed signature). Whether it
// may sign for a.Payer is PayerOf's business.
func (c *Client) AuthorizationSigner(ctx context.Context, a Authorization, sig []byte) (common.Address, error) {
	for _, v := range []*big.Int{a.PromptPrice, a.OutputPrice, a.MaxAmount} {
		if err := checkWei("authorization signer", v); err != nil {
			return common.Address{}, err
		}
	}
	data, perr := c.esc.TryPackAuthorizationSigner(a.binding(), sig)
	out, err := c.escCall(ctx, "authorization signer", data, perr)
	if err != nil {
		return common.Address{}, err
	}
	v, err := c.esc.UnpackAuthorizationSigner(out)
	if err != nil {
		return common.Address{}, unpackErr("authorization signer", err)
	}
	return v, nil
}

// PaymentLeaf is the claims-root leaf of account's amount in epoch:
// keccak256(bytes.concat(keccak256(abi.encode(account, uint256(epoch),
// amount)))), as the escrow's claim checks it (and as merkle.LeafHash of
// merkle.EncodeAddressUint256s(account, epoch, amount)).
func PaymentLeaf(account common.Address, epoch uint64, amount *big.Int) ([32]byte, error) {
	if err := checkWei("payment leaf", amount); err != nil {
		return [32]byte{}, err
	}
	enc := make([]byte, 96)
	copy(enc[12:32], account[:])
	new(big.Int).SetUint64(epoch).FillBytes(enc[32:64])
	amount.FillBytes(enc[64:96])
	return crypto.Keccak256Hash(crypto.Keccak256(enc)), nil
}
