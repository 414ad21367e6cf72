package chain

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/provenet/provenet/chain/bindings"
)

var (
	// ErrNoChain is returned by every call of a Client whose config has no
	// RPC URL.
	ErrNoChain = errors.New("chain: disabled (no rpc url configured)")
	// ErrConfig reports an invalid chain configuration.
	ErrConfig = errors.New("chain: config")
	// ErrNoContract is returned when the contract a call needs has no
	// address configured.
	ErrNoContract = errors.New("chain: contract address not configured")
	// ErrNoKey is returned by a transaction call on a read-only Client.
	ErrNoKey = errors.New("chain: no account key")
	// ErrChainID is returned by Dial when the endpoint's chain ID differs
	// from the configured one.
	ErrChainID = errors.New("chain: chain id mismatch")
	// ErrGasCap is returned when a transaction needs more gas than the cap.
	ErrGasCap = errors.New("chain: gas estimate above cap")
	// ErrReceiptTimeout is returned when no receipt arrived in time.
	ErrReceiptTimeout = errors.New("chain: timed out waiting for receipt")
	// ErrBadInput is returned for arguments that cannot be encoded, and
	// matches the reverts for malformed arguments (ZeroAddress, ZeroAmount,
	// LengthMismatch, ZeroClaimsRoot, AmountTooLarge, BadThawingPeriod).
	ErrBadInput = errors.New("chain: bad input")
	// ErrReverted matches every contract revert (see RevertError).
	ErrReverted = errors.New("chain: execution reverted")

	// Reverts that callers branch on; a RevertError matches these with
	// errors.Is as well as ErrReverted.

	// ErrUnauthorized: the sender lacks the role (NotAdmin, NotAggregator,
	// NotDatanetOwner, NotAssetOwner, NotOperatorOrAdmin, NotPendingAdmin,
	// NotSettler, NotSignerOwner).
	ErrUnauthorized = errors.New("chain: unauthorized")
	// ErrAlreadyClaimed: the account already claimed this cumulative total
	// (points), or its payment of the epoch (escrow).
	ErrAlreadyClaimed = errors.New("chain: already claimed")
	// ErrInvalidProof: the Merkle proof does not match the anchored root
	// (points) or the epoch's claims root (escrow).
	ErrInvalidProof = errors.New("chain: invalid proof")
	// ErrEpochAnchored: the epoch is already anchored.
	ErrEpochAnchored = errors.New("chain: epoch already anchored")
	// ErrEpochNotAnchored: the epoch has not been anchored.
	ErrEpochNotAnchored = errors.New("chain: epoch not anchored")
	// ErrNotFound: the datanet, asset, operator or validator is unknown.
	ErrNotFound = errors.New("chain: not found")
	// ErrExists: the datanet, asset or validator is already registered.
	ErrExists = errors.New("chain: already exists")

	// PaymentEscrow reverts.

	// ErrInsufficientBalance: thaw of more than the payer's balance.
	ErrInsufficientBalance = errors.New("chain: escrow balance too low")
	// ErrNotThawing: withdraw or cancelThaw with nothing thawing, or
	// revokeSigner without thawSigner (NotThawing, SignerNotThawing).
	ErrNotThawing = errors.New("chain: not thawing")
	// ErrStillThawing: withdraw or revokeSigner before the thawing period
	// ended (StillThawing, SignerStillThawing).
	ErrStillThawing = errors.New("chain: thawing period not over")
	// ErrSignerBound: the signer is authorised for another payer.
	ErrSignerBound = errors.New("chain: signer bound to another payer")
	// ErrInvalidSignature: a malformed signature (length, high s, bad v, no
	// signer recovered).
	ErrInvalidSignature = errors.New("chain: invalid signature")
	// ErrUnauthorizedSigner: the voucher's signer is neither its payer nor
	// a signer the payer authorised. A forged signature, or one made for
	// another chain ID, escrow address or voucher, gives this error: it
	// recovers to an unrelated address.
	ErrUnauthorizedSigner = errors.New("chain: voucher signer not authorised by payer")
	// ErrEpochMismatch: a voucher of another epoch than the one redeemed.
	ErrEpochMismatch = errors.New("chain: voucher epoch mismatch")
	// ErrAlreadyRedeemed: the (payer, operator, epoch) voucher was redeemed
	// before.
	ErrAlreadyRedeemed = errors.New("chain: voucher already redeemed")
	// ErrChargeExceedsVoucher: a charge above the voucher's amount.
	ErrChargeExceedsVoucher = errors.New("chain: charge above voucher amount")
	// ErrOverdraft: a charge above the payer's escrow balance.
	ErrOverdraft = errors.New("chain: charge above payer balance")
	// ErrEpochFinalized: redeem or finalize of a finalized epoch.
	ErrEpochFinalized = errors.New("chain: epoch already finalized")
	// ErrEpochNotFinalized: claim from an epoch not finalized.
	ErrEpochNotFinalized = errors.New("chain: epoch not finalized")
	// ErrSettlementMismatch: operator payouts plus claims total differ
	// from the epoch's pool of redeemed charges.
	ErrSettlementMismatch = errors.New("chain: settlement does not match pool")
	// ErrClaimsExceeded: a claim would pay out more than the epoch's
	// claims total.
	ErrClaimsExceeded = errors.New("chain: claims total exceeded")
	// ErrTransferFailed: sending ether to the caller (withdraw,
	// withdrawCredit) failed.
	ErrTransferFailed = errors.New("chain: ether transfer failed")
	// ErrReentrancy: a value-sending function was re-entered.
	ErrReentrancy = errors.New("chain: reentrancy")
)

