package web

import (
	"strconv"
	"time"
)

// when is a moment as pages show it: a short text, the machine-readable
// value and the exact time for a tooltip.
type when struct {
	Text     string
	DateTime string
	Exact    string
}

// newWhen formats t with text as its visible form.
func newWhen(t time.Time, text string) when {
	t = t.UTC()
	return when{Text: text, DateTime: t.Format(time.RFC3339), Exact: t.Format("Jan 2, 2006 15:04 UTC")}
}

// dateText is a calendar date as pages show it.
func dateText(t time.Time) string { return t.UTC().Format("Jan 2, 2006") }

// ago says how long before now t was, with minute precision, or the date
// once it is more than a month old.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "Less than a minute ago"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 30*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
	return "On " + dateText(t)
}

// until says how long from now until t, in hours under a day and in
// days, rounded, beyond.
func until(now, t time.Time) string {
	d := t.Sub(now)
	switch {
	case d <= 0:
		return "now"
	case d < time.Hour:
		return "in less than an hour"
	case d < 24*time.Hour:
		return "in " + plural(int(d/time.Hour), "hour")
	}
	return "in " + plural(int((d+12*time.Hour)/(24*time.Hour)), "day")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
