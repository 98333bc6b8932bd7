package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
	"github.com/glossia/glossia/internal/sqlstore/sqltest"
)

// dumpDatabase returns every value of every column of every table, as
// bytes, labelled table.column.
func dumpDatabase(t *testing.T, db *sql.DB, engine string) map[string][][]byte {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if engine == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
	}
	var tables []string
	rows, err := db.Query(q)
	mustNoError(t, err)
	for rows.Next() {
		var name string
		mustNoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	mustNoError(t, rows.Err())
	rows.Close()
	if len(tables) < 8 {
		t.Fatalf("found tables %v, want all of them", tables)
	}
	out := map[string][][]byte{}
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table)
		mustNoError(t, err)
		cols, err := rows.Columns()
		mustNoError(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			mustNoError(t, rows.Scan(ptrs...))
			for i, v := range vals {
				var b []byte
				switch v := v.(type) {
				case []byte:
					b = v
				case string:
					b = []byte(v)
				case nil:
					continue
				default:
					b = []byte(fmt.Sprint(v))
				}
				key := table + "." + cols[i]
				out[key] = append(out[key], b)
			}
		}
		mustNoError(t, rows.Err())
		rows.Close()
	}
	return out
}

func TestSecretsAreNotStored(t *testing.T) {
	sqltest.Run(t, func(t *testing.T, engine string) {
		e := newEnv(t, engine, sqlstore.Options{})
		u := sqltest.MustSignUp(t, e.st, "alice")
		ctx := sqltest.SessionContext(context.Background(), u)
		created, err := e.svc.Tokens.CreateToken(ctx, glossia.TokenCreate{Name: "ci", Scopes: []glossia.Scope{glossia.ScopeAPICredentialsWrite, glossia.ScopeUserRead}})
		mustNoError(t, err)
		rotated, err := e.svc.Tokens.RotateToken(sqltest.TokenContext(t, e.st, created.PlainToken), created.Token.ID, glossia.TokenRotate{GraceSeconds: 60})
		mustNoError(t, err)
		_, err = authenticate(e, rotated.PlainToken)
		mustNoError(t, err)
		session, _, err := e.st.Sessions().CreateSession(ctx, u.ID)
		mustNoError(t, err)
		mustNoError(t, e.st.FlushLastUsed(context.Background()))

		dump := dumpDatabase(t, sqlstore.DBForTest(e.st), engine)
		secrets := map[string]string{
			"token secret":   created.PlainToken,
			"token body":     created.PlainToken[len(glossia.TokenPrefix):],
			"rotated secret": rotated.PlainToken,
			"rotated body":   rotated.PlainToken[len(glossia.TokenPrefix):],
			"random part":    created.PlainToken[5:45],
			"session secret": session,
			"password":       sqltest.Password,
		}
		raw, _ := hex.DecodeString(created.PlainToken[5:45])
		for column, values := range dump {
			for _, v := range values {
				for what, s := range secrets {
					if bytes.Contains(v, []byte(s)) {
						t.Errorf("%s found in %s", what, column)
					}
				}
				if bytes.Contains(v, raw) {
					t.Errorf("the token's random bytes found in %s", column)
				}
			}
		}
		hash := glossia.HashTokenSecret(created.PlainToken)
		found := false
		for _, v := range dump["tokens.secret_hash"] {
			found = found || bytes.Equal(v, hash[:])
		}
		if !found {
			t.Fatal("the token's SHA-256 is not stored: the dump missed the tokens table")
		}
	})
}
