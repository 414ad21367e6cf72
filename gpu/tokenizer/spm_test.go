package tokenizer

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A protobuf writer for building tokenizer.model files in tests.

func pbVarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func pbTag(b []byte, field uint64, wire int) []byte { return pbVarint(b, field<<3|uint64(wire)) }

func pbBytes(b []byte, field uint64, v []byte) []byte {
	b = pbTag(b, field, 2)
	b = pbVarint(b, uint64(len(v)))
	return append(b, v...)
}

func pbInt(b []byte, field uint64, v int64) []byte {
	return pbVarint(pbTag(b, field, 0), uint64(v)) // negative: ten bytes, as protobuf writes int32
}

func pbFloat(b []byte, field uint64, v float32) []byte {
	return binary.LittleEndian.AppendUint32(pbTag(b, field, 5), math.Float32bits(v))
}

// spmProto serializes a ModelProto with the given pieces, model type and
// special ids; the normalizer is LLaMA's (identity, dummy prefix).
func spmProto(pieces []string, scores []float32, types []TokenType, modelType int, unk, bos, eos int64) []byte {
	var out []byte
	for i, p := range pieces {
		var sp []byte
		sp = pbBytes(sp, 1, []byte(p))
		sp = pbFloat(sp, 2, scores[i])
		if types[i] != TypeNormal {
			sp = pbInt(sp, 3, int64(types[i]))
		}
		out = pbBytes(out, 1, sp)
	}
	var ts []byte
	ts = pbBytes(ts, 1, []byte("corpus.txt")) // an unused field, skipped
	ts = pbInt(ts, 3, int64(modelType))
	ts = pbInt(ts, 4, int64(len(pieces)))
	ts = pbFloat(ts, 10, 0.99995)
	ts = pbInt(ts, 35, 1)
	ts = pbInt(ts, 40, unk)
	ts = pbInt(ts, 41, bos)
	ts = pbInt(ts, 42, eos)
	ts = pbInt(ts, 43, -1)
	out = pbBytes(out, 2, ts)
	var ns []byte
	ns = pbBytes(ns, 1, []byte("identity"))
	ns = pbInt(ns, 3, 1)
	ns = pbInt(ns, 4, 0)
	return pbBytes(out, 3, ns)
}

