package glossia

import (
	"crypto/sha256"
	"hash/crc32"
	"regexp"
	"strings"
	"testing"
)

var tokenPattern = regexp.MustCompile(`^glsa_[0-9a-f]{48}$`)

func TestNewTokenSecretFormat(t *testing.T) {
	seen := make(map[string]bool)
	for range 1000 {
		s := NewTokenSecret()
		if !tokenPattern.MatchString(s) || len(s) != 53 {
			t.Fatalf("secret %q does not match %s", s, tokenPattern)
		}
		body, sum := s[5:45], s[45:]
		if want := crc32Hex(body); sum != want {
			t.Fatalf("checksum of %q = %s, want %s", s, sum, want)
		}
		if err := CheckTokenSecret(s); err != nil {
			t.Fatalf("CheckTokenSecret(new secret) = %v", err)
		}
		if seen[s] {
			t.Fatalf("secret repeated after %d draws", len(seen))
		}
		seen[s] = true
	}
}

func crc32Hex(s string) string {
	const digits = "0123456789abcdef"
	sum := crc32.ChecksumIEEE([]byte(s))
	out := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		out[i] = digits[sum&0xf]
		sum >>= 4
	}
	return string(out)
}

// A known vector computed independently: the checksum is the CRC-32 (IEEE)
// of the 40 hex characters as ASCII.
func TestCheckTokenSecretKnownVector(t *testing.T) {
	body := strings.Repeat("0123456789", 4)
	secret := "glsa_" + body + crc32Hex(body)
	if err := CheckTokenSecret(secret); err != nil {
		t.Fatalf("CheckTokenSecret(%q) = %v", secret, err)
	}
	if got := DisplayPrefix(secret); got != "glsa_0123456" {
		t.Errorf("DisplayPrefix = %q, want glsa_0123456", got)
	}
	if got, want := HashTokenSecret(secret), TokenHash(sha256.Sum256([]byte(secret))); got != want {
		t.Errorf("HashTokenSecret is not the SHA-256 of the whole secret")
	}
}

func TestCheckTokenSecretRefuses(t *testing.T) {
	good := NewTokenSecret()
	typo := []byte(good)
	if typo[10] == 'a' {
		typo[10] = 'b'
	} else {
		typo[10] = 'a'
	}
	tests := []struct {
		name, secret, wantMsg string
	}{
		{"empty", "", "must start with glsa_"},
		{"other prefix", "ghp_" + good[5:], "must start with glsa_"},
		{"upper-case prefix", "GLSA_" + good[5:], "must start with glsa_"},
		{"upper-case hex", "glsa_" + strings.ToUpper(good[5:]), "lowercase hexadecimal"},
		{"leading space", " " + good, "must start with glsa_"},
		{"trailing newline", good + "\n", "53 characters"},
		{"truncated", good[:52], "53 characters"},
		{"too long", good + "0", "53 characters"},
		{"non-hex", good[:20] + "g" + good[21:], "lowercase hexadecimal"},
		{"one-character typo", string(typo), "bad checksum"},
		{"checksum of another body", good[:45] + crc32Hex("x"), "bad checksum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTokenSecret(tt.secret)
			if ErrorCode(err) != EUNAUTHENTICATED {
				t.Fatalf("CheckTokenSecret(%q) = %v, want an %s error", tt.secret, err, EUNAUTHENTICATED)
			}
			if !strings.Contains(ErrorMessage(err), tt.wantMsg) {
				t.Errorf("message %q does not say %q", ErrorMessage(err), tt.wantMsg)
			}
			if strings.Contains(ErrorMessage(err), good[5:]) {
				t.Errorf("message echoes the secret: %q", ErrorMessage(err))
			}
		})
	}
}

// FuzzCheckTokenSecret checks that parsing never panics and accepts exactly
// the strings of the documented format with a valid checksum. Its seed
// corpus runs with every `go test`.
func FuzzCheckTokenSecret(f *testing.F) {
	body := strings.Repeat("ab", 20)
	for _, seed := range []string{
		"", "glsa_", "glsa_" + body + crc32Hex(body), "glsa_" + body + "00000000",
		"GLSA_" + body + crc32Hex(body), " glsa_" + body + crc32Hex(body), "glsa_" + strings.Repeat("z", 48),
		"glsa_\x00" + body, "glsa_" + body + crc32Hex(body) + " ",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckTokenSecret(s)
		valid := tokenPattern.MatchString(s) && s[45:] == crc32Hex(s[5:45])
		if valid != (err == nil) {
			t.Fatalf("CheckTokenSecret(%q) = %v, but the format says valid=%v", s, err, valid)
		}
		if err != nil && ErrorCode(err) != EUNAUTHENTICATED {
			t.Fatalf("CheckTokenSecret(%q) returned code %s", s, ErrorCode(err))
		}
	})
}

func BenchmarkCheckTokenSecret(b *testing.B) {
	s := NewTokenSecret()
	b.ReportAllocs()
	for b.Loop() {
		if CheckTokenSecret(s) != nil {
			b.Fatal("valid secret refused")
		}
		_ = HashTokenSecret(s)
	}
}
