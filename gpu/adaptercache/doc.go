// Package adaptercache is a tiered, just-in-time cache for LoRA adapters.
//
// It is generic and knows nothing of tensors: a Loader turns an adapter
// ID (a CID) into a value of type T from the local disk tier, and an
// optional Fetcher brings an adapter's files from a peer into that disk
// tier when the Loader reports it missing (ErrNotLocal or fs.ErrNotExist).
//
// Acquire pins an adapter until its release function is called. A hit
// costs a map lookup under a mutex; a miss loads once however many
// requests wait for it (single-flight). Resident adapters count against a
// memory budget in bytes, and the least recently used unpinned adapters
// are evicted to stay within it.
//
// Overshoot: a pinned adapter is never evicted. When everything resident
// is pinned the cache lets memory exceed the budget instead of blocking
// (blocking could deadlock a batch that needs several adapters at once);
// the excess is reported through Metrics.Overshoot and Budget/Used, and
// is paid back by eviction as soon as pins are released.
//
// Values that implement io.Closer are closed when evicted or removed,
// never while pinned.
package adaptercache
