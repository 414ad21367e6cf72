// Package hf parses the Hugging Face JSON files that come with a model or
// an adapter: config.json (LLaMA-family architectures), PEFT
// adapter_config.json, tokenizer_config.json and generation_config.json.
// It holds plain structs, defaults and validation only; the engine decides
// what to do with them.
//
// Parsers accept the spellings the Hugging Face libraries write (an id or
// a list of ids, a string or an object for a special token, and so on),
// ignore keys they do not use, and never panic on hostile input. Errors
// wrap the sentinel errors below.
package hf

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Sentinel errors.
var (
	// ErrBadConfig: malformed JSON, a missing or out-of-range value.
	ErrBadConfig = errors.New("hf: bad config")
	// ErrUnsupportedArch: a model_type the engine does not implement.
	ErrUnsupportedArch = errors.New("hf: unsupported architecture")
	// ErrUnsupported: a valid Hugging Face setting the engine does not
	// implement (a PEFT bias mode, a regex target, DoRA, ...).
	ErrUnsupported = errors.New("hf: unsupported setting")
)

// maxFileSize caps every JSON file this package reads; tokenizer configs
// with large added-token tables are the biggest, at a few MiB.
const maxFileSize = 32 << 20

// readFile reads dir/name, refusing files over maxFileSize. A missing
// file's error satisfies errors.Is(err, fs.ErrNotExist).
func readFile(dir, name string) ([]byte, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("hf: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("hf: read %s: %w", path, err)
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrBadConfig, path, maxFileSize)
	}
	return b, nil
}
