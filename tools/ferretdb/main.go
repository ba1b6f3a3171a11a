// Command ferretdb is a tiny wrapper around FerretDB's embeddable package.
//
// A plain `go install` of FerretDB's own cmd panics at start-up because the
// generated build/version/version.txt is not part of the published module;
// the embeddable package does not need it.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	data := flag.String("data", "data", "directory for SQLite databases")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// Passed on to FerretDB's SQLite URL (scripts/infra sets synchronous=normal or full).
	sqliteQuery := flag.String("sqlite-query", "", "query parameters for SQLite, e.g. _pragma=synchronous(normal)")
	// A TLS listener beside the plain one (the secured-connections test talks to it).
	listenTLS := flag.String("listen-tls", "", "TLS address to listen on; empty: no TLS listener")
	tlsCert := flag.String("listen-tls-cert-file", "", "TLS server certificate (PEM)")
	tlsKey := flag.String("listen-tls-key-file", "", "TLS server key (PEM)")
	tlsCA := flag.String("listen-tls-ca-file", "", "CA (PEM) client certificates must be signed by; empty: none asked for")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		slog.Error("bad -log-level", "error", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	dir, err := filepath.Abs(*data)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		logger.Error("cannot create data directory", "error", err)
		os.Exit(1)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen, TLS: *listenTLS, TLSCertFile: *tlsCert, TLSKeyFile: *tlsKey, TLSCAFile: *tlsCA},
		Logger:   logger,
		Handler:  "sqlite",
		// The SQLite handler wants a directory URI with a trailing slash.
		SQLiteURL: "file:" + dir + "/" + sqliteURLQuery(*sqliteQuery),
	})
	if err != nil {
		logger.Error("cannot create FerretDB", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// Printed so that supervisors can wait for it; the listener is bound by now.
	logger.Warn("FerretDB listening", "addr", *listen, "tls", *listenTLS, "data", dir)

	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped with error", "error", err)
		os.Exit(1)
	}
}

func sqliteURLQuery(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}
