package work

import "github.com/provenet/provenet/internal/canon"

// wireEnc encodes the service's own wire and stored objects (the result
// sync messages, the owner's pending gold reveals) as canonical CBOR.
var wireEnc = canon.EncMode()
