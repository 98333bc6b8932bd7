package api

import (
	"net/http"

	"github.com/glossia/glossia"
)

// GetVoice answers GET /api/accounts/{handle}/voice: the latest version.
func (a *API) GetVoice(w http.ResponseWriter, r *http.Request) error {
	out, err := a.svc.Voices.FindVoice(r.Context(), r.PathValue("handle"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// SaveVoice answers PUT /api/accounts/{handle}/voice. Every save is a new
// version: 201 when it is the first (the voice was created), 200 after.
func (a *API) SaveVoice(w http.ResponseWriter, r *http.Request) error {
	var in glossia.VoiceSave
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Voices.SaveVoice(r.Context(), r.PathValue("handle"), in)
	if err != nil {
		return err
	}
	if out.Version == 1 {
		return created(w, "/api/accounts/"+out.Account+"/voice", out)
	}
	return writeJSON(w, http.StatusOK, out)
}

// ListVoiceVersions answers GET /api/accounts/{handle}/voice/versions,
// newest first.
func (a *API) ListVoiceVersions(w http.ResponseWriter, r *http.Request) error {
	page, err := pageRequest(r)
	if err != nil {
		return err
	}
	out, err := a.svc.Voices.ListVoiceVersions(r.Context(), r.PathValue("handle"), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}
