package hf

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// maxTokenID bounds token ids (well above any vocabulary size we accept).
const maxTokenID = 1 << 30

// TokenIDs is a token id field that Hugging Face writes as null, one
// integer, or a list of integers.
type TokenIDs []int

// UnmarshalJSON accepts null, an integer or a list of integers.
func (t *TokenIDs) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*t = nil
		return nil
	}
	var ids []int
	if len(b) > 0 && b[0] == '[' {
		if err := json.Unmarshal(b, &ids); err != nil {
			return fmt.Errorf("token ids: %w", err)
		}
	} else {
		var id int
		if err := json.Unmarshal(b, &id); err != nil {
			return fmt.Errorf("token id: %w", err)
		}
		ids = []int{id}
	}
	for _, id := range ids {
		if id < 0 || id > maxTokenID {
			return fmt.Errorf("token id %d out of range", id)
		}
	}
	*t = ids
	return nil
}

// MarshalJSON writes null, one integer, or a list, as Hugging Face does.
func (t TokenIDs) MarshalJSON() ([]byte, error) {
	switch len(t) {
	case 0:
		return []byte("null"), nil
	case 1:
		return json.Marshal(t[0])
	default:
		return json.Marshal([]int(t))
	}
}

// First returns the first id, or -1 when there is none.
func (t TokenIDs) First() int {
	if len(t) == 0 {
		return -1
	}
	return t[0]
}

// Contains reports whether id is one of the ids.
func (t TokenIDs) Contains(id int) bool {
	for _, v := range t {
		if v == id {
			return true
		}
	}
	return false
}
