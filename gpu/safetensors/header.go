package safetensors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// MaxHeaderSize caps the JSON header (100 MiB, as the reference reader does
// in spirit); a larger claimed header is rejected before anything is read.
const MaxHeaderSize = 100 << 20

// maxRank caps the number of dimensions of one tensor.
const maxRank = 32

const metadataKey = "__metadata__"

// TensorInfo describes one tensor: Begin and End are byte offsets within
// the data buffer (which starts right after the header).
type TensorInfo struct {
	Name  string
	DType DType
	Shape []int
	Begin int64
	End   int64
}

// header is the decoded JSON header, in file order.
type header struct {
	metadata map[string]string
	tensors  []TensorInfo
}

// parseHeader decodes and checks the JSON header syntactically: one object,
// no duplicate keys, no unknown fields in tensor entries, integers only,
// nothing after the object but whitespace.
func parseHeader(b []byte) (*header, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := expectDelim(dec, '{'); err != nil {
		return nil, fmt.Errorf("%w: header is not a JSON object: %v", ErrBadHeader, err)
	}
	h := &header{}
	seen := make(map[string]bool)
	for dec.More() {
		key, err := readString(dec)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadHeader, err)
		}
		if seen[key] {
			return nil, fmt.Errorf("%w: duplicate key %q", ErrBadHeader, key)
		}
		seen[key] = true
		if key == metadataKey {
			if h.metadata, err = readMetadata(dec); err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrBadHeader, metadataKey, err)
			}
			continue
		}
		ti, err := readTensorEntry(dec, key)
		if err != nil {
			return nil, fmt.Errorf("tensor %q: %w", key, err)
		}
		h.tensors = append(h.tensors, ti)
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadHeader, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: trailing bytes after the header object", ErrBadHeader)
	}
	return h, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, got %v", want, tok)
	}
	return nil
}

func readString(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	s, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected a string, got %v", tok)
	}
	return s, nil
}

func readInt(dec *json.Decoder) (int64, error) {
	tok, err := dec.Token()
	if err != nil {
		return 0, err
	}
	n, ok := tok.(json.Number)
	if !ok {
		return 0, fmt.Errorf("expected an integer, got %v", tok)
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("expected an integer, got %s", n)
	}
	return v, nil
}

// readMetadata reads a {string: string} object, or null.
func readMetadata(dec *json.Decoder) (map[string]string, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == nil {
		return nil, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("expected an object, got %v", tok)
	}
	m := make(map[string]string)
	for dec.More() {
		k, err := readString(dec)
		if err != nil {
			return nil, err
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("duplicate key %q", k)
		}
		v, err := readString(dec)
		if err != nil {
			return nil, fmt.Errorf("key %q: %v", k, err)
		}
		m[k] = v
	}
	return m, expectDelim(dec, '}')
}

// readIntArray reads a JSON array of integers, at most max long.
func readIntArray(dec *json.Decoder, max int) ([]int64, error) {
	if err := expectDelim(dec, '['); err != nil {
		return nil, err
	}
	out := []int64{}
	for dec.More() {
		if len(out) == max {
			return nil, fmt.Errorf("more than %d elements", max)
		}
		v, err := readInt(dec)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, expectDelim(dec, ']')
}

// readTensorEntry reads {"dtype": .., "shape": [..], "data_offsets": [b, e]}.
// Values are range-checked later by validate, except what cannot be
// represented at all.
func readTensorEntry(dec *json.Decoder, name string) (TensorInfo, error) {
	ti := TensorInfo{Name: name}
	bad := func(err error) (TensorInfo, error) {
		return TensorInfo{}, fmt.Errorf("%w: %v", ErrBadHeader, err)
	}
	if err := expectDelim(dec, '{'); err != nil {
		return bad(err)
	}
	var haveDType, haveShape, haveOffsets bool
	for dec.More() {
		key, err := readString(dec)
		if err != nil {
			return bad(err)
		}
		switch key {
		case "dtype":
			if haveDType {
				return bad(errors.New("duplicate key \"dtype\""))
			}
			haveDType = true
			s, err := readString(dec)
			if err != nil {
				return bad(fmt.Errorf("dtype: %v", err))
			}
			ti.DType = DType(s)
		case "shape":
			if haveShape {
				return bad(errors.New("duplicate key \"shape\""))
			}
			haveShape = true
			dims, err := readIntArray(dec, maxRank)
			if err != nil {
				return bad(fmt.Errorf("shape: %v", err))
			}
			ti.Shape = make([]int, len(dims))
			for i, d := range dims {
				if d < 0 || int64(int(d)) != d {
					return TensorInfo{}, fmt.Errorf("%w: dimension %d is %d", ErrBadShape, i, d)
				}
				ti.Shape[i] = int(d)
			}
		case "data_offsets":
			if haveOffsets {
				return bad(errors.New("duplicate key \"data_offsets\""))
			}
			haveOffsets = true
			offs, err := readIntArray(dec, 3)
			if err != nil {
				return bad(fmt.Errorf("data_offsets: %v", err))
			}
			if len(offs) != 2 {
				return TensorInfo{}, fmt.Errorf("%w: want 2 offsets, got %d", ErrBadOffsets, len(offs))
			}
			ti.Begin, ti.End = offs[0], offs[1]
		default:
			return bad(fmt.Errorf("unknown field %q", key))
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return bad(err)
	}
	if !haveDType || !haveShape || !haveOffsets {
		return bad(errors.New("missing dtype, shape or data_offsets"))
	}
	return ti, nil
}

// validate checks every tensor against the data buffer length: known
// dtype, sane shape, offsets in range and of the right size, no overlap.
func validate(tensors []TensorInfo, dataLen int64) error {
	for _, t := range tensors {
		if !t.DType.Valid() {
			return fmt.Errorf("%w: tensor %q: %q", ErrUnknownDType, t.Name, string(t.DType))
		}
		size, ok := byteSize(t.DType, t.Shape)
		if !ok {
			return fmt.Errorf("%w: tensor %q: shape %v overflows", ErrBadShape, t.Name, t.Shape)
		}
		switch {
		case t.Begin < 0 || t.End < t.Begin:
			return fmt.Errorf("%w: tensor %q: [%d, %d] is reversed", ErrBadOffsets, t.Name, t.Begin, t.End)
		case t.End > dataLen:
			return fmt.Errorf("%w: tensor %q: end %d is past the data buffer (%d bytes)", ErrBadOffsets, t.Name, t.End, dataLen)
		case t.End-t.Begin != size:
			return fmt.Errorf("%w: tensor %q: %d bytes for %s%v, want %d", ErrBadOffsets, t.Name, t.End-t.Begin, t.DType, t.Shape, size)
		}
	}
	order := make([]int, 0, len(tensors))
	for i, t := range tensors {
		if t.End > t.Begin {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool { return tensors[order[a]].Begin < tensors[order[b]].Begin })
	for k := 1; k < len(order); k++ {
		prev, cur := tensors[order[k-1]], tensors[order[k]]
		if cur.Begin < prev.End {
			return fmt.Errorf("%w: tensor %q overlaps tensor %q", ErrBadOffsets, cur.Name, prev.Name)
		}
	}
	return nil
}
