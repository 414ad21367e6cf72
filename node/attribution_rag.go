package node

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/provenet/provenet/attribution"
)

// RAG: a request may carry the extension field "rag": k. The serving node
// then retrieves the k golden records that best match the prompt (BM25),
// puts their text into the prompt, each passage tagged "[source <CID>]",
// and the receipt cites them: its builder finds the tags in the prompt the
// model actually read, so the citations are checkable from the prompt
// hash's preimage, and cited records are credited by how often they are
// cited (see creditCitations).

// maxRAG caps k.
const maxRAG = 8

var sourceTag = regexp.MustCompile(`\[source (b[a-z2-7]{20,})\]`)

// search returns the best k golden records for query.
func (s *spanIndex) search(query string, k int) []attribution.Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rag.Search(query, k)
}

// withRAG rewrites an OpenAI request body that asks for "rag": k: the
// retrieved passages go in front of the prompt (completions) or into a
// system message (chat). It returns the body unchanged when no RAG is
// asked for or nothing matches.
func (n *Node) withRAG(path string, body []byte) ([]byte, error) {
	var req map[string]json.RawMessage
	if err := json.Unmarshal(body, &req); err != nil {
		return body, nil // the handler reports the malformed body
	}
	raw, ok := req["rag"]
	if !ok {
		return body, nil
	}
	var k int
	if err := json.Unmarshal(raw, &k); err != nil || k < 0 || k > maxRAG {
		return nil, fmt.Errorf("rag: want a number of passages 0..%d", maxRAG)
	}
	delete(req, "rag")
	a := n.attr
	if k == 0 || a == nil || a.index == nil {
		return json.Marshal(req)
	}
	var query string
	chat := path == "/v1/chat/completions"
	var msgs []map[string]any
	if chat {
		if err := json.Unmarshal(req["messages"], &msgs); err != nil {
			return body, nil
		}
		for i := len(msgs) - 1; i >= 0; i-- {
			if c, ok := msgs[i]["content"].(string); ok && msgs[i]["role"] == "user" {
				query = c
				break
			}
		}
	} else if err := json.Unmarshal(req["prompt"], &query); err != nil {
		return body, nil
	}
	hits := a.index.search(query, k)
	if len(hits) == 0 {
		return json.Marshal(req)
	}
	var ctx strings.Builder
	ctx.WriteString("Sources:\n")
	for _, h := range hits {
		fmt.Fprintf(&ctx, "[source %s] %s\n", h.CID, h.Snippet)
	}
	if chat {
		msgs = append([]map[string]any{{"role": "system", "content": ctx.String()}}, msgs...)
		req["messages"], _ = json.Marshal(msgs)
	} else {
		req["prompt"], _ = json.Marshal(ctx.String() + "\n" + query)
	}
	return json.Marshal(req)
}

// citations counts the source tags in the prompt a model read.
func (s *spanIndex) citations(prompt []int32) []attribution.Citation {
	s.mu.Lock()
	defer s.mu.Unlock()
	counts := map[string]uint32{}
	for _, m := range sourceTag.FindAllStringSubmatch(s.tok.Decode(prompt), -1) {
		if _, ok := s.refs[m[1]]; ok {
			counts[m[1]]++
		}
	}
	out := make([]attribution.Citation, 0, len(counts))
	for c, n := range counts {
		out = append(out, attribution.Citation{CID: c, Count: n})
	}
	slices.SortFunc(out, func(a, b attribution.Citation) int { return strings.Compare(a.CID, b.CID) })
	return out
}

// creditCitations merges cited records into the span-attributed ones:
// when both exist, spans and citations each carry half of the weight.
// Cited records share theirs by what the answer took from them: by the
// span evidence each holds (a passage the answer quotes), and only when
// the answer quotes none of them by citation count (retrieval alone).
// Weights are parts per million and sum exactly (attribution.Blend).
func (s *spanIndex) creditCitations(spans []attribution.Record, cites []attribution.Citation) []attribution.Record {
	if len(cites) == 0 {
		return spans
	}
	s.mu.Lock()
	refs := make([]attribution.RecordRef, len(cites))
	counts := make([]uint64, len(cites))
	for i, c := range cites {
		refs[i], counts[i] = s.refs[c.CID], uint64(c.Count)
	}
	s.mu.Unlock()
	if parts, ok := attribution.EvidenceParts(spans, refs); ok {
		counts = parts
	}
	return attribution.Blend(spans, refs, counts, attribution.MethodCitation)
}
