package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/glossia/glossia"
)

// expirationPresets are the lifetimes, in days, offered as presets.
var expirationPresets = []int{7, 30, 60, 90}

// defaultExpiration is the preset chosen on a fresh form.
const defaultExpiration = "30"

// tokenForm is the new-token form: the user's input and what is wrong
// with it.
type tokenForm struct {
	Name        string
	Description string
	Checked     map[glossia.Scope]bool
	// Expiration is a preset ("7", "30", "60", "90"), "custom" or "never".
	Expiration string
	// ExpiresOn is the custom date, YYYY-MM-DD.
	ExpiresOn string
	// Errors holds messages by field: name, description, scopes,
	// expiration.
	Errors map[string][]string
	// Error is a message about the whole form.
	Error string

	Groups  []scopeGroup
	Presets []preset
	MinDate string
}

// scopeGroup is the scopes of one object.
type scopeGroup struct {
	Object string
	Label  string
	Scopes []scopeOption
}

// scopeOption is one scope checkbox.
type scopeOption struct {
	Scope       glossia.Scope
	Description string
	Checked     bool
}

// preset is one expiration preset with the date it gives.
type preset struct {
	Days    int
	Value   string
	Date    string
	Checked bool
}

// fill computes what the template needs from the input.
func (f *tokenForm) fill(now time.Time) {
	f.Groups = nil
	for _, info := range glossia.Catalogue() {
		if n := len(f.Groups); n == 0 || f.Groups[n-1].Object != info.Object {
			f.Groups = append(f.Groups, scopeGroup{Object: info.Object, Label: scopeObjectLabel(info.Object)})
		}
		g := &f.Groups[len(f.Groups)-1]
		g.Scopes = append(g.Scopes, scopeOption{Scope: info.Scope, Description: info.Description, Checked: f.Checked[info.Scope]})
	}
	f.Presets = nil
	for _, days := range expirationPresets {
		v := strconv.Itoa(days)
		f.Presets = append(f.Presets, preset{
			Days: days, Value: v, Checked: f.Expiration == v,
			Date: dateText(now.Add(time.Duration(days) * 24 * time.Hour)),
		})
	}
	f.MinDate = now.UTC().Add(24 * time.Hour).Format(time.DateOnly)
}

// readTokenForm reads the posted form into a tokenForm and the
// TokenCreate it asks for. A custom date that cannot be read is reported in
// f.Errors.
func readTokenForm(r *http.Request) (*tokenForm, glossia.TokenCreate) {
	f := &tokenForm{
		Name:        r.PostForm.Get("name"),
		Description: strings.ReplaceAll(r.PostForm.Get("description"), "\r\n", "\n"),
		Checked:     make(map[glossia.Scope]bool),
		Expiration:  r.PostForm.Get("expiration"),
		ExpiresOn:   strings.TrimSpace(r.PostForm.Get("expires_on")),
		Errors:      make(map[string][]string),
	}
	c := glossia.TokenCreate{Name: f.Name, Description: f.Description}
	for _, s := range r.PostForm["scopes"] {
		c.Scopes = append(c.Scopes, glossia.Scope(s))
		f.Checked[glossia.Scope(s)] = true
	}
	switch f.Expiration {
	case "never":
	case "custom":
		day, err := time.Parse(time.DateOnly, f.ExpiresOn)
		switch {
		case f.ExpiresOn == "":
			f.Errors["expiration"] = []string{"Choose the date the token expires."}
			return f, c
		case err != nil:
			f.Errors["expiration"] = []string{"Enter a date like 2030-12-31."}
			return f, c
		}
		c.ExpiresAt = &day
	default:
		days, err := strconv.Atoi(f.Expiration)
		if err != nil {
			f.Errors["expiration"] = []string{"Choose when the token expires."}
			break
		}
		c.ExpiresInDays = &days
	}
	return f, c
}

// addErrors files the field messages of a validation error under the
// form's fields, and anything else as the form's message.
func (f *tokenForm) addErrors(e *glossia.Error) {
	for field, msgs := range e.Fields {
		key := field
		switch field {
		case "scope", "scopes":
			key = "scopes"
		case "expires_at", "expires_in_days":
			key = "expiration"
		case "name", "description":
		default:
			key = ""
		}
		for _, msg := range msgs {
			if key == "" {
				f.Error = message(e)
				continue
			}
			f.Errors[key] = append(f.Errors[key], sentence(msg))
		}
	}
	if len(e.Fields) == 0 {
		f.Error = message(e)
	}
}
