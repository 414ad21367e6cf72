package train

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadCorpusAndSplit(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("first fortune here\n%\nsecond fortune, longer\n%\nthird one is here too\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "p.html"), []byte("<html><style>x{}</style><p>Hello &amp; <b>world</b> of text</p></html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "f.dat"), []byte{0, 1, 2, 0xff}, 0o644)
	docs, err := LoadCorpus([]string{dir}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 || docs[3].Text != "Hello & world of text" || !strings.HasSuffix(docs[1].ID, "f#1") {
		t.Fatalf("%+v", docs)
	}
	// The split is a pure function of the ID.
	var ids []Document
	for i := 0; i < 1000; i++ {
		ids = append(ids, Document{ID: strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune(i))})
	}
	tr, ho := Split(ids, 10)
	if len(tr)+len(ho) != 1000 || len(ho) < 50 || len(ho) > 150 {
		t.Fatalf("split %d/%d", len(tr), len(ho))
	}
	for _, d := range ho {
		if !HeldOut(d.ID, 10) || HeldOut(d.ID, 0) {
			t.Fatal("held-out membership is not stable")
		}
	}
}

type byteEnc struct{}

func (byteEnc) Encode(s string, _, _ bool) []int32 {
	out := make([]int32, len(s))
	for i := range s {
		out[i] = int32(s[i]) + 3
	}
	return out
}

func TestPackNeverMixesDocuments(t *testing.T) {
	seqs, err := Pack(byteEnc{}, []Document{{ID: "a", Text: "abcdefg"}, {ID: "b", Text: "xy"}}, 4, 1, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	// "a": BOS a b c d e f g EOS = 9 tokens -> windows at 0, 4 (and 8 has no target).
	// "b": BOS x y EOS = 4 tokens -> one window, padded.
	if len(seqs) != 3 {
		t.Fatalf("%d sequences: %+v", len(seqs), seqs)
	}
	if seqs[0].Tokens[0] != 1 || seqs[0].Targets[3] != 'd'+3 || seqs[1].Tokens[0] != 'd'+3 {
		t.Fatalf("first document: %+v", seqs[:2])
	}
	if seqs[1].Targets[3] != 2 || seqs[2].Tokens[0] != 1 || seqs[2].Targets[2] != 2 || seqs[2].Targets[3] != -1 || seqs[2].Tokens[3] != 2 {
		t.Fatalf("padding: %+v", seqs[1:])
	}
}

func TestPackStream(t *testing.T) {
	seqs, err := PackStream(byteEnc{}, []Document{{ID: "a", Text: "abc"}, {ID: "b", Text: "xy"}}, 4, 1, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	// stream: 1 a b c 2 1 x y 2 -> windows [1 a b c] [2 1 x y]
	if len(seqs) != 2 {
		t.Fatalf("%d sequences", len(seqs))
	}
	w := seqs[1]
	if !slices.Equal(w.Tokens, []int32{2, 1, 'x' + 3, 'y' + 3}) || !slices.Equal(w.Pos, []int32{0, 0, 1, 2}) ||
		!slices.Equal(w.Targets, []int32{-1, 'x' + 3, 'y' + 3, 2}) {
		t.Fatalf("window 1: %+v", w)
	}
	if first := seqs[0]; !slices.Equal(first.Targets, []int32{'a' + 3, 'b' + 3, 'c' + 3, 2}) || !slices.Equal(first.Pos, []int32{0, 1, 2, 3}) {
		t.Fatalf("window 0: %+v", first)
	}
}
