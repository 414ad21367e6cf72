package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/provenet/provenet/node"
)

// TestPrintReview: one block per record with sure/unsure, the suggestion
// and its confidence, the CID, the pending age and the votes, then the
// source, the near-duplicate's earlier record and the excerpt.
func TestPrintReview(t *testing.T) {
	var b bytes.Buffer
	printReview(&b, []node.RecordWork{
		{Record: "bafyA", Suggested: "science", Confidence: 0.25, PendingAgeMS: 90_400, Quorum: 2,
			Source: "https://example.org/p", Excerpt: "one line", Redundant: &node.Redundancy{Of: "bafyE", Similarity: 0.953}},
		{Record: "bafyB", Suggested: "art", Confidence: 0.875, Sure: true, Excerpt: "another", Votes: []node.Answer{{}}, Quorum: 2},
	})
	want := strings.Join([]string{
		"UNSURE  science 0.25  bafyA  pending 1m30s  votes 0/2",
		"    source:    https://example.org/p",
		"    redundant: nearly duplicates bafyE (similarity 0.95)",
		"    one line",
		"sure    art 0.88  bafyB  pending 0s  votes 1/2",
		"    another",
		"",
	}, "\n")
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}
