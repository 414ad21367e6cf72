package engine

import (
	"math"

	"github.com/provenet/provenet/gpu/sample"
)

// JSON mode: before each sample, every token whose bytes would take the
// output out of the prefixes of a JSON object gets -Inf, and so does the
// end of generation until the object is closed (then it is the only
// token left). The vocabulary's bytes are read once per base.

// jsonScratch is the loop's reusable masked logits and the base's token
// bytes.
type jsonScratch struct {
	pieces [][]byte // by token id; nil until first used
	plain  []bool   // pieces[id] is plain string text (sample.PlainString)
	// masks caches, per automaton state outside strings (a small set:
	// structure, numbers, literals), which tokens it allows; inside a
	// string the plain-text fast path applies instead.
	masks  map[sample.JSONState][]bool
	masked []float32
}

// maxJSONMasks bounds the mask cache (a vocabulary of 32,000 costs 32 KB
// an entry).
const maxJSONMasks = 256

func jsonState(on bool) *sample.JSONState {
	if !on {
		return nil
	}
	return &sample.JSONState{}
}

// piece is token id's bytes.
func (b *base) piece(id int32) []byte {
	if b.json.pieces == nil {
		vocab := b.dev.Config().Vocab
		b.json.pieces = make([][]byte, vocab)
		b.json.plain = make([]bool, vocab)
		for i := range vocab {
			b.json.pieces[i] = b.tok.TokenPiece(int32(i))
			b.json.plain[i] = !b.tok.IsEOG(int32(i)) && sample.PlainString(b.json.pieces[i])
		}
	}
	if id < 0 || int(id) >= len(b.json.pieces) {
		return nil
	}
	return b.json.pieces[id]
}

// constrainJSON returns logits with every token JSON mode forbids at
// state st set to -Inf (a copy; logits, which logprobs read, stay the
// model's).
func (b *base) constrainJSON(st *sample.JSONState, logits []float32) []float32 {
	b.piece(0) // load the table
	m := b.json.masked
	if cap(m) < len(logits) {
		m = make([]float32, len(logits))
	}
	m = m[:len(logits)]
	b.json.masked = m
	neg := float32(math.Inf(-1))
	done, inString := st.Complete(), st.InString()
	var allow []bool
	if !inString {
		allow = b.json.masks[*st]
	}
	cache := allow == nil && !inString
	if cache {
		if len(b.json.masks) >= maxJSONMasks {
			clear(b.json.masks)
		}
		if b.json.masks == nil {
			b.json.masks = make(map[sample.JSONState][]bool)
		}
		allow = make([]bool, len(logits))
	}
	allowed := 0
	for id, l := range logits {
		var ok bool
		switch p := b.json.pieces[id]; {
		case allow != nil && !cache:
			ok = allow[id]
		case b.tok.IsEOG(int32(id)):
			ok = done
		case done || len(p) == 0:
		case inString && b.json.plain[id]:
			ok = true
		default:
			next := *st
			ok = next.Feed(p)
		}
		if cache {
			allow[id] = ok
		}
		if ok {
			m[id] = l
			allowed++
		} else {
			m[id] = neg
		}
	}
	if cache {
		b.json.masks[*st] = allow
	}
	if allowed == 0 {
		// No token can continue (a vocabulary without the bytes needed):
		// let the end of generation through, so the request ends.
		for id := range m {
			if b.tok.IsEOG(int32(id)) {
				m[id] = 0
			}
		}
	}
	return m
}
