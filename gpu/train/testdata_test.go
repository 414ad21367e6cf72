package train

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// TestTrainedBase checks the small base model that `provenet factory
// pretrain` trained on Debian's fortunes and Python documentation
// (testdata/factory-base): it loads with LoadHF and FromHF, its
// perplexity on a held-out-style text is far below the same shape at
// random initialisation, and it greedily generates text.
func TestTrainedBase(t *testing.T) {
	dir := filepath.Join("testdata", "factory-base")
	if _, err := os.Stat(filepath.Join(dir, "model.safetensors")); err != nil {
		t.Skip("no trained base in testdata")
	}
	w, err := model.LoadHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.FromHF(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs := []Document{
		{ID: "a", Text: "The for statement in Python differs a bit from what you may be used to in C or Pascal."},
		{ID: "b", Text: "A computer is a device that makes mistakes faster than any human being."},
	}
	seqs, err := PackStream(tok, docs, 64, tok.BOS(), tok.EOS(), tok.EOS())
	if err != nil {
		t.Fatal(err)
	}
	trained, err := Evaluate(w, nil, seqs, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	r, err := InitWeights(w.Config, 1)
	if err != nil {
		t.Fatal(err)
	}
	random, err := Evaluate(r, nil, seqs, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	gen, err := Generate(w, nil, append([]int32{tok.BOS()}, tok.Encode("The list", false, false)...), 20, w.Config.EOS)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("perplexity %.1f (random init %.1f); \"The list\" -> %q", trained.Perplexity, random.Perplexity, tok.Decode(gen))
	if !(trained.Perplexity*10 < random.Perplexity) {
		t.Fatalf("trained perplexity %.1f is not far below random %.1f", trained.Perplexity, random.Perplexity)
	}
}
