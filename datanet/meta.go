package datanet

import (
	"context"
	"fmt"
)

// Limits for metadata keys and values.
const (
	MaxMetaKeyBytes   = 256
	MaxMetaValueBytes = 1 << 20
)

// GetMeta returns the value stored under key by PutMeta, or ErrNotFound.
func (s *Store) GetMeta(key string) ([]byte, error) {
	if err := checkMetaKey(key); err != nil {
		return nil, err
	}
	if err := s.acquire(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	v, err := getValue(txn, metaKey(key))
	if err != nil {
		return nil, fmt.Errorf("datanet: meta %q: %w", key, err)
	}
	return v, nil
}

// PutMeta stores val under key, for small node state such as sync cursors.
// It is durable when it returns.
func (s *Store) PutMeta(key string, val []byte) error {
	if err := checkMetaKey(key); err != nil {
		return err
	}
	if len(val) > MaxMetaValueBytes {
		return fmt.Errorf("%w: meta value is %d bytes, limit %d", ErrTooLarge, len(val), MaxMetaValueBytes)
	}
	if err := s.acquire(); err != nil {
		return err
	}
	defer s.mu.RUnlock()
	v := make([]byte, len(val))
	copy(v, val)
	return s.w.submit(context.Background(), &writeReq{kind: opMeta, metaKey: metaKey(key), metaVal: v})
}

func checkMetaKey(key string) error {
	if key == "" || len(key) > MaxMetaKeyBytes {
		return fmt.Errorf("%w: meta key of %d bytes, want 1..%d", ErrInvalid, len(key), MaxMetaKeyBytes)
	}
	return nil
}
