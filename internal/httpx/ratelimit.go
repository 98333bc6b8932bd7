package httpx

import (
	"math"
	"sync"
	"time"
)

// Limiter is a set of token buckets, one per key (a client IP, a token id),
// held in memory. Limits are per instance by design: N instances behind a
// load balancer allow N times the configured rate in the worst case, which
// keeps the request path free of database writes.
type Limiter struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter returns a limiter that allows perMinute events a minute per key
// on average, and bursts of up to burst events. A perMinute of zero or less
// returns nil, and a nil *Limiter allows everything.
func NewLimiter(perMinute, burst int, now func() time.Time) *Limiter {
	if perMinute <= 0 {
		return nil
	}
	if burst <= 0 {
		burst = perMinute
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{
		rate:    float64(perMinute) / 60,
		burst:   float64(burst),
		now:     now,
		buckets: make(map[string]*bucket),
	}
}

// Allow takes one event from key's bucket. When the bucket is empty it
// returns false and how long until the next event is allowed.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b := l.fill(key, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, l.wait(b)
}

// Blocked reports, without taking an event, whether key's bucket is empty,
// and how long until it holds one event again.
func (l *Limiter) Blocked(key string) (blocked bool, retryAfter time.Duration) {
	if l == nil {
		return false, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.buckets[key]; !ok {
		return false, 0
	}
	b := l.fill(key, l.now())
	if b.tokens >= 1 {
		return false, 0
	}
	return true, l.wait(b)
}

func (l *Limiter) fill(key string, now time.Time) *bucket {
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
		return b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(l.burst, b.tokens+elapsed*l.rate)
		b.last = now
	}
	return b
}

func (l *Limiter) wait(b *bucket) time.Duration {
	secs := math.Ceil((1 - b.tokens) / l.rate)
	return time.Duration(secs) * time.Second
}

// sweep drops full buckets once a minute, so memory stays bounded by the
// keys active in the last few minutes.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for key, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, key)
		}
	}
}
