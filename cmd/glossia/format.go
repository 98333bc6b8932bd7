package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/glossia/glossia"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printTokenTable prints tokens as an aligned table.
func printTokenTable(w io.Writer, tokens []*glossia.Token, now time.Time) {
	if len(tokens) == 0 {
		fmt.Fprintln(w, "No tokens.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tSCOPES\tLAST USED\tEXPIRES\tSTATUS")
	for _, t := range tokens {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, oneLine(t.Name), t.Prefix, glossia.JoinScopes(t.Scopes),
			formatLastUsed(t, now), formatExpiry(t, now), t.Status)
	}
	tw.Flush()
}

// printToken prints one token as labelled lines, or as JSON.
func printToken(w io.Writer, t *glossia.Token, asJSON bool) error {
	if asJSON {
		return writeJSON(w, t)
	}
	now := time.Now()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(label, value string) { fmt.Fprintf(tw, "%s:\t%s\n", label, value) }
	line("ID", t.ID)
	line("Name", oneLine(t.Name))
	if t.Description != "" {
		line("Description", oneLine(t.Description))
	}
	line("Prefix", t.Prefix)
	line("Scopes", glossia.JoinScopes(t.Scopes))
	line("Status", string(t.Status))
	line("Created", formatTime(t.CreatedAt, now)+" via "+string(t.CreatedVia))
	line("Last used", formatLastUsed(t, now))
	line("Expires", formatExpiry(t, now))
	if t.RevokedAt != nil {
		line("Revoked", formatTime(*t.RevokedAt, now))
	}
	return tw.Flush()
}

func formatLastUsed(t *glossia.Token, now time.Time) string {
	if t.LastUsedAt == nil {
		return "Never"
	}
	s := formatTime(*t.LastUsedAt, now)
	if t.LastUsedIP != nil {
		s += " from " + *t.LastUsedIP
	}
	return s
}

func formatExpiry(t *glossia.Token, now time.Time) string {
	if t.ExpiresAt == nil {
		return "Never"
	}
	return formatTime(*t.ExpiresAt, now)
}

// formatTime renders a time for people: relative when close, with the date.
func formatTime(at, now time.Time) string {
	return relative(at, now) + " (" + at.Local().Format("2006-01-02 15:04") + ")"
}

// relative says how far at is from now, in the largest whole unit:
// "3 minutes ago", "in 29 days", "just now".
func relative(at, now time.Time) string {
	d := now.Sub(at)
	future := d < 0
	if future {
		d = -d
	}
	var n int
	var unit string
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		n, unit = int(d/time.Minute), "minute"
	case d < 48*time.Hour:
		n, unit = int(d/time.Hour), "hour"
	default:
		n, unit = int(d/(24*time.Hour)), "day"
	}
	if n != 1 {
		unit += "s"
	}
	if future {
		return fmt.Sprintf("in %d %s", n, unit)
	}
	return fmt.Sprintf("%d %s ago", n, unit)
}

// oneLine keeps a user-entered text on one table row.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
