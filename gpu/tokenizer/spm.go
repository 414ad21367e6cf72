package tokenizer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// maxModelFile caps a tokenizer.model file; LLaMA's is 500 KB and the
// largest SentencePiece vocabularies (256k pieces) are a few MiB.
const maxModelFile = 64 << 20

// SentencePiece model types (TrainerSpec.ModelType; 3 and 4 are WORD
// and CHAR).
const (
	spmUnigram = 1
	spmBPE     = 2
)

// spModel is the part of a SentencePiece ModelProto the tokenizer uses.
type spModel struct {
	pieces []string
	scores []float32
	types  []TokenType
	// TrainerSpec
	modelType               int
	unk, bos, eos, pad      int32
	treatWhitespaceAsSuffix bool
	// NormalizerSpec
	addDummyPrefix bool
}

// FromSentencePiece loads a SentencePiece tokenizer.model file (a
// serialized sentencepiece.ModelProto) as llama.cpp's converter reads it
// for LLaMA-family models: the pieces with their scores and types become
// the vocabulary of a SentencePiece-style BPE tokenizer (merges by score,
// <0xNN> byte fallback), add_dummy_prefix becomes the "▁" prefix, and the
// trainer's unk, bos, eos and pad ids the special tokens. Like llama.cpp,
// it does not apply the normalizer's character map or whitespace
// collapsing; LLaMA's own model uses the identity normalizer and keeps
// whitespace. Only BPE models are supported: a unigram model needs
// Viterbi segmentation, which this package does not implement.
func FromSentencePiece(path string) (*Tokenizer, error) {
	c, err := sentencePieceConfig(path)
	if err != nil {
		return nil, err
	}
	return build(c)
}

// sentencePieceConfig reads path into a tokenizer config.
func sentencePieceConfig(path string) (config, error) {
	f, err := os.Open(path)
	if err != nil {
		return config{}, fmt.Errorf("tokenizer: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxModelFile+1))
	if err != nil {
		return config{}, fmt.Errorf("tokenizer: %w", err)
	}
	if len(b) > maxModelFile {
		return config{}, fmt.Errorf("%w: %s is over %d bytes", ErrBadVocab, path, maxModelFile)
	}
	m, err := parseSentencePiece(b)
	if err != nil {
		return config{}, err
	}
	return m.config()
}

func (m *spModel) config() (config, error) {
	switch m.modelType {
	case spmBPE:
	case spmUnigram:
		return config{}, fmt.Errorf("%w: a SentencePiece unigram model (only BPE models, such as LLaMA's and Mistral's, are supported)", ErrUnsupportedModel)
	default:
		return config{}, fmt.Errorf("%w: SentencePiece model type %d (only BPE is supported)", ErrUnsupportedModel, m.modelType)
	}
	if m.treatWhitespaceAsSuffix {
		return config{}, fmt.Errorf("%w: treat_whitespace_as_suffix", ErrUnsupportedFeature)
	}
	if len(m.pieces) == 0 {
		return config{}, fmt.Errorf("%w: no pieces", ErrBadVocab)
	}
	addSpace := m.addDummyPrefix
	c := config{kind: KindSPM, tokens: m.pieces, scores: m.scores, types: m.types,
		bos: m.bos, eos: m.eos, unk: m.unk, pad: m.pad, eot: unset, eom: unset, addSpace: &addSpace}
	for _, id := range []*int32{&c.bos, &c.eos, &c.unk, &c.pad} {
		if *id < 0 || int(*id) >= len(m.pieces) {
			*id = -1 // the trainer's "none"
		}
	}
	return c, nil
}

// errProto is a malformed protobuf message.
var errProto = errors.New("malformed protobuf")

// pbReader reads protobuf wire format: varints, fixed 32- and 64-bit
// values and length-delimited fields, never past its slice.
type pbReader struct {
	b   []byte
	off int
}

func (r *pbReader) done() bool { return r.off >= len(r.b) }

func (r *pbReader) varint() (uint64, error) {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.b) {
			return 0, errProto
		}
		c := r.b[r.off]
		r.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errProto // more than ten bytes
}

// tag reads a field number and wire type.
func (r *pbReader) tag() (field uint64, wire int, err error) {
	v, err := r.varint()
	if err != nil {
		return 0, 0, err
	}
	if v>>3 == 0 {
		return 0, 0, errProto
	}
	return v >> 3, int(v & 7), nil
}

func (r *pbReader) fixed32() (uint32, error) {
	if len(r.b)-r.off < 4 {
		return 0, errProto
	}
	v := binary.LittleEndian.Uint32(r.b[r.off:])
	r.off += 4
	return v, nil
}

func (r *pbReader) bytes() ([]byte, error) {
	n, err := r.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.b)-r.off) {
		return nil, errProto
	}
	out := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return out, nil
}

