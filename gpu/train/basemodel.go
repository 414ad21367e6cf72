package train

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// baseModel is the small base this project trained itself (see
// testdata/factory-base/README.md for the command that reproduces it).
//
//go:embed testdata/factory-base/config.json testdata/factory-base/model.safetensors testdata/factory-base/tokenizer.json testdata/factory-base/tokenizer_config.json
var baseModel embed.FS

// BaseModelName is the API name of the embedded base.
const BaseModelName = "provenet-base-2m"

// WriteBaseModel writes the embedded, trained base model (a Hugging Face
// directory: config.json, f16 safetensors, byte-level BPE tokenizer) to
// dir. devnet serves it, so that answers are text, not noise.
func WriteBaseModel(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return fs.WalkDir(baseModel, "testdata/factory-base", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := baseModel.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.Base(path))
		if err := os.WriteFile(dst+".tmp", b, 0o644); err != nil {
			return fmt.Errorf("write base model: %w", err)
		}
		return os.Rename(dst+".tmp", dst)
	})
}
