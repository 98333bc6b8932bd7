package client

import (
	"context"

	"github.com/glossia/glossia"
)

// FindVoice returns an account's latest voice
// (GET /api/accounts/{handle}/voice).
func (c *Client) FindVoice(ctx context.Context, account string) (*glossia.Voice, error) {
	var out glossia.Voice
	if err := c.do(ctx, "GET", "/api/accounts/"+seg(account)+"/voice", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SaveVoice saves a new voice version (PUT /api/accounts/{handle}/voice).
func (c *Client) SaveVoice(ctx context.Context, account string, s glossia.VoiceSave) (*glossia.Voice, error) {
	var out glossia.Voice
	if err := c.do(ctx, "PUT", "/api/accounts/"+seg(account)+"/voice", nil, s, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListVoiceVersions lists an account's voice versions, newest first
// (GET /api/accounts/{handle}/voice/versions).
func (c *Client) ListVoiceVersions(ctx context.Context, account string, p glossia.PageRequest) (*glossia.VoicePage, error) {
	var out glossia.VoicePage
	if err := c.do(ctx, "GET", "/api/accounts/"+seg(account)+"/voice/versions", pageQuery(p), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
