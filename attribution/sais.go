package attribution

// This file builds suffix arrays with SA-IS (Nong, Zhang and Chan, "Two
// Efficient Algorithms for Linear Time Suffix Array Construction", 2011)
// for an integer alphabet. The text has a virtual sentinel: position n
// holds a character smaller than every other and is not stored, so the
// caller needs no terminator.

// sais sets sa to the suffix array of text, whose values are in [0, k):
// sa[r] is the start of the r-th smallest suffix. len(sa) == len(text).
// Memory besides text and sa: n bytes of types and 2k ints at this level,
// at most half of that in the recursion.
func sais(text, sa []int32, k int) {
	n := len(text)
	switch n {
	case 0:
		return
	case 1:
		sa[0] = 0
		return
	}
	// stype[i] reports that suffix i is S-type (smaller than suffix i+1).
	// Suffix n-1 is L-type: the sentinel after it is smaller.
	stype := make([]bool, n)
	for i := n - 2; i >= 0; i-- {
		stype[i] = text[i] < text[i+1] || (text[i] == text[i+1] && stype[i+1])
	}
	isLMS := func(i int) bool { return i > 0 && stype[i] && !stype[i-1] }

	cnt := make([]int32, k)
	for _, c := range text {
		cnt[c]++
	}
	bkt := make([]int32, k)

	// Step 1: sort the LMS substrings by one induced sort from the LMS
	// positions placed at their buckets' ends.
	for i := range sa {
		sa[i] = -1
	}
	bucketEnds(cnt, bkt)
	for i := 1; i < n; i++ {
		if isLMS(i) {
			c := text[i]
			bkt[c]--
			sa[bkt[c]] = int32(i)
		}
	}
	induce(text, sa, stype, cnt, bkt)

	// Step 2: name the sorted LMS substrings; equal substrings get equal
	// names. Compact them into sa[:n1], names into sa[n1:] at pos/2 (LMS
	// positions are at least 2 apart), then gather the names in text order
	// at the end of sa: the reduced string s1.
	n1 := 0
	for i := 0; i < n; i++ {
		if isLMS(int(sa[i])) {
			sa[n1] = sa[i]
			n1++
		}
	}
	for i := n1; i < n; i++ {
		sa[i] = -1
	}
	names, prev := 0, -1
	for i := 0; i < n1; i++ {
		pos := int(sa[i])
		if prev < 0 || !equalLMS(text, stype, pos, prev) {
			names++
			prev = pos
		}
		sa[n1+pos/2] = int32(names - 1)
	}
	j := n - 1
	for i := n - 1; i >= n1; i-- {
		if sa[i] >= 0 {
			sa[j] = sa[i]
			j--
		}
	}
	s1, sa1 := sa[n-n1:], sa[:n1]

	// Sort the LMS suffixes: recursively when names repeat, else directly.
	if names < n1 {
		sais(s1, sa1, names)
	} else {
		for i := 0; i < n1; i++ {
			sa1[s1[i]] = int32(i)
		}
	}

	// Step 3: map the reduced suffix array back to LMS positions, put them
	// at their buckets' ends in sorted order and induce the rest.
	j = 0
	for i := 1; i < n; i++ {
		if isLMS(i) {
			s1[j] = int32(i)
			j++
		}
	}
	for i := 0; i < n1; i++ {
		sa1[i] = s1[sa1[i]]
	}
	for i := n1; i < n; i++ {
		sa[i] = -1
	}
	bucketEnds(cnt, bkt)
	for i := n1 - 1; i >= 0; i-- {
		p := sa[i]
		sa[i] = -1
		c := text[p]
		bkt[c]--
		sa[bkt[c]] = p
	}
	induce(text, sa, stype, cnt, bkt)
}

// equalLMS reports whether the LMS substrings at a and b are equal: the
// same characters and types up to and including the next LMS position.
// One reaching the sentinel makes them differ (the sentinel is unique).
func equalLMS(text []int32, stype []bool, a, b int) bool {
	n := len(text)
	for d := 0; ; d++ {
		if a+d == n || b+d == n {
			return false
		}
		if text[a+d] != text[b+d] || stype[a+d] != stype[b+d] {
			return false
		}
		if d > 0 && stype[a+d] && !stype[a+d-1] {
			// a+d is LMS; with equal types so far, so is b+d.
			return true
		}
	}
}

// induce sorts the L-type suffixes from the LMS suffixes in sa (left to
// right), then the S-type suffixes from the L-type ones (right to left).
func induce(text, sa []int32, stype []bool, cnt, bkt []int32) {
	n := len(text)
	bucketHeads(cnt, bkt)
	// The sentinel suffix comes first; suffix n-1 (L-type) follows it.
	c := text[n-1]
	sa[bkt[c]] = int32(n - 1)
	bkt[c]++
	for i := 0; i < n; i++ {
		p := sa[i] - 1
		if p >= 0 && !stype[p] {
			c := text[p]
			sa[bkt[c]] = p
			bkt[c]++
		}
	}
	bucketEnds(cnt, bkt)
	for i := n - 1; i >= 0; i-- {
		p := sa[i] - 1
		if p >= 0 && stype[p] {
			c := text[p]
			bkt[c]--
			sa[bkt[c]] = p
		}
	}
}

func bucketHeads(cnt, bkt []int32) {
	var sum int32
	for c, x := range cnt {
		bkt[c] = sum
		sum += x
	}
}

func bucketEnds(cnt, bkt []int32) {
	var sum int32
	for c, x := range cnt {
		sum += x
		bkt[c] = sum
	}
}
