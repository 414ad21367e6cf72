// Package archtest holds the module's import rules and the small checker
// that enforces them.
//
// The rules are one table in archtest_test.go; `go test ./internal/archtest`
// loads the package graph once with `go list -deps -test -json ./...` from
// the module root and checks every row against it. A rule names the
// packages it constrains (From, minus Except), the imports they must not
// have (Forbid, minus Allow), and how far to look: a package's own imports
// only (Direct) or everything it builds against, and whether its _test.go
// files count (Tests). A row with Pending set is a rule we want but that
// fails today: it is reported as skipped with its violations, and it fails
// once it holds, so that the table is kept honest.
//
// Patterns are import paths relative to the module ("p2p", "gpu/..."),
// absolute when the first element has a dot ("github.com/libp2p/..."), or
// one of "./..." (every package of the module), "..." (every package) and
// "std" (the standard library). "x/..." matches x and every package under
// it.
//
// The graph is the one the go command sees for the host's GOOS, GOARCH and
// default build tags; files behind other build constraints are not checked.
package archtest
