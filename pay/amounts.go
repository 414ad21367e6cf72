package pay

import (
	"fmt"
	"hash/maphash"
	"math/bits"

	"github.com/ethereum/go-ethereum/common"
)

// amounts sums uint64 amounts per address: an open-addressing hash table
// (linear probing) whose slot holds the key and its sum in 32 bytes, so
// that an update touches one cache line; the settlement makes millions of
// them. The hash is maphash with a random seed, so addresses cannot be
// ground to collide. The zero value is empty and ready to use.
type amounts struct {
	seed  maphash.Seed
	slots []amountSlot
	n     int
}

type amountSlot struct {
	key  common.Address
	used bool
	sum  uint64
}

// add adds amt to a's sum, failing with ErrOverflow past 2^64-1.
func (t *amounts) add(a common.Address, amt uint64) error {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.Bytes(t.seed, a[:]) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.used {
			s.key, s.used, s.sum = a, true, amt
			t.n++
			return nil
		}
		if s.key == a {
			sum, c := bits.Add64(s.sum, amt, 0)
			if c != 0 {
				return fmt.Errorf("%w: the epoch's total of %s", ErrOverflow, a.Hex())
			}
			s.sum = sum
			return nil
		}
	}
}

func (t *amounts) grow() {
	old := t.slots
	if len(old) == 0 {
		t.seed = maphash.MakeSeed()
	}
	t.slots = make([]amountSlot, max(64, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if !s.used {
			continue
		}
		i := maphash.Bytes(t.seed, s.key[:]) & mask
		for t.slots[i].used {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// each calls f for every address with a non-zero sum, in no order.
func (t *amounts) each(f func(a common.Address, sum uint64)) {
	for _, s := range t.slots {
		if s.used && s.sum > 0 {
			f(s.key, s.sum)
		}
	}
}
