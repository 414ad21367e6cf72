// Package attrbench is `provenet bench attribution`: it measures whether
// the records a receipt credits are the records that shaped the answer,
// on cases whose sources are known, and prints the method before issue 18
// and the current one side by side.
//
// Cases (all reproducible from Options.Seed):
//
//   - disjoint adapters: two LoRA adapters fine-tuned with gpu/train on the
//     committed 2.56M base, each on its own topic of Debian's fortunes
//     (startrek and zippy, which the base never saw); answers are greedy
//     continuations of held-out records of each topic by that topic's
//     adapter. Ground truth: the serving adapter's training records.
//   - RAG with planted passages: invented facts, each with a needed
//     passage and near-miss passages (same place or same template, other
//     facts), retrieved by BM25 among real fortunes. The reader is an
//     oracle that copies the answer clause from the needed passage (the
//     2.56M base cannot answer from a context); the ablation row measures
//     each cited passage's effect on the answer's log-probability with
//     the real base. Ground truth: the needed passage.
//   - planted facts: records each binding an invented name to invented
//     attributes, mixed with real fortunes, one adapter fine-tuned on all
//     of them; the question is the fact's opening, and a greedy answer is
//     correct when it names the fact's pet. Ground truth: the record that
//     planted the fact; scored on correct answers only.
//
// Metrics per answer, averaged: precision (credited records that are
// ground truth, over credited records; an answer crediting nothing counts
// 0), recall (ground-truth records credited), share (part of the data
// share's weight on ground-truth records).
//
// The package is bench tooling: the node does not import it.
package attrbench
