package csvio

import (
	"hash/maphash"
	"math"
)

// Dupes remembers keys (e-mails, SKUs) by row to find repeated ones. It
// keeps a 64-bit hash and an int32 row per key instead of the key itself:
// about 24 bytes per key at worst (24 MiB for a million keys). Two distinct
// keys share a hash with probability about n²/2⁶⁵ (3·10⁻⁸ for a million
// keys); the hash seed is random per Dupes, so such a false duplicate would
// not repeat on the next run. Rows above math.MaxInt32 are stored as
// math.MaxInt32. The zero value is not usable; call NewDupes.
type Dupes struct {
	seed maphash.Seed
	keys []uint64 // open addressing, linear probing; 0 marks an empty slot
	rows []int32
	n    int
}

// NewDupes returns an empty Dupes.
func NewDupes() *Dupes {
	return &Dupes{seed: maphash.MakeSeed(), keys: make([]uint64, 1024), rows: make([]int32, 1024)}
}

// Len returns the number of distinct keys seen.
func (d *Dupes) Len() int { return d.n }

// See records key on row. When key was seen before it returns the row it was
// first seen on and true (and remembers nothing new); otherwise row and
// false. Keys are compared exactly: normalise them (e.g. lowercase e-mails)
// first.
func (d *Dupes) See(key string, row int) (firstRow int, dup bool) {
	h := maphash.String(d.seed, key)
	if h == 0 {
		h = 1
	}
	if (d.n+1)*4 > len(d.keys)*3 {
		d.grow()
	}
	mask := uint64(len(d.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch d.keys[i] {
		case 0:
			d.keys[i] = h
			d.rows[i] = int32(min(row, math.MaxInt32))
			d.n++
			return row, false
		case h:
			return int(d.rows[i]), true
		}
	}
}

func (d *Dupes) grow() {
	keys := make([]uint64, 2*len(d.keys))
	rows := make([]int32, len(keys))
	mask := uint64(len(keys) - 1)
	for j, h := range d.keys {
		if h == 0 {
			continue
		}
		i := h & mask
		for keys[i] != 0 {
			i = (i + 1) & mask
		}
		keys[i] = h
		rows[i] = d.rows[j]
	}
	d.keys, d.rows = keys, rows
}
