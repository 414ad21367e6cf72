package datanet

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
)

// A minimal hand-written CBOR builder, independent of the package's encoder,
// used to state the wire format explicitly and to build non-canonical or
// otherwise invalid inputs.

// CBOR major types.
const (
	majUint  byte = 0
	majNeg   byte = 1
	majBytes byte = 2
	majText  byte = 3
	majArray byte = 4
	majMap   byte = 5
	majTag   byte = 6
)

// cbHead is the shortest header for major type maj and argument n.
func cbHead(maj byte, n uint64) []byte {
	switch {
	case n < 24:
		return []byte{maj<<5 | byte(n)}
	case n <= 0xff:
		return cbHeadN(maj, n, 1)
	case n <= 0xffff:
		return cbHeadN(maj, n, 2)
	case n <= 0xffffffff:
		return cbHeadN(maj, n, 4)
	default:
		return cbHeadN(maj, n, 8)
	}
}

// cbHeadN is a header whose argument takes size bytes (1, 2, 4 or 8), even
// where a shorter one would do: a non-canonical form.
func cbHeadN(maj byte, n uint64, size int) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	switch size {
	case 1:
		return []byte{maj<<5 | 24, b[7]}
	case 2:
		return append([]byte{maj<<5 | 25}, b[6:]...)
	case 4:
		return append([]byte{maj<<5 | 26}, b[4:]...)
	default:
		return append([]byte{maj<<5 | 27}, b[:]...)
	}
}

func cbText(s string) []byte  { return append(cbHead(majText, uint64(len(s))), s...) }
func cbBytes(b []byte) []byte { return append(cbHead(majBytes, uint64(len(b))), b...) }
func cbUint(n uint64) []byte  { return cbHead(majUint, n) }

func cbInt(n int64) []byte {
	if n < 0 {
		return cbHead(majNeg, uint64(-1-n))
	}
	return cbUint(uint64(n))
}

func cbArray(items ...[]byte) []byte {
	out := cbHead(majArray, uint64(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// cbLink is a dag-cbor link: tag 42 over 0x00 || binary CID.
func cbLink(cidBytes []byte) []byte {
	out := cbHead(majTag, 42)
	return append(out, cbBytes(append([]byte{0}, cidBytes...))...)
}

// kv is one map entry with its value already encoded.
type kv struct {
	k string
	v []byte
}

// cbMap encodes the entries in the order given.
func cbMap(kvs ...kv) []byte {
	out := cbHead(majMap, uint64(len(kvs)))
	for _, e := range kvs {
		out = append(out, cbText(e.k)...)
		out = append(out, e.v...)
	}
	return out
}

// sortedKVs returns the entries in dag-cbor (length-first) order.
func sortedKVs(kvs []kv) []kv {
	out := slices.Clone(kvs)
	slices.SortFunc(out, func(a, b kv) int {
		if len(a.k) != len(b.k) {
			return len(a.k) - len(b.k)
		}
		return strings.Compare(a.k, b.k)
	})
	return out
}

// recordKVs is the wire form of r as map entries in canonical order.
func recordKVs(r *Record) []kv {
	kvs := []kv{
		{"datanet", cbLink(r.Datanet.Bytes())},
		{"content", cbText(r.Content)},
		{"source", cbText(r.Source)},
		{"submitter", cbBytes(r.Submitter[:])},
		{"label", cbText(r.Label)},
		{"created", cbInt(r.CreatedAt)},
	}
	if len(r.Signature) > 0 {
		kvs = append(kvs, kv{"sig", cbBytes(r.Signature)})
	}
	return sortedKVs(kvs)
}

// datanetKVs is the wire form of d as map entries in canonical order.
func datanetKVs(d *Datanet) []kv {
	labels := make([][]byte, len(d.Labels))
	for i, l := range d.Labels {
		labels[i] = cbText(l)
	}
	vals := make([][]byte, len(d.Validators))
	for i, v := range d.Validators {
		vals[i] = cbBytes(v[:])
	}
	kvs := []kv{
		{"name", cbText(d.Name)},
		{"desc", cbText(d.Description)},
		{"owner", cbBytes(d.Owner[:])},
		{"labels", cbArray(labels...)},
		{"validators", cbArray(vals...)},
		{"quorum", cbUint(uint64(d.Quorum))},
		{"created", cbInt(d.CreatedAt)},
	}
	if len(d.Signature) > 0 {
		kvs = append(kvs, kv{"sig", cbBytes(d.Signature)})
	}
	return sortedKVs(kvs)
}

// replaceKV returns kvs with the value under key replaced.
func replaceKV(kvs []kv, key string, v []byte) []kv {
	out := slices.Clone(kvs)
	for i := range out {
		if out[i].k == key {
			out[i].v = v
			return out
		}
	}
	panic("no key " + key)
}

// removeKV returns kvs without key.
func removeKV(kvs []kv, key string) []kv {
	return slices.DeleteFunc(slices.Clone(kvs), func(e kv) bool { return e.k == key })
}

// replaceOnce replaces the first occurrence of old in b, which must exist.
func replaceOnce(b, old, repl []byte) []byte {
	i := bytes.Index(b, old)
	if i < 0 {
		panic("pattern not found")
	}
	out := slices.Clone(b[:i])
	out = append(out, repl...)
	return append(out, b[i+len(old):]...)
}
