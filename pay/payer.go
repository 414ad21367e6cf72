package pay

import (
	"crypto/rand"
	"errors"
	"fmt"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
	"github.com/provenet/provenet/attribution"
)

// Wallet is the payer's side of the protocol: it authorizes requests and,
// after checking each receipt against what was received, signs the
// cumulative voucher. It is safe for concurrent use.
type Wallet struct {
	signer    account.HashSigner
	payer     common.Address
	domain    Domain
	separator [32]byte

	mu    sync.Mutex // orders AddOwed and the voucher signature
	store WalletStore
}

// NewWallet returns the wallet of payer, signing with signer: the payer's
// own key or a session key bound to payer on the escrow (an API key's).
func NewWallet(signer account.HashSigner, payer common.Address, d Domain, store WalletStore) (*Wallet, error) {
	if signer == nil || store == nil || payer == (common.Address{}) {
		return nil, errors.New("pay: NewWallet needs a signer, a payer address and a WalletStore")
	}
	return &Wallet{signer: signer, payer: payer, domain: d, separator: d.Separator(), store: store}, nil
}

// Payer returns the wallet's payer address.
func (w *Wallet) Payer() common.Address { return w.payer }

// Authorize signs an authorization for one request to operator on model
// modelName (as requested) in epoch, at prices, of at most maxAmount wei.
// The request ID is 32 bytes from crypto/rand.
func (w *Wallet) Authorize(operator common.Address, modelName string, epoch uint64, prices Prices, maxAmount uint64) (SignedAuthorization, error) {
	if operator == (common.Address{}) {
		return SignedAuthorization{}, fmt.Errorf("%w: zero operator", ErrMalformed)
	}
	a := Authorization{Payer: w.payer, Operator: operator, Model: ModelID(modelName), Epoch: epoch,
		PromptPrice: prices.Prompt, OutputPrice: prices.Output, MaxAmount: maxAmount}
	if _, err := rand.Read(a.Request[:]); err != nil {
		return SignedAuthorization{}, fmt.Errorf("pay: request id: %w", err)
	}
	return a.Sign(w.signer, w.domain)
}

// Accept checks the operator's receipt r for the request sa authorised,
// against the tokens received, and returns the voucher for the new
// cumulative amount owed to the operator for the epoch. r must name this
// payer, sa's operator, sa's digest (Auth), epoch and prices; its token
// counts and output hash must equal what was received; its fee must be
// Fee(tokens, prices) and at most sa.MaxAmount; it must be valid and
// signed by the operator. Anything else is ErrReceiptMismatch, naming the
// field, and owes nothing. A receipt of an authorization already paid is
// ErrReplay.
func (w *Wallet) Accept(sa SignedAuthorization, r *attribution.Receipt, receivedPromptTokens, receivedOutputTokens uint32, outputTokenHash [32]byte) (SignedVoucher, error) {
	if r == nil {
		return SignedVoucher{}, fmt.Errorf("%w: no receipt", ErrReceiptMismatch)
	}
	a := sa.Authorization
	digest := typedDigest(w.separator, a.StructHash())
	if err := w.checkReceipt(a, digest, r, receivedPromptTokens, receivedOutputTokens, outputTokenHash); err != nil {
		return SignedVoucher{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	total, added, err := w.store.AddOwed(a.Operator, a.Epoch, digest, r.Fee)
	if err != nil {
		return SignedVoucher{}, fmt.Errorf("pay: wallet store: %w", err)
	}
	if !added {
		return SignedVoucher{}, fmt.Errorf("%w: authorization %x paid before", ErrReplay, digest)
	}
	return Voucher{Payer: w.payer, Operator: a.Operator, Epoch: a.Epoch, Amount: total}.Sign(w.signer, w.domain)
}

func (w *Wallet) checkReceipt(a Authorization, digest [32]byte, r *attribution.Receipt, pt, ot uint32, outHash [32]byte) error {
	mismatch := func(field string, got, want any) error {
		return fmt.Errorf("%w: %s is %v, want %v", ErrReceiptMismatch, field, got, want)
	}
	switch {
	case a.Payer != w.payer:
		return mismatch("authorization payer", a.Payer.Hex(), w.payer.Hex())
	case r.Payer != w.payer:
		return mismatch("payer", r.Payer.Hex(), w.payer.Hex())
	case r.Operator != a.Operator:
		return mismatch("operator", r.Operator.Hex(), a.Operator.Hex())
	case r.Auth != digest:
		return mismatch("auth", common.Hash(r.Auth).Hex(), common.Hash(digest).Hex())
	case r.Epoch != a.Epoch:
		return mismatch("epoch", r.Epoch, a.Epoch)
	case r.PromptPrice != a.PromptPrice:
		return mismatch("prompt price", r.PromptPrice, a.PromptPrice)
	case r.OutputPrice != a.OutputPrice:
		return mismatch("output price", r.OutputPrice, a.OutputPrice)
	case r.PromptTokens != pt:
		return mismatch("prompt tokens", r.PromptTokens, pt)
	case r.OutputTokens != ot:
		return mismatch("output tokens", r.OutputTokens, ot)
	case r.OutputHash != outHash:
		return mismatch("output hash", common.Hash(r.OutputHash).Hex(), common.Hash(outHash).Hex())
	}
	fee, err := Fee(pt, ot, a.Prices())
	if err != nil {
		return fmt.Errorf("%w: fee: %w", ErrReceiptMismatch, err)
	}
	if r.Fee != fee {
		return mismatch("fee", r.Fee, fee)
	}
	if fee > a.MaxAmount {
		return mismatch("fee (over the authorised maximum)", fee, a.MaxAmount)
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("%w: receipt: %w", ErrReceiptMismatch, err)
	}
	if _, err := r.Verify(); err != nil {
		return fmt.Errorf("%w: signature: %w", ErrReceiptMismatch, err)
	}
	return nil
}

// Owed returns what the wallet owes operator for epoch.
func (w *Wallet) Owed(operator common.Address, epoch uint64) (uint64, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.store.Owed(operator, epoch)
}

// Voucher signs a voucher for what the wallet owes operator for epoch now
// (to resend one the operator missed).
func (w *Wallet) Voucher(operator common.Address, epoch uint64) (SignedVoucher, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	total, err := w.store.Owed(operator, epoch)
	if err != nil {
		return SignedVoucher{}, fmt.Errorf("pay: wallet store: %w", err)
	}
	return Voucher{Payer: w.payer, Operator: operator, Epoch: epoch, Amount: total}.Sign(w.signer, w.domain)
}