// revertKinds maps custom error names to the sentinels they also match.
var revertKinds = map[string]error{
	"NotAdmin":             ErrUnauthorized,
	"NotPendingAdmin":      ErrUnauthorized,
	"NotAggregator":        ErrUnauthorized,
	"NotDatanetOwner":      ErrUnauthorized,
	"NotAssetOwner":        ErrUnauthorized,
	"NotOperatorOrAdmin":   ErrUnauthorized,
	"AlreadyClaimed":       ErrAlreadyClaimed,
	"InvalidProof":         ErrInvalidProof,
	"EpochAlreadyAnchored": ErrEpochAnchored,
	"EpochNotAnchored":     ErrEpochNotAnchored,
	"UnknownDatanet":       ErrNotFound,
	"UnknownAsset":         ErrNotFound,
	"UnknownOperator":      ErrNotFound,
	"NotValidator":         ErrNotFound,
	"DatanetExists":        ErrExists,
	"AssetExists":          ErrExists,
	"ValidatorExists":      ErrExists,

	"ZeroAddress":      ErrBadInput,
	"ZeroAmount":       ErrBadInput,
	"LengthMismatch":   ErrBadInput,
	"ZeroClaimsRoot":   ErrBadInput,
	"AmountTooLarge":   ErrBadInput,
	"BadThawingPeriod": ErrBadInput,

	"NotSettler":             ErrUnauthorized,
	"NotSignerOwner":         ErrUnauthorized,
	"PaymentAlreadyClaimed":  ErrAlreadyClaimed,
	"InsufficientBalance":    ErrInsufficientBalance,
	"NotThawing":             ErrNotThawing,
	"SignerNotThawing":       ErrNotThawing,
	"StillThawing":           ErrStillThawing,
	"SignerStillThawing":     ErrStillThawing,
	"SignerBound":            ErrSignerBound,
	"InvalidSignatureLength": ErrInvalidSignature,
	"InvalidSignatureS":      ErrInvalidSignature,
	"InvalidSignatureV":      ErrInvalidSignature,
	"InvalidSignature":       ErrInvalidSignature,
	"UnauthorizedSigner":     ErrUnauthorizedSigner,
	"EpochMismatch":          ErrEpochMismatch,
	"AlreadyRedeemed":        ErrAlreadyRedeemed,
	"ChargeExceedsVoucher":   ErrChargeExceedsVoucher,
	"Overdraft":              ErrOverdraft,
	"EpochAlreadyFinalized":  ErrEpochFinalized,
	"EpochNotFinalized":      ErrEpochNotFinalized,
	"SettlementMismatch":     ErrSettlementMismatch,
	"ClaimsExceeded":         ErrClaimsExceeded,
	"TransferFailed":         ErrTransferFailed,
	"Reentrancy":             ErrReentrancy,
}

