package tokenizer

import "strings"

// fragment is a piece of input: raw text, or a special token (id >= 0).
type fragment struct {
	text string
	id   int32
}

// partition splits text around special tokens, longest first, like
// llama.cpp's tokenizer_st_partition. Control and unknown tokens are only
// matched when parseSpecial is set; user-defined tokens always are.
func (t *Tokenizer) partition(text string, parseSpecial bool) []fragment {
	frags := []fragment{{text: text, id: -1}}
	for _, sid := range t.special {
		ty := t.types[sid]
		if !parseSpecial && (ty == TypeControl || ty == TypeUnknown) {
			continue
		}
		tok := t.tokens[sid]
		var out []fragment
		for _, f := range frags {
			if f.id >= 0 || !strings.Contains(f.text, tok) {
				out = append(out, f)
				continue
			}
			rest := f.text
			for {
				i := strings.Index(rest, tok)
				if i < 0 {
					break
				}
				if i > 0 {
					out = append(out, fragment{text: rest[:i], id: -1})
				}
				out = append(out, fragment{id: sid})
				rest = rest[i+len(tok):]
			}
			if rest != "" {
				out = append(out, fragment{text: rest, id: -1})
			}
		}
		frags = out
	}
	return frags
}

// Encode tokenizes text. addSpecial adds BOS (and EOS) where the model
// asks for them; parseSpecial matches control tokens written in the text
// (such as "<|eot_id|>") as single tokens instead of tokenizing their text.
func (t *Tokenizer) Encode(text string, addSpecial, parseSpecial bool) []int32 {
	out := make([]int32, 0, len(text)/3+2)
	if addSpecial && t.addBOS && t.bos >= 0 {
		out = append(out, t.bos)
	}
	if text != "" {
		var frags []fragment
		if len(t.special) > 0 {
			frags = t.partition(text, parseSpecial)
		} else {
			frags = []fragment{{text: text, id: -1}}
		}
		prevSpecial := true
		var st encState
		for _, f := range frags {
			if f.id >= 0 {
				out = append(out, f.id)
				prevSpecial = true
				continue
			}
			switch t.kind {
			case KindSPM:
				s := f.text
				if t.addSpace && prevSpecial {
					s = " " + s
				}
				out = t.encodeSPM(&st, strings.ReplaceAll(s, " ", "▁"), out)
			case KindBPE:
				for _, w := range preSplit(t.pre, f.text) {
					st.word = byteEncode(st.word[:0], []byte(w))
					out = t.encodeBPEWord(&st, string(st.word), out)
				}
			}
			prevSpecial = false
		}
	}
	if addSpecial && t.addEOS && t.eos >= 0 {
		out = append(out, t.eos)
	}
	return out
}

// symbol is a span of the text being merged, in a doubly linked list.
type symbol struct {
	start, n   int32
	prev, next int32
	id         int32 // BPE: interned id of the span's text
}

// bigram is a candidate merge of two adjacent symbols.
type bigram struct {
	left, right int32
	size        int32
	score       float32 // SPM: higher first; BPE: -rank
}

// encState holds scratch buffers reused across the fragments of a call.
type encState struct {
	syms []symbol
	heap []bigram
	word []byte
}

func (b bigram) before(o bigram) bool {
	return b.score > o.score || (b.score == o.score && b.left < o.left)
}

