package crawl

import (
	"testing"

	"github.com/provenet/provenet/internal/realdata"
)

// pydocRel is python3.11-doc's HTML, relative to a test-data root.
const pydocRel = "usr/share/doc/python3.11/html"

// needTestdata is where the Debian data at rel (relative to a root, such
// as usr/share/doc/diffutils) is; it fails the test when none of the
// roots has it (internal/realdata: `make testdata` fetches it).
func needTestdata(tb testing.TB, rel string) string {
	tb.Helper()
	return realdata.Path(tb, "/"+rel)
}
