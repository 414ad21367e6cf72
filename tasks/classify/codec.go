package classify

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// Model encoding. A model is
//
//	magic "PVNB", version byte 3,
//	config: bucket bits (1 byte), flags (1 byte: 1 word bigrams, 2 binary,
//	  4 fit prior, 8 complement, 16 adjust priors, 32 label precision),
//	  char n-gram min and max (1 byte each),
//	  alpha, temperature, length exponent, threshold (IEEE 754 float64,
//	  big-endian),
//	  max text bytes, max labels (uvarint),
//	precision map: count (uvarint, at most MaxKnots), then per knot its
//	  probability and confidence (float64; both strictly increasing, in
//	  (0, 1], confidences in thousandths),
//	prior shift: count (uvarint: 0, or the number of labels), then per
//	  label its shift (float64, finite; see priorShift),
//	label precision maps: count (uvarint: 0, or the number of labels),
//	  then per label a precision map as above (possibly empty),
//	labels: count (uvarint), then per label, in increasing byte order, its
//	  length (uvarint), bytes and number of examples (uvarint, at least 1),
//	rows: count (uvarint), then per used bucket, in increasing order, the
//	  bucket (uvarint; after the first, the gap to the previous one, at
//	  least 1), how many labels have a non-zero count (uvarint, at least 1)
//	  and for each the label index (uvarint; after the first, the gap,
//	  at least 1) and the count (uvarint, 1 to 2^32-1).
//
// Every model has exactly one encoding: Unmarshal rejects anything Marshal
// would not write. Version 2 is the same without the prior shift, the
// label precision maps and their flags; Unmarshal still reads it (Marshal then writes the
// model as version 3).
const (
	modelMagic   = "PVNB"
	modelVersion = 3
	// modelVersionNoShift is the version before the prior shift.
	modelVersionNoShift = 2

	flagBigrams    = 1 << 0
	flagBinary     = 1 << 1
	flagFitPrior   = 1 << 2
	flagComplement = 1 << 3
	flagAdjust     = 1 << 4
	flagLabelPrec  = 1 << 5
	flagsV2        = flagBigrams | flagBinary | flagFitPrior | flagComplement
	flagsKnown     = flagsV2 | flagAdjust | flagLabelPrec

	// MaxModelBytes bounds what Unmarshal accepts.
	MaxModelBytes = 256 << 20
)

// Marshal encodes the model, configuration included. Two classifiers with
// the same configuration trained on the same examples, in any order, encode
// to the same bytes.
func (nb *NaiveBayes) Marshal() ([]byte, error) {
	nb.mu.RLock()
	defer nb.mu.RUnlock()
	return nb.marshal(modelVersion)
}

// marshal encodes the model in version v. The caller holds nb.mu.
func (nb *NaiveBayes) marshal(v byte) ([]byte, error) {
	m := nb.m
	if len(m.labels) == 0 {
		return nil, ErrUntrained
	}
	c := nb.cfg
	c.Temperature, c.LengthExponent = nb.temp, nb.lenExp
	b := make([]byte, 0, 64+len(m.index)*6)
	b = append(b, modelMagic...)
	b = append(b, v, byte(c.BucketBits), configFlags(c), byte(c.CharNGramMin), byte(c.CharNGramMax))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.Alpha))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.Temperature))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.LengthExponent))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.Threshold))
	b = binary.AppendUvarint(b, uint64(c.MaxTextBytes))
	b = binary.AppendUvarint(b, uint64(c.MaxLabels))
	b = appendPrecision(b, nb.precision)
	if v >= modelVersion {
		b = binary.AppendUvarint(b, uint64(len(nb.shift)))
		for _, s := range nb.shift {
			b = binary.BigEndian.AppendUint64(b, math.Float64bits(s))
		}
		b = binary.AppendUvarint(b, uint64(len(nb.labelPrecision)))
		for _, lm := range nb.labelPrecision {
			b = appendPrecision(b, lm)
		}
	}

	L := len(m.labels)
	b = binary.AppendUvarint(b, uint64(L))
	for i, l := range m.labels {
		b = binary.AppendUvarint(b, uint64(len(l)))
		b = append(b, l...)
		b = binary.AppendUvarint(b, m.docs[i])
	}

	buckets := make([]uint32, 0, len(m.index))
	for k := range m.index {
		buckets = append(buckets, k)
	}
	slices.Sort(buckets)
	b = binary.AppendUvarint(b, uint64(len(buckets)))
	prev := uint32(0)
	for i, k := range buckets {
		if i == 0 {
			b = binary.AppendUvarint(b, uint64(k))
		} else {
			b = binary.AppendUvarint(b, uint64(k-prev))
		}
		prev = k
		r := int(m.index[k])
		row := m.rows[r*L : (r+1)*L]
		nnz := 0
		for _, v := range row {
			if v != 0 {
				nnz++
			}
		}
		b = binary.AppendUvarint(b, uint64(nnz))
		last := -1
		for l, v := range row {
			if v == 0 {
				continue
			}
			if last < 0 {
				b = binary.AppendUvarint(b, uint64(l))
			} else {
				b = binary.AppendUvarint(b, uint64(l-last))
			}
			b = binary.AppendUvarint(b, uint64(v))
			last = l
		}
	}
	return b, nil
}

