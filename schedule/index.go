package schedule

import "hash/maphash"

// idIndex maps activity ids to their positions. It is an open-addressing table of
// 64-bit slots (a 32-bit hash tag and the position), so most look-ups touch one
// cache line of the table and then compare one id; on networks of a million
// activities it is several times faster than a map[string]int32.
type idIndex struct {
	seed  maphash.Seed
	slots []uint64
	mask  uint64
	ids   []string // ids by position, densely, so a confirming compare touches little memory
}

func newIDIndex(n int) *idIndex {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &idIndex{seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: uint64(size - 1), ids: make([]string, n)}
}

func (x *idIndex) hash(s string) (pos uint64, tag uint64) {
	h := maphash.String(x.seed, s)
	tag = h >> 32
	if tag == 0 {
		tag = 1
	}
	return h & x.mask, tag << 32
}

// insert adds id at position i, or returns the position already holding id.
func (x *idIndex) insert(id string, i int32) (int32, bool) {
	pos, tag := x.hash(id)
	for {
		s := x.slots[pos]
		if s == 0 {
			x.slots[pos] = tag | uint64(uint32(i)+1)
			x.ids[i] = id
			return i, true
		}
		if s&^0xffffffff == tag {
			j := int32(uint32(s) - 1)
			if x.ids[j] == id {
				return j, false
			}
		}
		pos = (pos + 1) & x.mask
	}
}

// get returns the position of id.
func (x *idIndex) get(id string) (int32, bool) {
	pos, tag := x.hash(id)
	for {
		s := x.slots[pos]
		if s == 0 {
			return -1, false
		}
		if s&^0xffffffff == tag {
			j := int32(uint32(s) - 1)
			if x.ids[j] == id {
				return j, true
			}
		}
		pos = (pos + 1) & x.mask
	}
}
