// Package sample turns a row of logits into a token id.
//
// A Sampler is built per request from gpu.Sampling. Greedy decoding
// (temperature 0) is an argmax with ties broken towards the lowest id.
// Otherwise the pipeline is: temperature scaling, top-k (a bounded heap,
// never a full sort of the vocabulary), softmax, min-p, top-p (sorting
// only the kept candidates), then one draw from a PCG generator seeded
// from the request's seed, so a request is reproducible.
//
// After its first call a Sampler allocates nothing: its scratch buffers
// are kept and reused. A Sampler is not safe for concurrent use.
//
// StopMatcher finds stop sequences in incrementally decoded text and
// holds back any suffix that could still turn out to be the start of one.
package sample
