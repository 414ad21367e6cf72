package node

import (
	"context"

	"github.com/provenet/provenet/chain/da"
)

// fetchBatch reads an epoch batch back from DA: the manifest and every
// chunk are verified against their KZG commitments by da.Client, and the
// data against the manifest's length and sha256.
func (a *attrService) fetchBatch(ctx context.Context, manifest da.Commitment) ([]byte, error) {
	return a.da.GetBatch(ctx, manifest)
}
