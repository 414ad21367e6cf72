package bpe

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/tokenizer"
	"github.com/provenet/provenet/internal/realdata"
)

func TestTrainWriteLoadRoundTrip(t *testing.T) {
	texts := []string{
		"The quick brown fox jumps over the lazy dog. The dog sleeps.",
		"Hello, world! Hello again, world; the world says hello.",
		"Numbers 12345 and 678 — ünïcödé, emoji 🙂, tabs\tand\n\nnewlines  with   spaces.",
	}
	raw, err := os.ReadFile(realdata.Path(t, realdata.Fortunes+"/computers"))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, strings.Split(string(raw), "\n%\n")...)
	m, err := Train(texts, Config{VocabSize: 600, MinFreq: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Merges) == 0 {
		t.Fatal("no merges learned")
	}
	dir := t.TempDir()
	if err := m.WriteHF(dir, 256); err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.FromHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tok.VocabSize() != len(m.Vocab) || tok.BOS() != 1 || tok.EOS() != 2 {
		t.Fatalf("vocab %d (want %d), bos %d, eos %d", tok.VocabSize(), len(m.Vocab), tok.BOS(), tok.EOS())
	}
	var total, bytes int
	for _, s := range append(texts, "unseen words: zyzzyva quixotic 42!") {
		ids := tok.Encode(s, false, false)
		if got := tok.Decode(ids); got != s {
			t.Fatalf("round trip:\n got %q\nwant %q", got, s)
		}
		total += len(ids)
		bytes += len(s)
	}
	withBOS := tok.Encode("hi", true, false)
	if withBOS[0] != 1 {
		t.Fatalf("BOS not added: %v", withBOS)
	}
	t.Logf("%d merges; %.2f bytes per token over %d texts", len(m.Merges), float64(bytes)/float64(total), len(texts))
	if float64(bytes)/float64(total) < 2 {
		t.Fatal("merges do not compress")
	}
	if _, err := os.Stat(filepath.Join(dir, "tokenizer_config.json")); err != nil {
		t.Fatal(err)
	}
}

func TestSplitKeepsEverything(t *testing.T) {
	for _, s := range []string{"a  b", "  lead", "x\n\n y", "it's 3.14!!"} {
		var parts []string
		split(s, func(w string) { parts = append(parts, w) })
		if strings.Join(parts, "") != s {
			t.Fatalf("%q split into %q", s, parts)
		}
	}
}

func TestBadConfig(t *testing.T) {
	if _, err := Train(nil, Config{VocabSize: 10}); err == nil {
		t.Fatal("tiny vocabulary accepted")
	}
}
