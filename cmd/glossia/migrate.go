package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/glossia/glossia/internal/sqlstore"
)

// runMigrate applies the embedded migrations and prints the schema version.
// Serving also migrates at start-up; this command lets operators do it as a
// separate deployment step.
func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dbURL := fs.String("database-url", orDefault(getenv("GLOSSIA_DATABASE_URL"), "glossia.db"), "SQLite file path, or a postgres:// URL ($GLOSSIA_DATABASE_URL)")
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: glossia migrate [--database-url URL]\n\nApplies the embedded migrations, then prints the schema version.\n\nExample:\n  GLOSSIA_DATABASE_URL=postgres://glossia@db/glossia glossia migrate")
	}
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			fs.Usage()
		}
		return err
	}
	store, err := sqlstore.Open(ctx, sqlstore.Options{URL: *dbURL, Logger: newLogger("text", 0, stderr)})
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer store.Close()
	v, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database schema is at version %d (%s)\n", v, store.Dialect())
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
