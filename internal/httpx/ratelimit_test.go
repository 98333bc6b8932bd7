package httpx

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(30, 0, func() time.Time { return now })
	for i := range 30 {
		if ok, _ := l.Allow("203.0.113.7"); !ok {
			t.Fatalf("event %d refused within the burst", i+1)
		}
	}
	ok, retry := l.Allow("203.0.113.7")
	if ok || retry != 2*time.Second {
		t.Fatalf("31st event: ok=%v retry=%v, want refused with Retry-After 2s (30/min)", ok, retry)
	}
	if blocked, _ := l.Blocked("203.0.113.7"); !blocked {
		t.Error("Blocked should report the empty bucket")
	}
	if ok, _ := l.Allow("198.51.100.1"); !ok {
		t.Error("another key is limited separately")
	}
	now = now.Add(2 * time.Second)
	if ok, _ := l.Allow("203.0.113.7"); !ok {
		t.Error("one event should be allowed again after 2s")
	}
	now = now.Add(10 * time.Minute)
	l.Allow("x") // sweeps full buckets
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets kept after a sweep, want only the new one", n)
	}
	var none *Limiter
	if ok, _ := none.Allow("k"); !ok {
		t.Error("a nil limiter allows everything")
	}
	if NewLimiter(0, 0, nil) != nil {
		t.Error("a zero rate means no limiter")
	}
}
