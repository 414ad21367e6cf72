package devproc

import (
	"bytes"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

// rw is a worker's socket in memory: it reads the fuzzed stream and
// discards the answers.
type rw struct {
	in  *bytes.Reader
	out bytes.Buffer
}

func (x *rw) Read(p []byte) (int, error)  { return x.in.Read(p) }
func (x *rw) Write(p []byte) (int, error) { return x.out.Write(p) }

// FuzzServe: whatever bytes reach a worker, it answers or ends with an
// error; it never panics and never allocates what a corrupt length
// claims.
func FuzzServe(f *testing.F) {
	c := model.Stories15M()
	c.Layers, c.Vocab, c.Dim, c.Hidden, c.Heads, c.KVHeads, c.MaxSeq = 1, 64, 16, 32, 2, 2, 32
	w, err := model.Random(c, 1)
	if err != nil {
		f.Fatal(err)
	}
	var open bytes.Buffer
	wr := newWriter(&open)
	wr.u8(msgOpen)
	wr.str("cpu")
	wr.u64(64)
	wr.u64(1)
	if err := writeWeights(wr, w); err != nil {
		f.Fatal(err)
	}
	var b model.Batch
	b.Add(1, 0, []int32{0}, nil, true)
	writeStep(wr, &b, func(*model.Adapter) string { return "" })
	if err := wr.flush(); err != nil {
		f.Fatal(err)
	}
	f.Add(open.Bytes())
	f.Add([]byte{msgOpen, 3, 0, 0, 0, 0, 0, 0, 0, 'c', 'p', 'u'})
	f.Add([]byte{msgOpen, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Serve(&rw{in: bytes.NewReader(data)}, nil)
	})
}
