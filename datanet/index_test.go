package datanet

import (
	"testing"

	badger "github.com/dgraph-io/badger/v4"
)

// TestListRecordsOldIndexEntries: index entries carry the record's CID so
// that listing needs no hashing; entries written before that have an empty
// value, and listing still returns the right CIDs for them.
func TestListRecordsOldIndexEntries(t *testing.T) {
	s := openStore(t, testConfig(t))
	dn := newTestDatanet(t, "idx", []string{"a"})
	mustPutDatanet(t, s, dn)
	recs := newRecords(t, dn, 1, "indexed", 5)
	res := mustPutRecords(t, s, recs)
	e := s.datanet(dn.ID())
	// Empty the values of the first two records' index entries, as an
	// older store wrote them.
	if err := s.db.Update(func(txn *badger.Txn) error {
		for _, r := range res[:2] {
			if err := txn.Set(withSeq(byDNPrefix(e.seq), r.Seq), nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.ListRecords(Query{Datanet: dn.ID()})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(recs) {
		t.Fatalf("listed %d records, want %d", len(got), len(recs))
	}
	for i, r := range got {
		if r.CID != res[i].CID || r.CID != r.Record.CID() {
			t.Fatalf("record %d: listed CID %s, stored %s, computed %s", i, r.CID, res[i].CID, r.Record.CID())
		}
	}
}
