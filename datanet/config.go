package datanet

import (
	"fmt"
	"time"
)

// StoreConfig configures a Store.
type StoreConfig struct {
	// Dir is the badger directory. Required unless InMemory.
	Dir string `toml:"dir"`
	// InMemory keeps everything in memory (tests); Dir is then ignored.
	InMemory bool `toml:"in_memory"`
	// SyncWrites makes every acknowledged write durable (fsync before the
	// ack). Default true. With false, a crash may lose acknowledged writes.
	SyncWrites bool `toml:"sync_writes"`
	// MemTableSize is badger's memtable size in bytes. Default 16 MiB.
	MemTableSize int64 `toml:"memtable_size"`
	// NumMemtables is how many memtables badger keeps. Default 2.
	NumMemtables int `toml:"num_memtables"`
	// BlockCacheSize and IndexCacheSize bound badger's caches, in bytes.
	// Defaults 8 MiB and 4 MiB.
	BlockCacheSize int64 `toml:"block_cache_size"`
	IndexCacheSize int64 `toml:"index_cache_size"`
	// ValueLogFileSize is the size of one value-log file. Default 64 MiB.
	ValueLogFileSize int64 `toml:"value_log_file_size"`
	// MaxBatchRecords bounds how many writes one group commit gathers.
	// Default 4096.
	MaxBatchRecords int `toml:"max_batch_records"`
	// Now is the clock for ReceivedAt. Default time.Now.
	Now func() time.Time `toml:"-"`
}

// DefaultStoreConfig returns the defaults for a store in dir.
func DefaultStoreConfig(dir string) StoreConfig {
	return StoreConfig{
		Dir:              dir,
		SyncWrites:       true,
		MemTableSize:     16 << 20,
		NumMemtables:     2,
		BlockCacheSize:   8 << 20,
		IndexCacheSize:   4 << 20,
		ValueLogFileSize: 64 << 20,
		MaxBatchRecords:  4096,
	}
}

// Validate checks the configuration.
func (c StoreConfig) Validate() error {
	switch {
	case c.Dir == "" && !c.InMemory:
		return fmt.Errorf("%w: store: dir is required", ErrInvalid)
	case c.MemTableSize < 4<<20 || c.MemTableSize > 1<<30:
		// A group commit is at most 15% of a memtable and must hold the
		// largest record's keys.
		return fmt.Errorf("%w: store: memtable_size %d, want 4 MiB..1 GiB", ErrInvalid, c.MemTableSize)
	case c.NumMemtables < 1 || c.NumMemtables > 16:
		return fmt.Errorf("%w: store: num_memtables %d, want 1..16", ErrInvalid, c.NumMemtables)
	case c.BlockCacheSize < 1<<20 || c.IndexCacheSize < 0:
		return fmt.Errorf("%w: store: block_cache_size must be at least 1 MiB, index_cache_size not negative", ErrInvalid)
	case c.ValueLogFileSize < 1<<20 || c.ValueLogFileSize > 2<<30:
		return fmt.Errorf("%w: store: value_log_file_size %d, want 1 MiB..2 GiB", ErrInvalid, c.ValueLogFileSize)
	case c.MaxBatchRecords < 1 || c.MaxBatchRecords > 1<<16:
		return fmt.Errorf("%w: store: max_batch_records %d, want 1..65536", ErrInvalid, c.MaxBatchRecords)
	}
	return nil
}
