//go:build !linux

package safetensors

// mapFile reads the whole file; only the Linux build maps it.
func mapFile(path string) ([]byte, func() error, error) { return readWhole(path) }
