package train

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
)

// Document is one training text with a stable identifier; the held-out
// split hashes the ID.
type Document struct {
	ID, Text string
}

// Encoder is the part of a tokenizer the pipeline needs
// (*tokenizer.Tokenizer implements it).
type Encoder interface {
	Encode(text string, addSpecial, parseSpecial bool) []int32
}

// Sequence is one fixed-length training row: Tokens are the inputs and
// Targets the next tokens, -1 where nothing is predicted (padding). Pos,
// when set (PackStream), is each row's position within its document: the
// attention mask is then block-diagonal, so documents packed into one
// sequence never see each other.
type Sequence struct {
	Tokens, Targets, Pos []int32
}

// fillPos writes q's positions (0, 1, ... when it has none) into dst.
func fillPos(dst []int32, q *Sequence) {
	if q != nil && q.Pos != nil {
		copy(dst, q.Pos)
		return
	}
	for i := range dst {
		dst[i] = int32(i)
	}
}

func anyPos(sets ...[]Sequence) bool {
	for _, set := range sets {
		for _, q := range set {
			if q.Pos != nil {
				return true
			}
		}
	}
	return false
}

// HeldOut reports whether the document with this ID belongs to the
// held-out split: the first 8 bytes of sha256(ID), big-endian, mod 100,
// below percent.
func HeldOut(id string, percent int) bool {
	h := sha256.Sum256([]byte(id))
	return int(binary.BigEndian.Uint64(h[:8])%100) < percent
}

// Split divides docs into training and held-out documents by HeldOut.
func Split(docs []Document, percent int) (trainDocs, heldout []Document) {
	for _, d := range docs {
		if HeldOut(d.ID, percent) {
			heldout = append(heldout, d)
		} else {
			trainDocs = append(trainDocs, d)
		}
	}
	return trainDocs, heldout
}

// Pack tokenises each document as BOS, its text, EOS and cuts the stream
// into sequences of seq inputs (seq+1 tokens, consecutive windows sharing
// one token). Two documents never share a sequence, so attention never
// crosses a document boundary without any mask: the tail of a document is
// padded with pad and targets of -1. Every window after a document's
// first restarts at position 0 without a BOS.
func Pack(enc Encoder, docs []Document, seq int, bos, eos, pad int32) ([]Sequence, error) {
	if seq < 2 {
		return nil, fmt.Errorf("%w: sequence length %d", ErrShape, seq)
	}
	var out []Sequence
	for _, d := range docs {
		ids := append([]int32{bos}, enc.Encode(d.Text, false, false)...)
		ids = append(ids, eos)
		for st := 0; st+1 < len(ids); st += seq {
			s := Sequence{Tokens: make([]int32, seq), Targets: make([]int32, seq)}
			for i := 0; i < seq; i++ {
				s.Tokens[i], s.Targets[i] = pad, -1
				if st+i < len(ids) {
					s.Tokens[i] = ids[st+i]
				}
				if st+i+1 < len(ids) {
					s.Targets[i] = ids[st+i+1]
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// order is the deterministic data order: epoch e visits the sequences in
// the permutation drawn from (seed, e); cursor is the next index in it.
type order struct {
	seed          uint64
	n             int
	epoch, cursor int
	perm          []int
}

func newOrder(seed uint64, n, epoch, cursor int) *order {
	o := &order{seed: seed, n: n, epoch: epoch, cursor: cursor}
	o.shuffle()
	return o
}

func (o *order) shuffle() {
	o.perm = rand.New(rand.NewPCG(o.seed, uint64(o.epoch))).Perm(o.n)
}

// next returns the index of the next sequence.
func (o *order) next() int {
	if o.cursor >= o.n {
		o.epoch++
		o.cursor = 0
		o.shuffle()
	}
	i := o.perm[o.cursor]
	o.cursor++
	return i
}

// PackStream tokenises each document as BOS, its text, EOS, concatenates
// them and cuts the stream into sequences of seq inputs (seq+1 tokens,
// consecutive windows sharing one token). Each sequence's Pos restarts at
// 0 where a document starts (and at the window start), so the trainer's
// block-diagonal mask keeps attention inside a document and RoPE
// positions count from the document's start, as the engine sees them. The
// target of a document's EOS (the next document's BOS) is -1; the last
// window is padded.
func PackStream(enc Encoder, docs []Document, seq int, bos, eos, pad int32) ([]Sequence, error) {
	if seq < 2 {
		return nil, fmt.Errorf("%w: sequence length %d", ErrShape, seq)
	}
	var ids []int32
	var start []bool // a document starts at this token
	for _, d := range docs {
		toks := enc.Encode(d.Text, false, false)
		ids = append(ids, bos)
		start = append(start, true)
		ids = append(ids, toks...)
		ids = append(ids, eos)
		for range len(toks) + 1 {
			start = append(start, false)
		}
	}
	var out []Sequence
	for st := 0; st+1 < len(ids); st += seq {
		q := Sequence{Tokens: make([]int32, seq), Targets: make([]int32, seq), Pos: make([]int32, seq)}
		for i := 0; i < seq; i++ {
			k := st + i
			q.Tokens[i], q.Targets[i] = pad, -1
			if i > 0 && !(k < len(ids) && start[k]) {
				q.Pos[i] = q.Pos[i-1] + 1
			}
			if k < len(ids) {
				q.Tokens[i] = ids[k]
			}
			if k+1 < len(ids) && !start[k+1] {
				q.Targets[i] = ids[k+1]
			}
		}
		out = append(out, q)
	}
	return out, nil
}
