package attribution

import "github.com/provenet/provenet/internal/canon"

// Size limits of a receipt.
const (
	MaxReceiptBytes = 64 << 10
	MaxAdapters     = 16
	MaxRecords      = 256
	MaxCitations    = 64
	// MaxIDLen bounds RequestID and every CID or datanet string.
	MaxIDLen = 128
	// MaxTokens bounds PromptTokens and OutputTokens each.
	MaxTokens = 1 << 22
)

// The CBOR modes are immutable and safe for concurrent use; they are built
// once by internal/canon, as in packages datanet, pay and tasks.
var (
	encMode = canon.ObjectEncMode()
	decMode = canon.DecMode(receiptLimits)
	// peekMode is decMode that ignores unknown fields: it reads the version
	// of a receipt that the strict mode refused.
	peekMode = canon.DecModeAllowing(receiptLimits, canon.Allow{UnknownFields: true})
)

var receiptLimits = canon.Limits{MaxArrayElements: 1024, MaxMapPairs: 32, MaxNestedLevels: 4}

// DecodeReceipt decodes a receipt strictly: data must be at most
// MaxReceiptBytes, one CBOR item with no trailing bytes, no unknown or
// duplicate fields, and exactly the canonical encoding of the decoded
// receipt (decoded, re-encoded and compared byte for byte), and the receipt
// must pass Validate. Errors wrap ErrTooLarge or ErrMalformed; a receipt of
// another version (version 1 had other fields) also wraps ErrVersion. It
// does not check the signature: call Verify.
func DecodeReceipt(data []byte) (*Receipt, error) {
	r := new(Receipt)
	if err := strict.Decode(data, MaxReceiptBytes, r); err != nil {
		var v struct {
			Version *uint8 `cbor:"v"`
		}
		if len(data) <= MaxReceiptBytes && peekMode.Unmarshal(data, &v) == nil && v.Version != nil && *v.Version != ReceiptVersion {
			return nil, versionError(*v.Version)
		}
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// strict is the one-encoding check (internal/canon) with this package's
// modes and errors.
var strict = canon.Strict{Enc: encMode, Dec: decMode, TooLarge: ErrTooLarge, Malformed: ErrMalformed}
