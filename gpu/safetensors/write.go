package safetensors

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/provenet/provenet/gpu/half"
)

// NamedTensor is one tensor to write: Data holds its little-endian bytes.
type NamedTensor struct {
	Name  string
	DType DType
	Shape []int
	Data  []byte
}

// Write writes a safetensors file to w. The output is deterministic: as in
// the reference writer, tensors are laid out (and listed in the header) by
// element size, largest first, then by name, so every tensor's offset is
// aligned to its element size; the metadata comes first with sorted keys,
// and the header is padded with spaces to a multiple of 8 bytes.
func Write(w io.Writer, tensors []NamedTensor, metadata map[string]string) error {
	order, err := checkTensors(tensors)
	if err != nil {
		return err
	}
	hdr, err := buildHeader(tensors, order, metadata)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var lenBuf [8]byte
	binary.LittleEndian.PutUint64(lenBuf[:], uint64(len(hdr)))
	if _, err := bw.Write(lenBuf[:]); err != nil {
		return fmt.Errorf("safetensors: write: %w", err)
	}
	if _, err := bw.Write(hdr); err != nil {
		return fmt.Errorf("safetensors: write: %w", err)
	}
	for _, i := range order {
		if _, err := bw.Write(tensors[i].Data); err != nil {
			return fmt.Errorf("safetensors: write %q: %w", tensors[i].Name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("safetensors: write: %w", err)
	}
	return nil
}

// WriteFile writes the file atomically: to a temporary file in the same
// directory, synced, then renamed over path.
func WriteFile(path string, tensors []NamedTensor, metadata map[string]string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = Write(tmp, tensors, metadata); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	return nil
}

// checkTensors validates the tensors and returns their layout order.
func checkTensors(tensors []NamedTensor) ([]int, error) {
	seen := make(map[string]bool, len(tensors))
	for _, t := range tensors {
		switch {
		case t.Name == "" || t.Name == metadataKey || !utf8.ValidString(t.Name):
			return nil, fmt.Errorf("%w: invalid name %q", ErrBadTensor, t.Name)
		case seen[t.Name]:
			return nil, fmt.Errorf("%w: duplicate name %q", ErrBadTensor, t.Name)
		case !t.DType.Valid():
			return nil, fmt.Errorf("%w: tensor %q: unknown dtype %q", ErrBadTensor, t.Name, string(t.DType))
		}
		seen[t.Name] = true
		size, ok := byteSize(t.DType, t.Shape)
		if !ok || size != int64(len(t.Data)) {
			return nil, fmt.Errorf("%w: tensor %q: %d bytes for %s%v", ErrBadTensor, t.Name, len(t.Data), t.DType, t.Shape)
		}
	}
	order := make([]int, len(tensors))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		ta, tb := tensors[order[a]], tensors[order[b]]
		if sa, sb := ta.DType.Size(), tb.DType.Size(); sa != sb {
			return sa > sb
		}
		return ta.Name < tb.Name
	})
	return order, nil
}

func buildHeader(tensors []NamedTensor, order []int, metadata map[string]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	comma := func() {
		if !first {
			buf.WriteByte(',')
		}
		first = false
	}
	if len(metadata) > 0 {
		keys := make([]string, 0, len(metadata))
		for k, v := range metadata {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				return nil, fmt.Errorf("%w: metadata %q is not valid UTF-8", ErrBadTensor, k)
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		comma()
		writeJSONString(&buf, metadataKey)
		buf.WriteString(":{")
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSONString(&buf, k)
			buf.WriteByte(':')
			writeJSONString(&buf, metadata[k])
		}
		buf.WriteByte('}')
	}
	var off int64
	for _, i := range order {
		t := tensors[i]
		comma()
		writeJSONString(&buf, t.Name)
		buf.WriteString(`:{"dtype":`)
		writeJSONString(&buf, string(t.DType))
		buf.WriteString(`,"shape":[`)
		for j, d := range t.Shape {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(strconv.Itoa(d))
		}
		end := off + int64(len(t.Data))
		fmt.Fprintf(&buf, `],"data_offsets":[%d,%d]}`, off, end)
		off = end
	}
	buf.WriteByte('}')
	for buf.Len()%8 != 0 {
		buf.WriteByte(' ')
	}
	if buf.Len() > MaxHeaderSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrHeaderTooLarge, buf.Len())
	}
	return buf.Bytes(), nil
}

// writeJSONString writes s as a JSON string without HTML escaping.
func writeJSONString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a string always encodes
	buf.Truncate(buf.Len() - 1) // drop Encode's newline
}

// EncodeF32 encodes values as little-endian F32 tensor data (see gpu/half).
func EncodeF32(src []float32) []byte { return half.EncodeF32(src) }

// EncodeF16 encodes values as little-endian F16 tensor data (see gpu/half).
func EncodeF16(src []float32) []byte { return half.EncodeF16(src) }

// EncodeBF16 encodes values as little-endian BF16 tensor data (see gpu/half).
func EncodeBF16(src []float32) []byte { return half.EncodeBF16(src) }