// RevertError is a decoded contract revert: a custom error of the provenet
// contracts, Error(string) or Panic(uint256). Name is empty when the data
// matched none of them.
type RevertError struct {
	Name string
	Args []any
	Data []byte
}

func (e *RevertError) Error() string {
	switch {
	case e.Name == "" && len(e.Data) == 0:
		return "chain: execution reverted"
	case e.Name == "":
		return "chain: execution reverted: 0x" + hex.EncodeToString(e.Data)
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		if b, ok := a.([32]byte); ok {
			args[i] = "0x" + hex.EncodeToString(b[:])
			continue
		}
		args[i] = fmt.Sprint(a)
	}
	return fmt.Sprintf("chain: execution reverted: %s(%s)", e.Name, strings.Join(args, ", "))
}

// Is makes a RevertError match ErrReverted and its kind's sentinel.
func (e *RevertError) Is(target error) bool {
	return target == ErrReverted || (revertKinds[e.Name] != nil && revertKinds[e.Name] == target)
}

// contractErrors holds every custom error of the contracts by selector.
var contractErrors = func() map[[4]byte]abi.Error {
	m := make(map[[4]byte]abi.Error)
	for _, js := range []string{
		bindings.RegistryMetaData.ABI, bindings.EpochAnchorMetaData.ABI, bindings.ClaimsDistributorMetaData.ABI,
		bindings.PaymentEscrowMetaData.ABI,
	} {
		parsed, err := abi.JSON(strings.NewReader(js))
		if err != nil {
			continue // generated ABIs parse; a test checks the table is full
		}
		for _, e := range parsed.Errors {
			m[[4]byte(e.ID[:4])] = e
		}
	}
	return m
}()

var (
	selError = [4]byte{0x08, 0xc3, 0x79, 0xa0} // Error(string)
	selPanic = [4]byte{0x4e, 0x48, 0x7b, 0x71} // Panic(uint256)
)

// decodeRevert decodes revert data; it never fails, leaving Name empty for
// unknown data.
func decodeRevert(data []byte) *RevertError {
	re := &RevertError{Data: data}
	if len(data) < 4 {
		return re
	}
	sel := [4]byte(data[:4])
	switch sel {
	case selError:
		if s, err := abi.UnpackRevert(data); err == nil {
			re.Name, re.Args = "Error", []any{s}
		}
		return re
	case selPanic:
		if len(data) == 36 {
			re.Name, re.Args = "Panic", []any{new(big.Int).SetBytes(data[4:])}
		}
		return re
	}
	e, ok := contractErrors[sel]
	if !ok {
		return re
	}
	args, err := e.Inputs.Unpack(data[4:])
	if err != nil {
		return re
	}
	re.Name, re.Args = e.Name, args
	return re
}

// asRevert turns an RPC error that carries revert data (eth_call,
// eth_estimateGas) into a *RevertError; other errors come back unchanged.
func asRevert(err error) error {
	if err == nil {
		return nil
	}
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, ok := de.ErrorData().(string); ok {
			if b, herr := hex.DecodeString(strings.TrimPrefix(s, "0x")); herr == nil {
				return decodeRevert(b)
			}
		}
	}
	if strings.Contains(err.Error(), "execution reverted") {
		return &RevertError{}
	}
	return err
}