func appendPrecision(b []byte, pm precisionMap) []byte {
	b = binary.AppendUvarint(b, uint64(len(pm.p)))
	for i, p := range pm.p {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(p))
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(pm.conf[i]))
	}
	return b
}

// precision reads a precision map; the caller checks it is valid.
func (d *decoder) precision() precisionMap {
	var pm precisionMap
	knots := int(d.uvarint("knots", uint64(min(MaxKnots, d.left()/16))))
	for range knots {
		pm.p = append(pm.p, d.float())
		pm.conf = append(pm.conf, d.float())
	}
	return pm
}

// MarshalBinary implements encoding.BinaryMarshaler; it is Marshal.
func (nb *NaiveBayes) MarshalBinary() ([]byte, error) { return nb.Marshal() }

func configFlags(c Config) byte {
	var f byte
	if c.WordBigrams {
		f |= flagBigrams
	}
	if c.Binary {
		f |= flagBinary
	}
	if c.FitPrior {
		f |= flagFitPrior
	}
	if c.Complement {
		f |= flagComplement
	}
	if c.AdjustPriors {
		f |= flagAdjust
	}
	if c.LabelPrecision {
		f |= flagLabelPrec
	}
	return f
}

// decoder reads the model encoding. Its methods fail with ErrMalformed.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", ErrMalformed, fmt.Sprintf(format, args...), d.off)
	}
}

func (d *decoder) left() int { return len(d.b) - d.off }

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > d.left() {
		d.fail("truncated")
		return nil
	}
	p := d.b[d.off : d.off+n]
	d.off += n
	return p
}

func (d *decoder) byte() byte {
	p := d.bytes(1)
	if p == nil {
		return 0
	}
	return p[0]
}

func (d *decoder) float() float64 {
	p := d.bytes(8)
	if p == nil {
		return 0
	}
	return math.Float64frombits(binary.BigEndian.Uint64(p))
}

// uvarint reads a uvarint no greater than limit.
func (d *decoder) uvarint(what string, limit uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad uvarint for %s", what)
		return 0
	}
	d.off += n
	if v > limit {
		d.fail("%s %d over %d", what, v, limit)
		return 0
	}
	return v
}

