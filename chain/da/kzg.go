package da

import (
	"encoding/binary"
	"fmt"

	"github.com/Layr-Labs/eigenda/encoding/fft"
	"github.com/Layr-Labs/eigenda/encoding/utils/codec"
	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// This file re-states, step for step, eigenda v0.9.2's
// coretypes.Payload.ToBlob and verification.GenerateBlobCommitment on top of
// eigenda's light encoding/fft and encoding/utils/codec packages. Those two
// API packages pull in some 600 packages (AWS SDK, gRPC, contract bindings)
// and automaxprocs' init-time GOMAXPROCS change; parity_test.go checks that
// the blobs and commitments here are byte-identical to theirs.

// payloadElements encodes a payload as coretypes does: a 32-byte header
// (byte 1 = encoding version 0, bytes 2..6 = big-endian payload length),
// then the payload with 0x00 before every 31 bytes, as field elements.
func payloadElements(payload []byte) ([]fr.Element, error) {
	// Clip the capacity: PadPayload appends to its input and would
	// otherwise write into the caller's spare capacity.
	padded := codec.PadPayload(payload[:len(payload):len(payload)])
	elems := make([]fr.Element, 1+len(padded)/32)
	var header [32]byte
	binary.BigEndian.PutUint32(header[2:6], uint32(len(payload)))
	if err := elems[0].SetBytesCanonical(header[:]); err != nil {
		return nil, fmt.Errorf("da: encode header: %w", err)
	}
	for i := 1; i < len(elems); i++ {
		if err := elems[i].SetBytesCanonical(padded[(i-1)*32 : i*32]); err != nil {
			return nil, fmt.Errorf("da: encode symbol %d: %w", i, err)
		}
	}
	return elems, nil
}

// blobPolynomial returns the blob's coefficients and its length in symbols.
func blobPolynomial(payload []byte, form Form) ([]fr.Element, uint32, error) {
	if len(payload) == 0 {
		return nil, 0, ErrEmptyPayload
	}
	if len(payload) > MaxPayloadBytes(maxBlobSymbols*32) {
		return nil, 0, fmt.Errorf("%w: %d bytes", ErrPayloadTooLarge, len(payload))
	}
	elems, err := payloadElements(payload)
	if err != nil {
		return nil, 0, err
	}
	symbols := uint32(nextPow2(len(elems)))
	switch form {
	case FormEval:
		coeffs, err := fft.FFTSettingsFromBlobLengthSymbols(symbols).FFT(elems, true)
		if err != nil {
			return nil, 0, fmt.Errorf("da: IFFT: %w", err)
		}
		return coeffs, symbols, nil
	case FormCoeff:
		return elems, symbols, nil
	}
	return nil, 0, fmt.Errorf("%w: polynomial form %d", ErrInvalidConfig, form)
}

// EncodeBlob encodes a payload into EigenDA blob bytes (coefficients, 32
// bytes each, big-endian) and returns them with the blob length in symbols;
// the bytes equal coretypes.NewPayload(payload).ToBlob(form).Serialize().
func EncodeBlob(payload []byte, form Form) ([]byte, uint32, error) {
	coeffs, symbols, err := blobPolynomial(payload, form)
	if err != nil {
		return nil, 0, err
	}
	out := make([]byte, 32*len(coeffs))
	for i := range coeffs {
		b := coeffs[i].Bytes()
		copy(out[32*i:], b[:])
	}
	return out, symbols, nil
}

// Commit computes the VersionDevKZG commitment of a payload: the KZG
// commitment (a G1 multi-exponentiation over the SRS) of its blob.
func (s *SRS) Commit(payload []byte, form Form) (Commitment, error) {
	if len(payload) > MaxPayloadBytes(s.MaxBlobBytes()) {
		return Commitment{}, fmt.Errorf("%w: %d bytes, SRS of %d points holds at most %d",
			ErrPayloadTooLarge, len(payload), s.NumPoints(), MaxPayloadBytes(s.MaxBlobBytes()))
	}
	coeffs, symbols, err := blobPolynomial(payload, form)
	if err != nil {
		return Commitment{}, err
	}
	pts, err := s.G1(len(coeffs))
	if err != nil {
		return Commitment{}, err
	}
	c := Commitment{Version: VersionDevKZG, Form: form, BlobSymbols: symbols, PayloadLen: uint32(len(payload))}
	var g1 bn254.G1Affine
	if _, err := g1.MultiExp(pts, coeffs, ecc.MultiExpConfig{}); err != nil {
		return Commitment{}, fmt.Errorf("da: commit: %w", err)
	}
	c.G1 = g1
	return c, nil
}

// Verify recomputes the commitment of payload and compares it with c. It
// returns ErrCommitmentMismatch on any difference, and ErrUnverifiable for
// commitments that do not carry a KZG commitment.
func (s *SRS) Verify(c Commitment, payload []byte) error {
	if !c.IsDevKZG() {
		return fmt.Errorf("%w: version 0x%02x", ErrUnverifiable, c.Version)
	}
	if uint32(len(payload)) != c.PayloadLen {
		return fmt.Errorf("%w: payload is %d bytes, commitment says %d", ErrCommitmentMismatch, len(payload), c.PayloadLen)
	}
	got, err := s.Commit(payload, c.Form)
	if err != nil {
		return err
	}
	if !got.Equal(c) {
		return fmt.Errorf("%w: KZG commitment differs", ErrCommitmentMismatch)
	}
	return nil
}
