package tokenizer

// preKind selects a byte-level pre-tokeniser.
type preKind int

const (
	preGPT2       preKind = iota + 1 // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)
	preLlama3                        // (?i:'s|...)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
	preQwen2                         // as llama3 with \p{N} for \p{N}{1,3}
	preDigitsGPT2                    // \p{N} first, then GPT-2 (starcoder, refact, command-r, smollm)
)

// preKinds maps tokenizer.ggml.pre values to pre-tokenisers, following
// llama_vocab::impl::load.
var preKinds = map[string]preKind{
	"gpt-2": preGPT2, "phi-2": preGPT2, "jina-es": preGPT2, "jina-de": preGPT2,
	"gigachat": preGPT2, "jina-v2-es": preGPT2, "jina-v2-de": preGPT2, "a.x-4.0": preGPT2,
	"mellum": preGPT2, "modern-bert": preGPT2, "mpt": preGPT2, "olmo": preGPT2,
	"jais": preGPT2, "trillion": preGPT2, "granite-docling": preGPT2,
	"jina-v1-en": preGPT2, "jina-v2-code": preGPT2, "roberta-bpe": preGPT2,
	"llama3": preLlama3, "llama-v3": preLlama3, "llama-bpe": preLlama3, "falcon3": preLlama3,
	"falcon-h1": preLlama3, "pixtral": preLlama3, "midm-2.0": preLlama3, "lfm2": preLlama3,
	"jina-v5-nano": preLlama3, "dbrx": preLlama3, "smaug-bpe": preLlama3, "chatglm-bpe": preLlama3,
	"qwen2": preQwen2, "deepseek-r1-qwen": preQwen2, "kormo": preQwen2, "f2llmv2": preQwen2,
	"stablelm2": preQwen2, "hunyuan": preQwen2, "solar-open": preQwen2, "grok-2": preQwen2,
	"starcoder": preDigitsGPT2, "refact": preDigitsGPT2, "command-r": preDigitsGPT2,
	"smollm": preDigitsGPT2, "codeshell": preDigitsGPT2, "exaone": preDigitsGPT2,
	"minerva-7b": preDigitsGPT2,
}

// splitter walks code points of one text fragment and records word ends.
type splitter struct {
	cpts []rune
	ends []int // exclusive end index of each word, in code points
	prev int
	end  int // end of the range being split; lookups past it see nothing
}

func (s *splitter) cpt(i int) rune {
	if i < s.end {
		return s.cpts[i]
	}
	return -1
}

func (s *splitter) flags(i int) cptFlags {
	if i < s.end {
		return cptClass(s.cpts[i])
	}
	return 0
}

func (s *splitter) add(end int) int {
	n := end - s.prev
	if n > 0 {
		s.ends = append(s.ends, end)
	}
	s.prev = end
	return n
}

func lower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// contraction matches 's|'t|'re|'ve|'m|'ll|'d at i and returns its length.
func (s *splitter) contraction(i int, fold bool) int {
	if s.cpt(i) != '\'' || i+1 >= s.end {
		return 0
	}
	c1 := s.cpt(i + 1)
	if fold {
		c1 = lower(c1)
	}
	if c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd' {
		return 2
	}
	if i+2 < s.end {
		c2 := s.cpt(i + 2)
		if fold {
			c2 = lower(c2)
		}
		if (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l') {
			return 3
		}
	}
	return 0
}

// gpt2 is unicode_regex_split_custom_gpt2.
func (s *splitter) gpt2(from, to int) {
	s.end = to
	for pos := from; pos < to; {
		if n := s.contraction(pos, false); n > 0 {
			pos += s.add(pos + n)
			continue
		}
		c := s.cpt(pos)
		f := s.flags(pos)
		f2 := f
		if c == ' ' {
			f2 = s.flags(pos + 1)
		}
		switch {
		case f2.letter(), f2.number():
			want := f2 & (flagLetter | flagNumber)
			if c == ' ' {
				pos++
			}
			for s.flags(pos)&want != 0 {
				pos++
			}
			s.add(pos)
			continue
		case !f2.whitespace() && f2 != 0:
			if c == ' ' {
				pos++
			}
			for g := s.flags(pos); g != 0 && !g.whitespace() && !g.letter() && !g.number(); g = s.flags(pos) {
				pos++
			}
			s.add(pos)
			continue
		}
		nws := 0
		for s.flags(pos + nws).whitespace() {
			nws++
		}
		switch {
		case nws > 1 && pos+nws < s.end:
			pos += nws - 1
			s.add(pos)
		case nws > 0:
			pos += nws
			s.add(pos)
		default:
			pos++
			s.add(pos)
		}
	}
}

