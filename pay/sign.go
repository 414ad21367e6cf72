package pay

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/account"
)

// SignedAuthorization is an Authorization with its EIP-712 signature (65
// bytes r || s || v, v in {27, 28}) by the payer or a signer bound to it.
type SignedAuthorization struct {
	Authorization
	Sig []byte `cbor:"sig"`
}

// SignedVoucher is a Voucher with its EIP-712 signature by the payer or a
// signer bound to it.
type SignedVoucher struct {
	Voucher
	Sig []byte `cbor:"sig"`
}

// Sign signs a's digest under d with s (the payer's key or a session key
// bound to it).
func (a Authorization) Sign(s account.HashSigner, d Domain) (SignedAuthorization, error) {
	sig, err := s.SignHash(a.Digest(d))
	if err != nil {
		return SignedAuthorization{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return SignedAuthorization{Authorization: a, Sig: sig}, nil
}

// Recover returns the address that signed sa under d. It does not check
// that the address may sign for sa.Payer: see CheckSigner.
func (sa SignedAuthorization) Recover(d Domain) (common.Address, error) {
	return recoverDigest(sa.Digest(d), sa.Sig)
}

// Sign signs v's digest under d with s.
func (v Voucher) Sign(s account.HashSigner, d Domain) (SignedVoucher, error) {
	sig, err := s.SignHash(v.Digest(d))
	if err != nil {
		return SignedVoucher{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return SignedVoucher{Voucher: v, Sig: sig}, nil
}

// Recover returns the address that signed sv under d. It does not check
// that the address may sign for sv.Payer: see CheckSigner.
func (sv SignedVoucher) Recover(d Domain) (common.Address, error) {
	return recoverDigest(sv.Digest(d), sv.Sig)
}

func recoverDigest(digest [32]byte, sig []byte) (common.Address, error) {
	a, err := account.RecoverHash(digest, sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return a, nil
}

// PayerOfFunc maps a signer to the payer it is bound to on the escrow, the
// zero address when it is bound to none. An error is a failed lookup, not
// a verdict.
type PayerOfFunc func(signer common.Address) (common.Address, error)

// CheckSigner applies the escrow's rule: signer may sign for payer iff
// signer == payer or payerOf(signer) == payer. It returns ErrBadSignature
// when not, and payerOf's error (wrapped) when the lookup failed.
func CheckSigner(signer, payer common.Address, payerOf PayerOfFunc) error {
	if signer == payer {
		return nil
	}
	if payerOf == nil {
		return fmt.Errorf("%w: signed by %s, not payer %s", ErrBadSignature, signer.Hex(), payer.Hex())
	}
	bound, err := payerOf(signer)
	if err != nil {
		return fmt.Errorf("pay: signer binding of %s: %w", signer.Hex(), err)
	}
	if bound != payer || bound == (common.Address{}) {
		return fmt.Errorf("%w: signer %s is bound to %s, not payer %s", ErrBadSignature, signer.Hex(), bound.Hex(), payer.Hex())
	}
	return nil
}

// sortVouchers sorts vs by (payer, operator, epoch).
func sortVouchers(vs []SignedVoucher) {
	slices.SortFunc(vs, func(a, b SignedVoucher) int {
		if c := bytes.Compare(a.Payer[:], b.Payer[:]); c != 0 {
			return c
		}
		if c := bytes.Compare(a.Operator[:], b.Operator[:]); c != 0 {
			return c
		}
		return cmp.Compare(a.Epoch, b.Epoch)
	})
}
