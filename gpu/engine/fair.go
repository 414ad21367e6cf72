package engine

import "strings"

// fairQueue holds waiting sequences in one FIFO per adapter set and hands
// them out round-robin over the sets: a burst of requests for one adapter
// waits its turn behind one request of each other adapter.
type fairQueue struct {
	queues map[string][]*seq
	order  []string // keys with waiting sequences, in round-robin order
	n      int
}

func (q *fairQueue) len() int { return q.n }

func (q *fairQueue) push(s *seq) {
	if q.queues == nil {
		q.queues = make(map[string][]*seq)
	}
	if len(q.queues[s.key]) == 0 {
		q.order = append(q.order, s.key)
	}
	q.queues[s.key] = append(q.queues[s.key], s)
	q.n++
}

// peek returns the next sequence to admit, or nil.
func (q *fairQueue) peek() *seq {
	if len(q.order) == 0 {
		return nil
	}
	return q.queues[q.order[0]][0]
}

// pop removes and returns the next sequence, rotating its key to the back.
func (q *fairQueue) pop() *seq {
	if len(q.order) == 0 {
		return nil
	}
	k := q.order[0]
	list := q.queues[k]
	s := list[0]
	list[0] = nil
	list = list[1:]
	q.order = q.order[1:]
	if len(list) == 0 {
		delete(q.queues, k)
	} else {
		q.queues[k] = list
		q.order = append(q.order, k)
	}
	q.n--
	return s
}

func compareKeys(a, b string) int { return strings.Compare(a, b) }
