package node

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// TestRAGPromptAndCitations: a request with "rag": k gets the best golden
// passages put into its prompt, tagged with their CIDs; the receipt's
// citations come from the tags in the prompt the model read, and the cited
// records share the data weight by citation count.
func TestRAGPromptAndCitations(t *testing.T) {
	f, err := tokenizer.LlamaVocab()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.FromGGUF(f)
	if err != nil {
		t.Fatal(err)
	}
	s := &spanIndex{tok: tok, rag: attribution.NewRAGIndex(), refs: map[string]attribution.RecordRef{}}
	docs := map[string]string{
		"bafyreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": "The Python tutorial explains lists, tuples and dictionaries.",
		"bafyreibbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb": "Gravity bends light near massive stars.",
		"bafyreicccccccccccccccccccccccccccccccccccccccccccccccccccc": "Dictionaries map keys to values in Python.",
	}
	for cid, text := range docs {
		if err := s.rag.Add(cid, text); err != nil {
			t.Fatal(err)
		}
		s.refs[cid] = attribution.RecordRef{CID: cid, Datanet: "bafyreidatanet"}
	}
	n := &Node{attr: &attrService{index: s}}
	body, err := n.withRAG("/v1/completions", []byte(`{"model":"m","prompt":"python dictionaries","rag":2}`))
	if err != nil {
		t.Fatal(err)
	}
	var req map[string]any
	json.Unmarshal(body, &req)
	prompt, _ := req["prompt"].(string)
	if _, left := req["rag"]; left || !strings.Contains(prompt, "[source bafyreiccc") || !strings.Contains(prompt, "[source bafyreiaaa") || strings.Contains(prompt, "Gravity") {
		t.Fatalf("augmented prompt %q", prompt)
	}
	cites := s.citations(tok.Encode(prompt, true, false))
	if len(cites) != 2 || cites[0].Count != 1 {
		t.Fatalf("citations %+v", cites)
	}
	span := []attribution.Record{{CID: "bafyreibbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Datanet: "bafyreidatanet", Weight: attribution.WeightScale}}
	recs := s.creditCitations(span, cites)
	var sum uint64
	for _, r := range recs {
		sum += r.Weight
	}
	if len(recs) != 3 || sum != attribution.WeightScale || recs[1].Weight != attribution.WeightScale/2 {
		t.Fatalf("credited %+v (sum %d)", recs, sum)
	}
	// The answer quotes cited record ccc: it takes the citations' half
	// alone (credit by what the answer used, not by retrieval).
	quoted := []attribution.Record{{CID: "bafyreicccccccccccccccccccccccccccccccccccccccccccccccccccc", Datanet: "bafyreidatanet", Weight: attribution.WeightScale}}
	recs = s.creditCitations(quoted, cites)
	if len(recs) != 1 || recs[0].Weight != attribution.WeightScale {
		t.Fatalf("quoted citation: %+v", recs)
	}
	if _, err := n.withRAG("/v1/completions", []byte(`{"prompt":"x","rag":99}`)); err == nil {
		t.Fatal("rag of 99 accepted")
	}
	chat, err := n.withRAG("/v1/chat/completions", []byte(`{"messages":[{"role":"user","content":"gravity and light"}],"rag":1}`))
	if err != nil || !strings.Contains(string(chat), `"role":"system"`) || !strings.Contains(string(chat), "bafyreibbb") {
		t.Fatalf("chat: %s %v", chat, err)
	}
}
