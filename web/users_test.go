package web

import (
	"regexp"
	"strings"
	"testing"
)

// ValidUserName says what the pattern it replaced said.
func TestValidUserName(t *testing.T) {
	pattern := regexp.MustCompile(`^[\p{L}\p{N}._@-]{2,64}$`)
	for _, name := range []string{
		"", "a", "ab", "anne.de.wit", "a_b-c@d", "Zoë", "Łukasz", "日本", "٣٤", "Ⅻx", "a b", "a/b", "a\x00b",
		"\xff\xfe", "ab\u200b", strings.Repeat("x", 64), strings.Repeat("x", 65), strings.Repeat("ë", 64), strings.Repeat("ë", 65),
	} {
		if got, want := ValidUserName(name), pattern.MatchString(name); got != want {
			t.Errorf("ValidUserName(%q) = %v, want %v", name, got, want)
		}
	}
}
