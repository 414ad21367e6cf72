package tokenizer

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/provenet/provenet/gpu/gguf"
)

// vocabs are llama.cpp's vocab-only test models (see testdata/README.md).
var vocabs = []string{"llama-spm", "llama-bpe", "gpt-2", "qwen2"}

var loaded sync.Map // name -> *gguf.File

func loadGGUF(t testing.TB, name string) *gguf.File {
	t.Helper()
	if f, ok := loaded.Load(name); ok {
		return f.(*gguf.File)
	}
	zr, err := os.Open(filepath.Join("testdata", "ggml-vocab-"+name+".gguf.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	gz, err := gzip.NewReader(zr)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Parse(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	loaded.Store(name, f)
	return f
}

func loadVocab(t testing.TB, name string) *Tokenizer {
	t.Helper()
	tk, err := FromGGUF(loadGGUF(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

type vector struct {
	in  string
	ids []int32
}

// readVectors parses a .inp/.out pair the way test-tokenizer-0.cpp does.
func readVectors(t testing.TB, name string) []vector {
	t.Helper()
	inp, err := os.ReadFile(filepath.Join("testdata", "ggml-vocab-"+name+".gguf.inp"))
	if err != nil {
		t.Fatal(err)
	}
	outp, err := os.ReadFile(filepath.Join("testdata", "ggml-vocab-"+name+".gguf.out"))
	if err != nil {
		t.Fatal(err)
	}
	ins := strings.Split(string(inp), "\n__ggml_vocab_test__\n")
	if ins[len(ins)-1] == "" {
		ins = ins[:len(ins)-1]
	}
	outs := strings.Split(strings.TrimSuffix(string(outp), "\n"), "\n")
	if len(ins) != len(outs) {
		t.Fatalf("%s: %d inputs, %d outputs", name, len(ins), len(outs))
	}
	vs := make([]vector, len(ins))
	for i := range ins {
		vs[i].in = ins[i]
		for _, f := range strings.Fields(outs[i]) {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			vs[i].ids = append(vs[i].ids, int32(n))
		}
	}
	return vs
}

func equalIDs(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkVectors encodes every vector with llama.cpp's test settings
// (add_special=false, parse_special=false) and reports the pass count.
func checkVectors(t *testing.T, name string, tk *Tokenizer) {
	vs := readVectors(t, name)
	pass := 0
	for _, v := range vs {
		got := tk.Encode(v.in, false, false)
		if equalIDs(got, v.ids) {
			pass++
			continue
		}
		t.Errorf("%s: %q\n got %v\nwant %v", name, v.in, got, v.ids)
	}
	t.Logf("%s: %d/%d vectors pass", name, pass, len(vs))
}

func TestVectors(t *testing.T) {
	for _, name := range vocabs {
		t.Run(name, func(t *testing.T) { checkVectors(t, name, loadVocab(t, name)) })
	}
}