// Unmarshal decodes a model that Marshal wrote. It is safe on untrusted
// bytes: it fails with ErrTooLarge over MaxModelBytes, ErrVersion for an
// unknown version and ErrMalformed for anything else Marshal would not
// write, and it allocates in proportion to the input, within MaxCells.
func Unmarshal(data []byte) (*NaiveBayes, error) {
	if len(data) > MaxModelBytes {
		return nil, fmt.Errorf("%w: model of %d bytes, limit %d", ErrTooLarge, len(data), MaxModelBytes)
	}
	d := &decoder{b: data}
	if string(d.bytes(len(modelMagic))) != modelMagic {
		return nil, fmt.Errorf("%w: not a model", ErrMalformed)
	}
	version := d.byte()
	if d.err != nil {
		return nil, d.err
	} else if version != modelVersion && version != modelVersionNoShift {
		return nil, fmt.Errorf("%w: version %d, want %d or %d", ErrVersion, version, modelVersionNoShift, modelVersion)
	}
	var c Config
	c.BucketBits = int(d.byte())
	flags := d.byte()
	c.CharNGramMin, c.CharNGramMax = int(d.byte()), int(d.byte())
	c.Alpha, c.Temperature, c.LengthExponent, c.Threshold = d.float(), d.float(), d.float(), d.float()
	c.MaxTextBytes = int(d.uvarint("max text bytes", 1<<30))
	c.MaxLabels = int(d.uvarint("max labels", MaxLabelsLimit))
	pm := d.precision()
	var shift []float64
	var labelPM []precisionMap
	if version >= modelVersion {
		n := int(d.uvarint("prior shift", uint64(min(MaxLabelsLimit, d.left()/8))))
		for range n {
			v := d.float()
			if math.IsNaN(v) || math.IsInf(v, 0) {
				d.fail("prior shift %v", v)
			}
			shift = append(shift, v)
		}
		n = int(d.uvarint("label precision maps", uint64(min(MaxLabelsLimit, d.left()))))
		for range n {
			lm := d.precision()
			if d.err == nil && !lm.valid() {
				d.fail("label precision map")
			}
			labelPM = append(labelPM, lm)
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if !pm.valid() {
		return nil, fmt.Errorf("%w: precision map", ErrMalformed)
	}
	known := byte(flagsKnown)
	if version == modelVersionNoShift {
		known = flagsV2
	}
	if flags&^known != 0 {
		return nil, fmt.Errorf("%w: unknown flags %#x", ErrMalformed, flags)
	}
	c.WordBigrams = flags&flagBigrams != 0
	c.Binary = flags&flagBinary != 0
	c.FitPrior = flags&flagFitPrior != 0
	c.Complement = flags&flagComplement != 0
	c.AdjustPriors = flags&flagAdjust != 0
	c.LabelPrecision = flags&flagLabelPrec != 0
	nb, err := NewNaiveBayes(c)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}

	m := newModel()
	// Each label takes at least two bytes, each row at least three.
	L := int(d.uvarint("labels", uint64(min(c.MaxLabels, d.left()/2))))
	if d.err == nil && L == 0 {
		d.fail("no labels")
	}
	m.labels = make([]string, 0, L)
	m.docs = make([]uint64, 0, L)
	m.totals = make([]uint64, L)
	for i := 0; i < L && d.err == nil; i++ {
		label := string(d.bytes(int(d.uvarint("label length", MaxLabelBytes))))
		docs := d.uvarint("examples", math.MaxUint64)
		switch {
		case d.err != nil:
		case ValidateLabel(label) != nil:
			d.fail("label %d: %v", i, ValidateLabel(label))
		case i > 0 && label <= m.labels[i-1]:
			d.fail("labels out of order")
		case docs == 0:
			d.fail("label %q has no examples", label)
		}
		m.labels = append(m.labels, label)
		m.docs = append(m.docs, docs)
	}
	nrows := int(d.uvarint("rows", uint64(min(d.left()/3, MaxCells/max(L, 1)))))
	if d.err != nil {
		return nil, d.err
	}
	m.index = make(map[uint32]int32, nrows)
	m.rows = make([]uint32, 0, nrows*L)
	var all uint64
	for _, n := range m.docs {
		if all+n < all {
			return nil, fmt.Errorf("%w: example counts overflow", ErrMalformed)
		}
		all += n
	}
	bucketLimit := uint64(1)<<c.BucketBits - 1
	var bucket uint64
	for r := 0; r < nrows && d.err == nil; r++ {
		if r == 0 {
			bucket = d.uvarint("bucket", bucketLimit)
		} else {
			gap := d.uvarint("bucket gap", bucketLimit)
			if gap == 0 || bucket+gap > bucketLimit {
				d.fail("bucket gap %d after %d", gap, bucket)
			}
			bucket += gap
		}
		nnz := int(d.uvarint("non-zero labels", uint64(L)))
		if d.err == nil && nnz == 0 {
			d.fail("empty row")
		}
		m.index[uint32(bucket)] = int32(r)
		m.rows = append(m.rows, make([]uint32, L)...)
		row := m.rows[r*L:]
		label := 0
		for j := 0; j < nnz && d.err == nil; j++ {
			if j == 0 {
				label = int(d.uvarint("label index", uint64(L-1)))
			} else {
				gap := int(d.uvarint("label gap", uint64(L-1)))
				if gap == 0 || label+gap >= L {
					d.fail("label gap %d after %d", gap, label)
					break
				}
				label += gap
			}
			count := d.uvarint("count", math.MaxUint32)
			if d.err == nil && count == 0 {
				d.fail("zero count")
			}
			row[label] = uint32(count)
			m.totals[label] += count
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.left() != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrMalformed, d.left())
	}
	if shift != nil && len(shift) != len(m.labels) {
		return nil, fmt.Errorf("%w: prior shift for %d labels, model has %d", ErrMalformed, len(shift), len(m.labels))
	}
	if labelPM != nil && len(labelPM) != len(m.labels) {
		return nil, fmt.Errorf("%w: label precision maps for %d labels, model has %d", ErrMalformed, len(labelPM), len(m.labels))
	}
	nb.m = m
	nb.precision = pm
	nb.shift = shift
	nb.labelPrecision = labelPM
	// One model, one encoding: this also rejects over-long uvarints.
	again, err := nb.marshal(version)
	if err != nil || !bytes.Equal(again, data) {
		return nil, fmt.Errorf("%w: not canonical", ErrMalformed)
	}
	return nb, nil
}
