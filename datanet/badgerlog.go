package datanet

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
)

// badgerLogger routes badger's logging to slog. Badger's info and debug
// chatter goes to debug level, so a node at info level only sees its
// warnings and errors.
type badgerLogger struct{ log *slog.Logger }

func (l badgerLogger) emit(level slog.Level, format string, args ...any) {
	if !l.log.Enabled(context.Background(), level) {
		return
	}
	l.log.Log(context.Background(), level, strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (l badgerLogger) Errorf(f string, a ...any)   { l.emit(slog.LevelError, f, a...) }
func (l badgerLogger) Warningf(f string, a ...any) { l.emit(slog.LevelWarn, f, a...) }
func (l badgerLogger) Infof(f string, a ...any)    { l.emit(slog.LevelDebug, f, a...) }
func (l badgerLogger) Debugf(f string, a ...any)   { l.emit(slog.LevelDebug-4, f, a...) }