// llama3 is unicode_regex_split_custom_llama3 (maxDigits 3) and
// unicode_regex_split_custom_qwen2 (maxDigits 1).
func (s *splitter) llama3(from, to, maxDigits int) {
	s.end = to
	for pos := from; pos < to; {
		if n := s.contraction(pos, true); n > 0 {
			pos += s.add(pos + n)
			continue
		}
		c := s.cpt(pos)
		f := s.flags(pos)
		// [^\r\n\p{L}\p{N}]?\p{L}+
		if c != '\r' && c != '\n' && !f.number() && (f.letter() || s.flags(pos+1).letter()) {
			pos++
			for s.flags(pos).letter() {
				pos++
			}
			s.add(pos)
			continue
		}
		// \p{N}{1,maxDigits}
		if f.number() {
			ini := pos
			for s.flags(pos).number() {
				pos++
				if pos-ini >= maxDigits {
					s.add(pos)
					ini = pos
				}
			}
			s.add(pos)
			continue
		}
		// ' '?[^\s\p{L}\p{N}]+[\r\n]*
		f2 := f
		if c == ' ' {
			f2 = s.flags(pos + 1)
		}
		if !f2.whitespace() && !f2.letter() && !f2.number() && f != 0 {
			if c == ' ' {
				pos++
			}
			for g := f2; g != 0 && !g.whitespace() && !g.letter() && !g.number(); g = s.flags(pos) {
				pos++
			}
			for c2 := s.cpt(pos); c2 == '\r' || c2 == '\n'; c2 = s.cpt(pos) {
				pos++
			}
			s.add(pos)
			continue
		}
		nws, lastNL := 0, 0
		for s.flags(pos + nws).whitespace() {
			if c2 := s.cpt(pos + nws); c2 == '\r' || c2 == '\n' {
				lastNL = pos + nws + 1
			}
			nws++
		}
		switch {
		case lastNL > 0: // \s*[\r\n]+
			pos = lastNL
			s.add(pos)
		case nws > 1 && pos+nws < s.end: // \s+(?!\S)
			pos += nws - 1
			s.add(pos)
		case nws > 0: // \s+
			pos += nws
			s.add(pos)
		default:
			pos++
			s.add(pos)
		}
	}
}

// digits is the \p{N} pass of preDigitsGPT2: every number is its own word.
func (s *splitter) digits(from, to int) {
	s.end = to
	for pos := from; pos < to; pos++ {
		if s.flags(pos).number() {
			s.add(pos)
			s.add(pos + 1)
		}
	}
	s.add(to)
}

// preSplit returns the words of text under kind, as byte strings of the
// original (not yet byte-encoded) text.
func preSplit(kind preKind, text string) []string {
	s := &splitter{cpts: decodeCpts(text)}
	n := len(s.cpts)
	switch kind {
	case preGPT2:
		s.gpt2(0, n)
	case preLlama3:
		s.llama3(0, n, 3)
	case preQwen2:
		s.llama3(0, n, 1)
	case preDigitsGPT2:
		s.digits(0, n)
		first := s.ends
		s.ends, s.prev = nil, 0
		start := 0
		for _, end := range first {
			s.prev = start
			s.gpt2(start, end)
			start = end
		}
	}
	words := make([]string, 0, len(s.ends))
	var buf []byte
	start := 0
	for _, end := range s.ends {
		buf = buf[:0]
		for _, r := range s.cpts[start:end] {
			buf = appendCpt(buf, r)
		}
		words = append(words, string(buf))
		start = end
	}
	return words
}