// skip passes over a field of wire type wire. Groups (3, 4), which
// ModelProto does not use, are refused.
func (r *pbReader) skip(wire int) error {
	switch wire {
	case 0:
		_, err := r.varint()
		return err
	case 1:
		if len(r.b)-r.off < 8 {
			return errProto
		}
		r.off += 8
		return nil
	case 2:
		_, err := r.bytes()
		return err
	case 5:
		_, err := r.fixed32()
		return err
	}
	return errProto
}

// fields calls fn for every field of the message in b; fn reads the
// field's value from r or returns handled=false to have it skipped.
func fields(b []byte, fn func(r *pbReader, field uint64, wire int) (bool, error)) error {
	r := &pbReader{b: b}
	for !r.done() {
		field, wire, err := r.tag()
		if err != nil {
			return err
		}
		handled, err := fn(r, field, wire)
		if err != nil {
			return err
		}
		if !handled {
			if err := r.skip(wire); err != nil {
				return err
			}
		}
	}
	return nil
}

// int32Field reads a varint-encoded int32 (negative values are ten-byte
// two's complement varints).
func int32Field(r *pbReader, wire int) (int32, error) {
	if wire != 0 {
		return 0, errProto
	}
	v, err := r.varint()
	return int32(int64(v)), err
}

func boolField(r *pbReader, wire int) (bool, error) {
	if wire != 0 {
		return false, errProto
	}
	v, err := r.varint()
	return v != 0, err
}

// parseSentencePiece decodes a serialized ModelProto. Proto2 defaults
// apply to absent fields: type NORMAL, model_type UNIGRAM, unk 0, bos 1,
// eos 2, pad -1, add_dummy_prefix true.
func parseSentencePiece(b []byte) (*spModel, error) {
	m := &spModel{modelType: spmUnigram, unk: 0, bos: 1, eos: 2, pad: -1, addDummyPrefix: true}
	err := fields(b, func(r *pbReader, field uint64, wire int) (bool, error) {
		if wire != 2 || field > 3 {
			return false, nil
		}
		sub, err := r.bytes()
		if err != nil {
			return true, err
		}
		switch field {
		case 1:
			if len(m.pieces) >= 1<<24 {
				return true, fmt.Errorf("%w: over %d pieces", ErrBadVocab, 1<<24)
			}
			return true, m.piece(sub)
		case 2:
			return true, m.trainerSpec(sub)
		default:
			return true, m.normalizerSpec(sub)
		}
	})
	if err != nil {
		if errors.Is(err, errProto) {
			return nil, fmt.Errorf("%w: tokenizer.model: %w", ErrBadVocab, err)
		}
		return nil, err
	}
	return m, nil
}

// piece decodes one ModelProto.SentencePiece.
func (m *spModel) piece(b []byte) error {
	var piece string
	var score float32
	typ := TypeNormal
	err := fields(b, func(r *pbReader, field uint64, wire int) (bool, error) {
		switch {
		case field == 1 && wire == 2:
			s, err := r.bytes()
			piece = string(s)
			return true, err
		case field == 2 && wire == 5:
			v, err := r.fixed32()
			score = math.Float32frombits(v)
			return true, err
		case field == 3:
			v, err := int32Field(r, wire)
			typ = TokenType(v)
			if v < int32(TypeNormal) || v > int32(TypeByte) {
				typ = TypeUndefined
			}
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if math.IsNaN(float64(score)) || math.IsInf(float64(score), 0) {
		return fmt.Errorf("%w: piece %d (%q) has score %v", ErrBadVocab, len(m.pieces), piece, score)
	}
	m.pieces = append(m.pieces, piece)
	m.scores = append(m.scores, score)
	m.types = append(m.types, typ)
	return nil
}

func (m *spModel) trainerSpec(b []byte) error {
	return fields(b, func(r *pbReader, field uint64, wire int) (bool, error) {
		var err error
		switch field {
		case 3:
			var v int32
			v, err = int32Field(r, wire)
			m.modelType = int(v)
		case 24:
			m.treatWhitespaceAsSuffix, err = boolField(r, wire)
		case 40:
			m.unk, err = int32Field(r, wire)
		case 41:
			m.bos, err = int32Field(r, wire)
		case 42:
			m.eos, err = int32Field(r, wire)
		case 43:
			m.pad, err = int32Field(r, wire)
		default:
			return false, nil
		}
		return true, err
	})
}

func (m *spModel) normalizerSpec(b []byte) error {
	return fields(b, func(r *pbReader, field uint64, wire int) (bool, error) {
		if field != 3 {
			return false, nil
		}
		var err error
		m.addDummyPrefix, err = boolField(r, wire)
		return true, err
	})
}
