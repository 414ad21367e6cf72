package model

// SequenceLogits runs tokens through the model one at a time over a fresh
// KV cache, as serving does, with adapter a applied (nil: the base alone),
// and returns every position's logits. It is for checks against other
// implementations (the trainer, Hugging Face), not for serving.
func SequenceLogits(w *Weights, be Backend, a *Adapter, tokens []int32) ([][]float32, error) {
	kv, err := NewKVCache(w.Config, len(tokens)+BlockTokens)
	if err != nil {
		return nil, err
	}
	m, err := New(w, be, kv)
	if err != nil {
		return nil, err
	}
	table, err := kv.Reserve(nil, len(tokens))
	if err != nil {
		return nil, err
	}
	var refs []AdapterRef
	if a != nil {
		refs = []AdapterRef{{A: a, Weight: 1}}
	}
	out := make([][]float32, 0, len(tokens))
	var b Batch
	for p, t := range tokens {
		b.Reset()
		b.Add(t, int32(p), table, refs, true)
		if err := m.Step(&b); err != nil {
			return nil, err
		}
		out = append(out, append([]float32(nil), b.Logits...))
	}
	return out, nil
}
