package work

import "github.com/fxamacker/cbor/v2"

// wireEnc encodes the service's own wire and stored objects (the result
// sync messages, the owner's pending gold reveals) as canonical CBOR.
var wireEnc = func() cbor.EncMode {
	m, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err) // constant options: a programming error
	}
	return m
}()
