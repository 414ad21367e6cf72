package datanet

import (
	"encoding/binary"
	"errors"

	"github.com/ethereum/go-ethereum/common"
)

// Key layout. Every key starts with layoutVersion, then a table byte.
// Integers are big-endian so that keys sort numerically. dn is a Datanet's
// local sequence number, a short stand-in for its 36-byte CID in index keys.
//
//	v 'V'                            -> layout version (1 byte)
//	v 'C'                            -> counters: datanets, records, last seq (3 x uint64)
//	v 'd' <datanet cid>              -> datanet seq (uint64)
//	v 'r' <record cid>               -> record meta (recordMeta)
//	v 'l' <seq>                      -> kind (1 byte) || wire encoding      (replication log)
//	v 'x' <dn> <seq>                 -> empty                             (records by datanet)
//	v 's' <dn> <state> <seq>         -> empty                             (records by datanet, state)
//	v 'u' <dn> <submitter> <seq>     -> empty                             (records by datanet, submitter)
//	v 'm' <key>                      -> caller's metadata (GetMeta/PutMeta)
//
// Change layoutVersion when this layout changes incompatibly; Open refuses
// a store with another version.
const layoutVersion byte = 1

const (
	tVersion  byte = 'V'
	tCounters byte = 'C'
	tDatanet  byte = 'd'
	tRecord   byte = 'r'
	tLog      byte = 'l'
	tByDN     byte = 'x'
	tByState  byte = 's'
	tBySubm   byte = 'u'
	tMeta     byte = 'm'
)

func prefix(table byte) []byte { return []byte{layoutVersion, table} }

func versionKey() []byte  { return prefix(tVersion) }
func countersKey() []byte { return prefix(tCounters) }

func datanetKey(cidBytes []byte) []byte {
	return append(prefix(tDatanet), cidBytes...)
}

func recordKey(cidBytes []byte) []byte {
	return append(prefix(tRecord), cidBytes...)
}

func logKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(prefix(tLog), seq)
}

func byDNPrefix(dn uint64) []byte {
	return binary.BigEndian.AppendUint64(prefix(tByDN), dn)
}

func byStatePrefix(dn uint64, st State) []byte {
	return append(binary.BigEndian.AppendUint64(prefix(tByState), dn), byte(st))
}

func bySubmitterPrefix(dn uint64, a common.Address) []byte {
	return append(binary.BigEndian.AppendUint64(prefix(tBySubm), dn), a[:]...)
}

// withSeq appends seq to an index prefix.
func withSeq(p []byte, seq uint64) []byte {
	k := make([]byte, len(p), len(p)+8)
	copy(k, p)
	return binary.BigEndian.AppendUint64(k, seq)
}

// seqSuffix reads the sequence number at the end of an index or log key.
func seqSuffix(k []byte) uint64 {
	if len(k) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k[len(k)-8:])
}

func metaKey(key string) []byte {
	return append(prefix(tMeta), key...)
}

// recordMeta is the value under a record key.
type recordMeta struct {
	seq        uint64
	dn         uint64
	state      State
	receivedAt int64
}

const recordMetaLen = 8 + 8 + 1 + 8

func (m recordMeta) encode() []byte {
	b := make([]byte, 0, recordMetaLen)
	b = binary.BigEndian.AppendUint64(b, m.seq)
	b = binary.BigEndian.AppendUint64(b, m.dn)
	b = append(b, byte(m.state))
	return binary.BigEndian.AppendUint64(b, uint64(m.receivedAt))
}

var errBadMeta = errors.New("datanet: corrupt record meta")

func decodeRecordMeta(b []byte) (recordMeta, error) {
	if len(b) != recordMetaLen {
		return recordMeta{}, errBadMeta
	}
	return recordMeta{
		seq:        binary.BigEndian.Uint64(b[0:8]),
		dn:         binary.BigEndian.Uint64(b[8:16]),
		state:      State(b[16]),
		receivedAt: int64(binary.BigEndian.Uint64(b[17:25])),
	}, nil
}

// counters is the value under countersKey, written with every commit.
type counters struct {
	datanets uint64
	records  uint64
	lastSeq  uint64
}

func (c counters) encode() []byte {
	b := make([]byte, 0, 24)
	b = binary.BigEndian.AppendUint64(b, c.datanets)
	b = binary.BigEndian.AppendUint64(b, c.records)
	return binary.BigEndian.AppendUint64(b, c.lastSeq)
}

func decodeCounters(b []byte) (counters, error) {
	if len(b) != 24 {
		return counters{}, errors.New("datanet: corrupt counters")
	}
	return counters{
		datanets: binary.BigEndian.Uint64(b[0:8]),
		records:  binary.BigEndian.Uint64(b[8:16]),
		lastSeq:  binary.BigEndian.Uint64(b[16:24]),
	}, nil
}

// logValue is the value under a log key.
func logValue(k Kind, wire []byte) []byte {
	v := make([]byte, 1+len(wire))
	v[0] = byte(k)
	copy(v[1:], wire)
	return v
}
