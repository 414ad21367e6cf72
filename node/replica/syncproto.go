package replica

import (
	"errors"
	"fmt"

	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/canon"
)

// SyncProtocol serves a peer's replication log: "everything you stored
// after sequence number N". Sequence numbers are local to the serving peer;
// the puller keeps one cursor per peer.
const SyncProtocol protocol.ID = "/provenet/sync/1"

// Limits of a sync exchange.
const (
	maxSyncEntries       = 10000
	maxSyncResponseBytes = 3 << 20
)

// ErrSyncMessage reports a malformed sync request or response.
var ErrSyncMessage = errors.New("replica: malformed sync message")

type syncRequest struct {
	After uint64 `cbor:"a"`
	Limit uint32 `cbor:"l"`
}

type syncEntry struct {
	Seq  uint64 `cbor:"s"`
	Kind uint8  `cbor:"k"`
	Data []byte `cbor:"d"`
}

type syncResponse struct {
	Entries []syncEntry `cbor:"e"`
	// Last is the server's newest sequence number; a cursor above it means
	// the server's log was reset.
	Last uint64 `cbor:"l"`
}

var (
	syncEnc = canon.EncMode()
	syncDec = canon.DecMode(canon.Limits{MaxArrayElements: maxSyncEntries, MaxMapPairs: 16, MaxNestedLevels: 4})
)

func encodeSync(v any) ([]byte, error) { return syncEnc.Marshal(v) }

func decodeSyncRequest(b []byte) (syncRequest, error) {
	var r syncRequest
	if err := syncDec.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("%w: %v", ErrSyncMessage, err)
	}
	if r.Limit == 0 || r.Limit > maxSyncEntries {
		return r, fmt.Errorf("%w: limit %d", ErrSyncMessage, r.Limit)
	}
	return r, nil
}

func decodeSyncResponse(b []byte, after uint64) (syncResponse, error) {
	var r syncResponse
	if err := syncDec.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("%w: %v", ErrSyncMessage, err)
	}
	prev := after
	for i, e := range r.Entries {
		if e.Seq <= prev {
			return r, fmt.Errorf("%w: entry %d: seq %d not after %d", ErrSyncMessage, i, e.Seq, prev)
		}
		if datanet.Kind(e.Kind) != datanet.KindDatanet && datanet.Kind(e.Kind) != datanet.KindRecord {
			return r, fmt.Errorf("%w: entry %d: kind %d", ErrSyncMessage, i, e.Kind)
		}
		prev = e.Seq
	}
	return r, nil
}
