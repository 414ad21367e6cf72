package da

import (
	"bytes"
	"context"
	"testing"

	"github.com/Layr-Labs/eigenda/encoding/kzg"
)

// TestSRSMatchesEigenDAReader checks the embedded prefix parses to the same
// points as eigenda's own kzg.ReadG1Points.
func TestSRSMatchesEigenDAReader(t *testing.T) {
	const n = 4096
	want, err := kzg.ReadG1Points("srs/g1.point.prefix", n, 2)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DefaultSRS().G1(n)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !want[i].Equal(&got[i]) {
			t.Fatalf("point %d differs", i)
		}
	}
	if DefaultSRS().NumPoints() != EmbeddedSRSPoints {
		t.Fatalf("embedded %d points", DefaultSRS().NumPoints())
	}
	if _, err := DefaultSRS().G1(EmbeddedSRSPoints + 1); err == nil {
		t.Fatal("G1 beyond the SRS succeeded")
	}
	if _, err := NewSRS(make([]byte, 33)); err == nil {
		t.Fatal("NewSRS accepted 33 bytes")
	}
	bad, _ := NewSRS(bytes.Repeat([]byte{0xff}, 64))
	if _, err := bad.G1(2); err == nil {
		t.Fatal("garbage SRS parsed")
	}
}

// TestLargestBlob round-trips a payload that fills a 2 MiB blob.
func TestLargestBlob(t *testing.T) {
	if testing.Short() {
		t.Skip("commits 2 MiB blobs")
	}
	srv, cl := startServer(t, t.TempDir(), ModeOptimismGeneric, nil)
	payload := randBytes(21, srv.MaxPayloadBytes())
	c, err := cl.Put(context.Background(), payload)
	if err != nil {
		t.Fatal(err)
	}
	if c.BlobSymbols != EmbeddedSRSPoints {
		t.Fatalf("blob symbols %d", c.BlobSymbols)
	}
	got, err := cl.Get(context.Background(), c)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("get: %v", err)
	}
}