func (st *encState) push(b bigram) {
	h := append(st.heap, b)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h[i].before(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	st.heap = h
}

func (st *encState) pop() bigram {
	h := st.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].before(h[m]) {
			m = l
		}
		if r < len(h) && h[r].before(h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	st.heap = h
	return top
}

// split fills st.syms with one symbol per UTF-8 character of s, as
// llama.cpp cuts them (by lead byte, clipped at the end).
func (st *encState) split(s string) {
	st.syms = st.syms[:0]
	st.heap = st.heap[:0]
	for off := 0; off < len(s); {
		n := min(utf8Len(s[off]), len(s)-off)
		i := int32(len(st.syms))
		st.syms = append(st.syms, symbol{start: int32(off), n: int32(n), prev: i - 1, next: i + 1, id: -1})
		off += n
	}
	if k := len(st.syms); k > 0 {
		st.syms[k-1].next = -1
	}
}

// merge joins symbol r into l after a bigram was accepted.
func (st *encState) merge(l, r int32) {
	ls, rs := &st.syms[l], &st.syms[r]
	ls.n += rs.n
	rs.n = 0
	ls.next = rs.next
	if rs.next >= 0 {
		st.syms[rs.next].prev = l
	}
}

func (t *Tokenizer) spmBigram(st *encState, s string, l, r int32) {
	if l < 0 || r < 0 {
		return
	}
	a, b := st.syms[l], st.syms[r]
	id, ok := t.ids[s[a.start:a.start+a.n+b.n]]
	if !ok {
		return
	}
	st.push(bigram{left: l, right: r, size: a.n + b.n, score: t.scores[id]})
}

// encodeSPM is llm_tokenizer_spm_session::tokenize on s (spaces already
// replaced by "▁").
func (t *Tokenizer) encodeSPM(st *encState, s string, out []int32) []int32 {
	st.split(s)
	for i := 1; i < len(st.syms); i++ {
		t.spmBigram(st, s, int32(i-1), int32(i))
	}
	for len(st.heap) > 0 {
		b := st.pop()
		l, r := st.syms[b.left], st.syms[b.right]
		if l.n == 0 || r.n == 0 || l.n+r.n != b.size {
			continue
		}
		st.merge(b.left, b.right)
		t.spmBigram(st, s, st.syms[b.left].prev, b.left)
		t.spmBigram(st, s, b.left, st.syms[b.left].next)
	}
	for i := int32(0); i >= 0 && len(st.syms) > 0; i = st.syms[i].next {
		sym := st.syms[i]
		piece := s[sym.start : sym.start+sym.n]
		if id, ok := t.ids[piece]; ok {
			out = append(out, id)
			continue
		}
		for j := 0; j < len(piece); j++ {
			if id := t.byteTokens[piece[j]]; id >= 0 {
				out = append(out, id)
			}
		}
	}
	return out
}

func (t *Tokenizer) bpeBigram(st *encState, l, r int32) {
	if l < 0 || r < 0 {
		return
	}
	a, b := st.syms[l], st.syms[r]
	if a.id < 0 || b.id < 0 {
		return
	}
	rank, ok := t.ranks[uint64(uint32(a.id))<<32|uint64(uint32(b.id))]
	if !ok {
		return
	}
	st.push(bigram{left: l, right: r, size: a.n + b.n, score: -float32(rank)})
}

// encodeBPEWord is llm_tokenizer_bpe_session::tokenize on one
// byte-encoded word.
func (t *Tokenizer) encodeBPEWord(st *encState, w string, out []int32) []int32 {
	if t.ignoreMerges {
		if id, ok := t.ids[w]; ok {
			return append(out, id)
		}
	}
	st.split(w)
	for i := range st.syms {
		s := &st.syms[i]
		s.id = t.internID(w[s.start : s.start+s.n])
	}
	for i := 1; i < len(st.syms); i++ {
		t.bpeBigram(st, int32(i-1), int32(i))
	}
	for len(st.heap) > 0 {
		b := st.pop()
		l, r := st.syms[b.left], st.syms[b.right]
		if l.n == 0 || r.n == 0 || l.n+r.n != b.size {
			continue
		}
		st.merge(b.left, b.right)
		m := &st.syms[b.left]
		m.id = t.internID(w[m.start : m.start+m.n])
		t.bpeBigram(st, m.prev, b.left)
		t.bpeBigram(st, b.left, m.next)
	}
	for _, sym := range st.syms {
		if sym.n == 0 {
			continue
		}
		piece := w[sym.start : sym.start+sym.n]
		if id, ok := t.ids[piece]; ok {
			out = append(out, id)
			continue
		}
		for j := 0; j < len(piece); j++ {
			if id, ok := t.ids[piece[j:j+1]]; ok {
				out = append(out, id)
			}
		}
	}
	return out
}
