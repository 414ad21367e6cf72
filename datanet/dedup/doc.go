// Package dedup finds near-duplicate records: MinHash signatures over word
// shingles, and an index with locality-sensitive banding that a Datanet
// queries before it credits a record. A record whose estimated Jaccard
// similarity to an earlier one is at least Config.Threshold (0.9) is
// redundant: Index.Check returns the earlier record, whose submitter keeps
// the credit, while the new record's submitter earns the duplicate
// penalty if it becomes golden.
//
// Texts are compared as sets of shingles: runs of Config.Shingle words of
// one line, lower-cased, where a word is a run of letters and digits (a
// shorter line is one shingle). A small edit changes a few shingles,
// reordered paragraphs none, and shared page furniture adds the same
// shingles to both texts; distinct pages share little besides that
// furniture.
//
// Everything is deterministic: hashes are seedless FNV-1a mixed with fixed
// constants, so every node computes the same signature for a text and the
// same answer for the same records. The package is pure domain code: it
// imports nothing from provenet and moves no bytes.
package dedup
