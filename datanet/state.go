package datanet

import "fmt"

// State is a record's lifecycle state. A record is StatePending when
// submitted; the validation process later makes it StateGolden or
// StateRejected.
type State uint8

// Record states. The zero State is not valid.
const (
	StatePending  State = 1
	StateGolden   State = 2
	StateRejected State = 3
)

// Valid reports whether s is one of the defined states.
func (s State) Valid() bool { return s >= StatePending && s <= StateRejected }

// String returns "pending", "golden" or "rejected".
func (s State) String() string {
	switch s {
	case StatePending:
		return "pending"
	case StateGolden:
		return "golden"
	case StateRejected:
		return "rejected"
	default:
		return fmt.Sprintf("state(%d)", uint8(s))
	}
}

// ParseState is the inverse of String.
func ParseState(s string) (State, error) {
	switch s {
	case "pending":
		return StatePending, nil
	case "golden":
		return StateGolden, nil
	case "rejected":
		return StateRejected, nil
	default:
		return 0, fmt.Errorf("%w: unknown state %q", ErrInvalid, s)
	}
}

// MarshalText implements encoding.TextMarshaler.
func (s State) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("%w: state %d", ErrInvalid, uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *State) UnmarshalText(b []byte) error {
	v, err := ParseState(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
