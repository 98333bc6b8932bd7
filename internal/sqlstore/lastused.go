package sqlstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/glossia/glossia"
)

// use is the latest recorded use of a token.
type use struct {
	at        int64 // unix microseconds
	ip, agent string
}

// lastUsedRecorder coalesces token uses in memory: at most one pending
// update per token, the latest one.
type lastUsedRecorder struct {
	mu      sync.Mutex
	pending map[string]use
}

func newLastUsedRecorder() *lastUsedRecorder {
	return &lastUsedRecorder{pending: make(map[string]use)}
}

func (r *lastUsedRecorder) record(tokenID string, at int64, o glossia.Origin) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.pending[tokenID]; ok && prev.at >= at {
		return
	}
	r.pending[tokenID] = use{at: at, ip: cleanHeader(o.IP, 64), agent: cleanHeader(o.UserAgent, 512)}
}

// take empties the recorder and returns what was pending.
func (r *lastUsedRecorder) take() map[string]use {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.pending) == 0 {
		return nil
	}
	out := r.pending
	r.pending = make(map[string]use, len(out))
	return out
}

// restore puts back uses a failed flush could not write, keeping any newer
// use recorded meanwhile.
func (r *lastUsedRecorder) restore(uses map[string]use) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, u := range uses {
		if prev, ok := r.pending[id]; !ok || prev.at < u.at {
			r.pending[id] = u
		}
	}
}

// FlushLastUsed writes the pending last-used updates in one transaction.
// An update never moves a token's last_used_at backwards, so flushes of
// several instances may interleave safely.
func (s *Store) FlushLastUsed(ctx context.Context) error {
	uses := s.lastUsed.take()
	if len(uses) == 0 {
		return nil
	}
	err := s.transact(ctx, func(t *tx) error {
		for _, id := range sortedKeys(uses) {
			u := uses[id]
			s.stats.lastUsedWrites.Add(1)
			if _, err := t.exec(ctx, `UPDATE tokens SET last_used_at = ?, last_used_ip = ?, last_used_user_agent = ?
				WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`, u.at, nullString(u.ip), nullString(u.agent), id, u.at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.lastUsed.restore(uses)
		return fmt.Errorf("sqlstore: flush last used: %w", err)
	}
	return nil
}

// sortedKeys orders the updates of a flush, so that concurrent flushes of
// several instances lock rows in the same order and cannot deadlock.
func sortedKeys(m map[string]use) []string {
	return slices.Sorted(maps.Keys(m))
}

// flushLoop flushes every interval until Close.
func (s *Store) flushLoop() {
	defer close(s.stopped)
	tick := time.NewTicker(s.interval)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
			ctx, cancel := context.WithTimeout(context.Background(), s.interval)
			if err := s.FlushLastUsed(ctx); err != nil {
				s.log.Error("flushing last-used updates", "err", err)
			}
			cancel()
		}
	}
}
