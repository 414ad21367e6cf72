package tokenizer

import (
	"bytes"
	"testing"

	"github.com/provenet/provenet/gpu/gguf"
)

func roundTrip(t *testing.T, tk *Tokenizer) *Tokenizer {
	t.Helper()
	var buf bytes.Buffer
	kvs := append([]gguf.KV{{Key: "general.architecture", Value: "llama"}}, tk.GGUFMetadata()...)
	if err := gguf.Write(&buf, kvs, nil); err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Parse(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	back, err := FromGGUF(f)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// A tokenizer written as GGUF metadata reads back into one that encodes
// llama.cpp's test vectors as the original does, whether it came from
// GGUF or from a Hugging Face tokenizer.json (what model convert needs).
func TestGGUFMetadataRoundTrip(t *testing.T) {
	for _, name := range vocabs {
		t.Run(name, func(t *testing.T) {
			g := loadVocab(t, name)
			checkVectors(t, name, roundTrip(t, g))
			hf, err := FromHF(writeHF(t, name))
			if err != nil {
				t.Fatal(err)
			}
			back := roundTrip(t, hf)
			checkVectors(t, name, back)
			if back.BOS() != hf.BOS() || back.EOS() != hf.EOS() || back.AddBOS() != hf.AddBOS() || back.VocabSize() != hf.VocabSize() ||
				back.ChatTemplate() != hf.ChatTemplate() {
				t.Errorf("specials differ after the round trip")
			}
		})
	}
}
