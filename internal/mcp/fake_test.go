package mcp_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/glossia/glossia"
)

// fakeTokens is an in-memory TokenService that enforces the scope layer
// and attenuation with the domain's own functions, and records the actor
// of every call. It stands in for the store so that these tests exercise
// the MCP layer alone; the end-to-end tests in cmd/glossia use the real one.
type fakeTokens struct {
	mu     sync.Mutex
	now    time.Time
	tokens map[string]*glossia.Token // by id
	owner  map[string]string         // token id → user id
	seq    int
	// calls records the actor of each call, in order.
	calls []*glossia.Actor
	// fail, when set, is returned by every method.
	fail error
}

func newFakeTokens() *fakeTokens {
	return &fakeTokens{
		now:    time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
		tokens: make(map[string]*glossia.Token),
		owner:  make(map[string]string),
	}
}

func (f *fakeTokens) begin(ctx context.Context, s glossia.Scope) (*glossia.Actor, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, glossia.ActorFromContext(ctx))
	if f.fail != nil {
		return nil, f.fail
	}
	if s == "" {
		return glossia.RequireActor(ctx)
	}
	return glossia.RequireScope(ctx, s)
}

func (f *fakeTokens) lastActor() *glossia.Actor {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.calls) == 0 {
		return nil
	}
	return f.calls[len(f.calls)-1]
}

// add stores a token for userID and returns its id.
func (f *fakeTokens) add(userID, name string, scopes ...glossia.Scope) *glossia.Token {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	id := fmt.Sprintf("00000000-0000-7000-8000-%012d", f.seq)
	secret := glossia.NewTokenSecret()
	t := &glossia.Token{ID: id, Name: name, Prefix: glossia.DisplayPrefix(secret), Scopes: scopes, Status: glossia.TokenActive, CreatedAt: f.now, CreatedVia: glossia.SurfaceAPI}
	f.tokens[id] = t
	f.owner[id] = userID
	return t
}

func (f *fakeTokens) find(a *glossia.Actor, id string) (*glossia.Token, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tokens[id]
	if !ok || f.owner[id] != a.UserID {
		return nil, glossia.Errorf(glossia.ENOTFOUND, "token %s not found", id)
	}
	c := *t
	return &c, nil
}

func (f *fakeTokens) CreateToken(ctx context.Context, c glossia.TokenCreate) (*glossia.CreatedToken, error) {
	a, err := f.begin(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	d, err := c.Validate(f.now, glossia.TokenLimits{})
	if err != nil {
		return nil, err
	}
	if err := d.Attenuate(a); err != nil {
		return nil, err
	}
	t := f.add(a.UserID, d.Name, d.Scopes...)
	f.mu.Lock()
	t.Description, t.ExpiresAt, t.CreatedVia = d.Description, d.ExpiresAt, a.Via
	t.ParentTokenID = &a.TokenID
	f.mu.Unlock()
	secret := glossia.NewTokenSecret()
	t.Prefix = glossia.DisplayPrefix(secret)
	c2 := *t
	return &glossia.CreatedToken{Token: &c2, PlainToken: secret}, nil
}

func (f *fakeTokens) ListTokens(ctx context.Context, fl glossia.TokenFilter) (*glossia.TokenPage, error) {
	a, err := f.begin(ctx, glossia.ScopeAPICredentialsRead)
	if err != nil {
		return nil, err
	}
	if _, err := fl.Normalize(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	page := &glossia.TokenPage{Tokens: []*glossia.Token{}}
	for id, t := range f.tokens {
		if f.owner[id] == a.UserID {
			c := *t
			page.Tokens = append(page.Tokens, &c)
		}
	}
	return page, nil
}

func (f *fakeTokens) FindToken(ctx context.Context, id string) (*glossia.Token, error) {
	a, err := f.begin(ctx, glossia.ScopeAPICredentialsRead)
	if err != nil {
		return nil, err
	}
	return f.find(a, id)
}

func (f *fakeTokens) CurrentToken(ctx context.Context) (*glossia.Token, error) {
	a, err := f.begin(ctx, "")
	if err != nil {
		return nil, err
	}
	return f.find(a, a.TokenID)
}

func (f *fakeTokens) UpdateToken(ctx context.Context, id string, u glossia.TokenUpdate) (*glossia.Token, error) {
	a, err := f.begin(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	if err := u.Normalize(); err != nil {
		return nil, err
	}
	if _, err := f.find(a, id); err != nil {
		return nil, err
	}
	f.mu.Lock()
	t := f.tokens[id]
	if u.Name != nil {
		t.Name = *u.Name
	}
	if u.Description != nil {
		t.Description = *u.Description
	}
	f.mu.Unlock()
	return f.find(a, id)
}

func (f *fakeTokens) RevokeToken(ctx context.Context, id string) (*glossia.Token, error) {
	a, err := f.begin(ctx, glossia.ScopeAPICredentialsWrite)
	if err != nil {
		return nil, err
	}
	if _, err := f.find(a, id); err != nil {
		return nil, err
	}
	f.mu.Lock()
	t := f.tokens[id]
	if t.RevokedAt == nil {
		at := f.now
		t.RevokedAt, t.Status = &at, glossia.TokenRevoked
	}
	f.mu.Unlock()
	return f.find(a, id)
}

func (f *fakeTokens) RotateToken(ctx context.Context, id string, r glossia.TokenRotate) (*glossia.CreatedToken, error) {
	return nil, errors.New("fake: rotate not implemented")
}

// fakeUsers answers CurrentUser for actors with user:read.
type fakeUsers struct {
	glossia.UserService
}

func (fakeUsers) CurrentUser(ctx context.Context) (*glossia.User, error) {
	a, err := glossia.RequireScope(ctx, glossia.ScopeUserRead)
	if err != nil {
		return nil, err
	}
	return &glossia.User{ID: a.UserID, Handle: a.Handle, Email: a.Handle + "@example.com", Name: a.Handle}, nil
}

// fakeProjects fails like a broken database.
type fakeProjects struct {
	glossia.ProjectService
}

func (fakeProjects) ListAllProjects(ctx context.Context, _ glossia.PageRequest) (*glossia.ProjectPage, error) {
	if _, err := glossia.RequireScope(ctx, glossia.ScopeProjectRead); err != nil {
		return nil, err
	}
	return nil, errors.New(`pq: relation "projects" does not exist at 10.0.0.5`)
}