// llamaModelFile writes llama.cpp's LLaMA vocabulary (pieces, scores and
// types of LLaMA's own tokenizer.model, as its converter copied them into
// the GGUF) back as a tokenizer.model.
func llamaModelFile(t *testing.T, dir string) (path string, ref *Tokenizer) {
	t.Helper()
	ref = loadVocab(t, "llama-spm")
	n := ref.VocabSize()
	pieces, scores, types := make([]string, n), make([]float32, n), make([]TokenType, n)
	for i := range pieces {
		pieces[i], scores[i], types[i] = ref.tokens[i], ref.scores[i], ref.types[i]
	}
	path = filepath.Join(dir, "tokenizer.model")
	if err := os.WriteFile(path, spmProto(pieces, scores, types, spmBPE, 0, 1, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, ref
}

// TestSentencePieceLlamaVectors reads LLaMA's vocabulary as a
// tokenizer.model and checks it against the GGUF tokenizer token by token
// and on llama.cpp's LLaMA test vectors.
func TestSentencePieceLlamaVectors(t *testing.T) {
	path, ref := llamaModelFile(t, t.TempDir())
	tk, err := FromSentencePiece(path)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Kind() != KindSPM || tk.VocabSize() != ref.VocabSize() || tk.BOS() != 1 || tk.EOS() != 2 || tk.UNK() != 0 || tk.PAD() != -1 || !tk.AddBOS() {
		t.Fatalf("kind %v, %d tokens, bos %d eos %d unk %d pad %d", tk.Kind(), tk.VocabSize(), tk.BOS(), tk.EOS(), tk.UNK(), tk.PAD())
	}
	for i := range ref.tokens {
		if tk.tokens[i] != ref.tokens[i] || tk.scores[i] != ref.scores[i] || tk.types[i] != ref.types[i] {
			t.Fatalf("token %d: %q %v %v, GGUF %q %v %v", i, tk.tokens[i], tk.scores[i], tk.types[i], ref.tokens[i], ref.scores[i], ref.types[i])
		}
	}
	checkVectors(t, "llama-spm", tk)
	s := "<s>Hello </s> world"
	if got, want := tk.Encode(s, true, true), ref.Encode(s, true, true); !equalIDs(got, want) {
		t.Fatalf("with specials: %v, GGUF %v", got, want)
	}
}

// TestSentencePieceTrainedModel encodes with a tokenizer.model trained by
// SentencePiece itself and checks every id against spm_encode's (see
// testdata/README.md): byte fallback, split digits, runs of spaces, a
// user-defined symbol.
func TestSentencePieceTrainedModel(t *testing.T) {
	tk, err := FromSentencePiece(filepath.Join("testdata", "spm-bpe-800.model"))
	if err != nil {
		t.Fatal(err)
	}
	if tk.VocabSize() != 800 {
		t.Fatalf("%d tokens", tk.VocabSize())
	}
	inp, err := os.ReadFile(filepath.Join("testdata", "spm-bpe-800.inp"))
	if err != nil {
		t.Fatal(err)
	}
	outp, err := os.ReadFile(filepath.Join("testdata", "spm-bpe-800.out"))
	if err != nil {
		t.Fatal(err)
	}
	ins := strings.Split(strings.TrimSuffix(string(inp), "\n"), "\n")
	outs := strings.Split(strings.TrimSuffix(string(outp), "\n"), "\n")
	if len(ins) != len(outs) || len(ins) < 10 {
		t.Fatalf("%d inputs, %d outputs", len(ins), len(outs))
	}
	for i, in := range ins {
		var want []int32
		for _, f := range strings.Fields(outs[i]) {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, int32(n))
		}
		got := tk.Encode(in, false, false)
		if j := strings.Index(in, "<tool>"); j >= 0 {
			// The one known difference, on purpose: like llama.cpp, text
			// after a user-defined or control token gets the "▁" prefix
			// again (id 706), where SentencePiece itself does not add it.
			k := 0
			for k < len(want) && want[k] != 3 {
				k++
			}
			want = append(want[:k+1], append([]int32{706}, want[k+1:]...)...)
			if !equalIDs(got, want) {
				t.Errorf("%q:\n got %v\nwant %v (spm_encode plus llama.cpp's prefix after <tool>)", in, got, want)
			}
			continue
		}
		if !equalIDs(got, want) {
			t.Errorf("%q:\n got %v\nwant %v (spm_encode)", in, got, want)
		}
		if dec := tk.Decode(got); dec != in {
			t.Errorf("%q decodes to %q", in, dec)
		}
	}
}

// TestFromHFWithTokenizerModel serves a Hugging Face directory that has
// tokenizer.model and tokenizer_config.json but no tokenizer.json.
func TestFromHFWithTokenizerModel(t *testing.T) {
	dir := t.TempDir()
	_, ref := llamaModelFile(t, dir)
	cfg := `{"bos_token": "<s>", "eos_token": {"content": "</s>"}, "pad_token": "<pad>", "add_bos_token": true,
		"added_tokens_decoder": {"0": {"content": "<unk>", "special": true}, "32000": {"content": "<pad>", "special": true},
		"32001": {"content": "<|tool|>", "special": false}},
		"chat_template": "{% for message in messages %}{{ '<|' + message['role'] + '|>' }}{% endfor %}"}`
	if err := os.WriteFile(filepath.Join(dir, "tokenizer_config.json"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "generation_config.json"), []byte(`{"eos_token_id": [2, 32000]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tk, err := FromHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tk.VocabSize() != 32002 || tk.PAD() != 32000 || tk.BOS() != 1 || tk.EOS() != 2 || !tk.IsEOG(32000) || tk.ChatTemplate() == "" {
		t.Fatalf("%d tokens, pad %d, bos %d, eos %d, template %q", tk.VocabSize(), tk.PAD(), tk.BOS(), tk.EOS(), tk.ChatTemplate())
	}
	s := "Hello world, how are you?"
	if got, want := tk.Encode(s, true, false), ref.Encode(s, true, false); !equalIDs(got, want) {
		t.Fatalf("%v, GGUF %v", got, want)
	}
	if got := tk.Encode("a<|tool|>b<pad>", false, true); len(got) < 4 || got[len(got)-1] != 32000 || !slices.Contains(got, 32001) {
		t.Fatalf("added tokens not matched: %v", got)
	}
	// Without either file there is no tokenizer.
	if err := os.Remove(filepath.Join(dir, "tokenizer.model")); err != nil {
		t.Fatal(err)
	}
	if _, err := FromHF(dir); err == nil {
		t.Fatal("a directory without a tokenizer loaded")
	}
}

// TestSentencePieceRefusals checks that unsupported models are refused
// with a clear error and that hostile files never panic.
func TestSentencePieceRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(b []byte) string {
		p := filepath.Join(dir, "tokenizer.model")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pieces := []string{"<unk>", "<s>", "</s>", "▁a", "b"}
	scores := []float32{0, 0, 0, -1, -2}
	types := []TokenType{TypeUnknown, TypeControl, TypeControl, TypeNormal, TypeNormal}
	if _, err := FromSentencePiece(write(spmProto(pieces, scores, types, spmUnigram, 0, 1, 2))); !errors.Is(err, ErrUnsupportedModel) || !strings.Contains(err.Error(), "unigram") {
		t.Fatalf("unigram: %v", err)
	}
	tk, err := FromSentencePiece(write(spmProto(pieces, scores, types, spmBPE, 0, -1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if tk.BOS() != -1 || tk.EOS() != 2 {
		t.Fatalf("bos %d eos %d", tk.BOS(), tk.EOS())
	}
	nan := append([]float32(nil), scores...)
	nan[3] = float32(math.NaN())
	if _, err := FromSentencePiece(write(spmProto(pieces, nan, types, spmBPE, 0, 1, 2))); !errors.Is(err, ErrBadVocab) {
		t.Fatalf("NaN score: %v", err)
	}
	good, err := os.ReadFile(filepath.Join("testdata", "spm-bpe-800.model"))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]byte{nil, {0x0a}, {0x0a, 0xff}, {0x08, 0x80, 0x80}, {0x0b}, {0x00}, {0x0a, 0x05, 0x0a, 0x10}} {
		if _, err := FromSentencePiece(write(b)); err == nil {
			t.Errorf("% x accepted", b)
		}
	}
	for cut := 0; cut < len(good); cut += 7 {
		if m, err := parseSentencePiece(good[:cut]); err == nil {
			_, _ = m.config() // a clean cut between pieces parses; it must not panic
		}
	}
}

func FuzzParseSentencePiece(f *testing.F) {
	good, err := os.ReadFile(filepath.Join("testdata", "spm-bpe-800.model"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[:200])
	f.Add(spmProto([]string{"<unk>", "a"}, []float32{0, -1}, []TokenType{TypeUnknown, TypeNormal}, spmBPE, 0, 1, 2))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseSentencePiece(b)
		if err != nil {
			return
		}
		if c, err := m.config(); err == nil {
			if tk, err := build(c); err == nil {
				_ = tk.Encode("hello world", true, true)
			}
		}
	})
}
