package model

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"os"
)

// SaveLlama2C writes w in the checkpoint format of karpathy/llama2.c's
// original run.c (a header of seven int32s, then float32 tensors layer-major
// by kind, then the RoPE tables, then the classifier when untied), so that
// the C reference can run the very same weights for a speed and parity
// comparison (scripts/compare-llama2c.sh). llama2.c rotates interleaved
// pairs, so half-split q and k rows are permuted as for GGUF.
func SaveLlama2C(path string, w *Weights) error {
	c := w.Config
	if err := c.Validate(); err != nil {
		return err
	}
	if c.KVHeads != c.Heads || c.HeadDim*c.Heads != c.Dim || c.AttentionBias || c.RopeScaling != nil {
		return fmt.Errorf("%w: llama2.c's original format has no GQA, biases or RoPE scaling", ErrConfig)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	vocab := int32(c.Vocab)
	if !c.TiedEmbeddings {
		vocab = -vocab
	}
	hdr := []int32{int32(c.Dim), int32(c.Hidden), int32(c.Layers), int32(c.Heads), int32(c.KVHeads), vocab, int32(c.MaxSeq)}
	if err := binary.Write(bw, binary.LittleEndian, hdr); err != nil {
		return err
	}
	put := func(v []float32) {
		if err == nil {
			err = binary.Write(bw, binary.LittleEndian, v)
		}
	}
	rows := func(m Module, l int) []float32 {
		v := w.Layers[l].W[m]
		if c.RopeStyle == RopeHalf && (m == Q || m == K) {
			v = permuteForInterleaved(v, c.Heads, c.HeadDim, c.Dim)
		}
		return v
	}
	put(w.Embed)
	for l := range w.Layers {
		put(w.Layers[l].AttnNorm)
	}
	for _, m := range []Module{Q, K, V, O} {
		for l := range w.Layers {
			put(rows(m, l))
		}
	}
	for l := range w.Layers {
		put(w.Layers[l].FFNNorm)
	}
	for _, m := range []Module{Gate, Down, Up} { // llama2.c's w1, w2, w3
		for l := range w.Layers {
			put(rows(m, l))
		}
	}
	put(w.FinalNorm)
	freq := c.InvFreq()
	half := c.HeadDim / 2
	re := make([]float32, c.MaxSeq*half)
	im := make([]float32, c.MaxSeq*half)
	for p := 0; p < c.MaxSeq; p++ {
		for i := 0; i < half; i++ {
			re[p*half+i] = float32(math.Cos(float64(p) * freq[i]))
			im[p*half+i] = float32(math.Sin(float64(p) * freq[i]))
		}
	}
	put(re)
	put(im)
	if !c.TiedEmbeddings {
		put(w.Output)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
