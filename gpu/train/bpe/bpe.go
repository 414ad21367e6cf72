// Package bpe trains a byte-level BPE tokenizer (GPT-2's byte-to-unicode
// mapping and pre-tokenizer, merges learned from pair counts) and writes
// it as a Hugging Face tokenizer.json plus tokenizer_config.json, which
// gpu/tokenizer.FromHF loads.
package bpe

import (
	"container/heap"
	"errors"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// ErrConfig reports training settings that cannot work.
var ErrConfig = errors.New("bpe: bad config")

// Special tokens, in id order: the model configs of gpu/train use BOS 1
// and EOS 2, as LLaMA does.
const (
	Pad = "<pad>"
	BOS = "<s>"
	EOS = "</s>"
)

// Specials are the control tokens every trained vocabulary starts with.
var Specials = []string{Pad, BOS, EOS}

// Config is a training run's settings.
type Config struct {
	VocabSize int // total, specials and the 256 byte tokens included
	MinFreq   int // a pair seen fewer times is never merged
}

// Model is a trained tokenizer: Vocab in id order and Merges in rank
// order, both in GPT-2's byte-to-unicode alphabet.
type Model struct {
	Vocab  []string
	Merges [][2]string
}

// byteToRune is GPT-2's table: printable bytes map to themselves, the
// rest to U+0100 onwards.
var byteToRune = func() (t [256]rune) {
	n := 0
	for b := 0; b < 256; b++ {
		if (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF) {
			t[b] = rune(b)
		} else {
			t[b] = rune(256 + n)
			n++
		}
	}
	return t
}()

// preRe is GPT-2's pre-tokenizer without its (?!\S) lookahead, which
// split emulates.
var preRe = regexp.MustCompile(`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+`)

// split cuts text into GPT-2 pre-tokens: a run of whitespace followed by
// a word leaves its last space to that word.
func split(text string, fn func(string)) {
	for len(text) > 0 {
		loc := preRe.FindStringIndex(text)
		if loc == nil {
			fn(text)
			return
		}
		end := loc[1]
		w := text[loc[0]:end]
		if end < len(text) && len(w) > 1 && isSpace(w) {
			_, sz := utf8.DecodeLastRuneInString(w)
			end -= sz
			w = w[:len(w)-sz]
		}
		fn(w)
		text = text[end:]
	}
}

func isSpace(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\v' && r != '\f' {
			return false
		}
	}
	return true
}

type word struct {
	syms  []int32
	count int
}

type pairKey uint64

func key(a, b int32) pairKey          { return pairKey(uint64(uint32(a))<<32 | uint64(uint32(b))) }
func (k pairKey) parts() (a, b int32) { return int32(uint32(k >> 32)), int32(uint32(k)) }

type entry struct {
	count int
	k     pairKey
}

type pairHeap []entry

func (h pairHeap) Len() int { return len(h) }
func (h pairHeap) Less(i, j int) bool {
	if h[i].count != h[j].count {
		return h[i].count > h[j].count
	}
	return h[i].k < h[j].k
}
func (h pairHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pairHeap) Push(x any)   { *h = append(*h, x.(entry)) }
func (h *pairHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// Train learns merges from texts until the vocabulary has cfg.VocabSize
// tokens or no pair occurs MinFreq times.
func Train(texts []string, cfg Config) (*Model, error) {
	base := len(Specials) + 256
	if cfg.VocabSize < base || cfg.VocabSize > 1<<20 {
		return nil, fmt.Errorf("%w: vocabulary of %d (at least %d)", ErrConfig, cfg.VocabSize, base)
	}
	minFreq := max(cfg.MinFreq, 2)
	m := &Model{Vocab: append([]string(nil), Specials...)}
	for b := 0; b < 256; b++ {
		m.Vocab = append(m.Vocab, string(byteToRune[b]))
	}
	counts := map[string]int{}
	for _, t := range texts {
		split(t, func(w string) { counts[w]++ })
	}
	words := make([]word, 0, len(counts))
	for w, c := range counts {
		s := make([]int32, len(w))
		for i := 0; i < len(w); i++ {
			s[i] = int32(len(Specials)) + int32(w[i])
		}
		words = append(words, word{syms: s, count: c})
	}
	// Map iteration order is random; sort for determinism of ties.
	sortWords(words)
	pairs := map[pairKey]int{}
	where := map[pairKey][]int32{}
	for i, w := range words {
		for j := 0; j+1 < len(w.syms); j++ {
			k := key(w.syms[j], w.syms[j+1])
			pairs[k] += w.count
			where[k] = append(where[k], int32(i))
		}
	}
	h := &pairHeap{}
	for k, c := range pairs {
		*h = append(*h, entry{c, k})
	}
	heap.Init(h)
	for len(m.Vocab) < cfg.VocabSize && h.Len() > 0 {
		e := heap.Pop(h).(entry)
		if cur := pairs[e.k]; cur != e.count {
			if cur > 0 {
				heap.Push(h, entry{cur, e.k})
			}
			continue
		}
		if e.count < minFreq {
			break
		}
		a, b := e.k.parts()
		id := int32(len(m.Vocab))
		m.Vocab = append(m.Vocab, m.Vocab[a]+m.Vocab[b])
		m.Merges = append(m.Merges, [2]string{m.Vocab[a], m.Vocab[b]})
		changed := map[pairKey]bool{}
		seen := map[int32]bool{}
		for _, wi := range where[e.k] {
			if seen[wi] {
				continue
			}
			seen[wi] = true
			w := &words[wi]
			if !hasPair(w.syms, a, b) {
				continue
			}
			for j := 0; j+1 < len(w.syms); j++ {
				k := key(w.syms[j], w.syms[j+1])
				pairs[k] -= w.count
				changed[k] = true
			}
			out := w.syms[:0]
			for j := 0; j < len(w.syms); j++ {
				if j+1 < len(w.syms) && w.syms[j] == a && w.syms[j+1] == b {
					out = append(out, id)
					j++
				} else {
					out = append(out, w.syms[j])
				}
			}
			w.syms = out
			for j := 0; j+1 < len(w.syms); j++ {
				k := key(w.syms[j], w.syms[j+1])
				pairs[k] += w.count
				changed[k] = true
				if w.syms[j] == id || w.syms[j+1] == id {
					where[k] = append(where[k], wi)
				}
			}
		}
		delete(where, e.k)
		for k := range changed {
			if c := pairs[k]; c > 0 {
				heap.Push(h, entry{c, k})
			} else {
				delete(pairs, k)
			}
		}
	}
	return m, nil
}

func hasPair(s []int32, a, b int32) bool {
	for j := 0; j+1 < len(s); j++ {
		if s[j] == a && s[j+1] == b {
			return true
		}
	}
	return false
}
