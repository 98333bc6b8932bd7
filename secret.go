package glossia

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
)

// Token secret format (SPEC §3): "glsa_", 40 lowercase hex characters of
// CSPRNG randomness (160 bits), then 8 lowercase hex characters of the
// CRC-32 (IEEE) of those 40 characters as ASCII. 53 characters in all.
const (
	TokenPrefix       = "glsa_"
	TokenLength       = len(TokenPrefix) + tokenRandomHex + tokenChecksumHex
	DisplayPrefixSize = 12

	tokenRandomHex   = 40
	tokenChecksumHex = 8
)

// TokenHash is the SHA-256 of a whole token secret: the only form stored.
type TokenHash [sha256.Size]byte

// NewTokenSecret returns a fresh token secret from the operating system's
// CSPRNG.
func NewTokenSecret() string {
	var random [tokenRandomHex / 2]byte
	rand.Read(random[:]) // never returns an error; it aborts the program on failure
	buf := make([]byte, 0, TokenLength)
	buf = append(buf, TokenPrefix...)
	buf = hex.AppendEncode(buf, random[:])
	return string(appendChecksum(buf, buf[len(TokenPrefix):]))
}

var ieeeTable = crc32.MakeTable(crc32.IEEE)

// appendChecksum appends the 8 lowercase hex digits of the CRC-32 (IEEE) of
// body. It computes the CRC over the string itself, so checking a secret
// allocates nothing.
func appendChecksum[B []byte | string](dst []byte, body B) []byte {
	sum := ^uint32(0)
	for i := 0; i < len(body); i++ {
		sum = ieeeTable[byte(sum)^body[i]] ^ (sum >> 8)
	}
	sum = ^sum
	const digits = "0123456789abcdef"
	for shift := 28; shift >= 0; shift -= 4 {
		dst = append(dst, digits[(sum>>shift)&0xf])
	}
	return dst
}

// CheckTokenSecret reports whether s is a well-formed token secret with a
// valid checksum. It never touches storage, so typos and garbage cost
// nothing. Anything else is refused: upper case, surrounding whitespace, a
// wrong length or prefix.
func CheckTokenSecret(s string) error {
	switch {
	case len(s) < len(TokenPrefix) || s[:len(TokenPrefix)] != TokenPrefix:
		return Errorf(EUNAUTHENTICATED, "malformed token: it must start with %s", TokenPrefix)
	case len(s) != TokenLength:
		return Errorf(EUNAUTHENTICATED, "malformed token: it must be %d characters long", TokenLength)
	}
	for i := len(TokenPrefix); i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return Errorf(EUNAUTHENTICATED, "malformed token: only lowercase hexadecimal may follow %s", TokenPrefix)
		}
	}
	var want [tokenChecksumHex]byte
	appendChecksum(want[:0], s[len(TokenPrefix):len(TokenPrefix)+tokenRandomHex])
	if string(want[:]) != s[len(TokenPrefix)+tokenRandomHex:] {
		return Errorf(EUNAUTHENTICATED, "malformed token: bad checksum (a typo or a truncated copy?)")
	}
	return nil
}

// HashTokenSecret returns the SHA-256 of the whole secret.
func HashTokenSecret(secret string) TokenHash {
	if len(secret) == TokenLength {
		var buf [TokenLength]byte // a copy on the stack: no allocation on the hot path
		copy(buf[:], secret)
		return sha256.Sum256(buf[:])
	}
	return sha256.Sum256([]byte(secret))
}

// DisplayPrefix returns the first 12 characters of a secret, which are safe
// to show and store to help people recognise a token.
func DisplayPrefix(secret string) string {
	if len(secret) < DisplayPrefixSize {
		return secret
	}
	return secret[:DisplayPrefixSize]
}
