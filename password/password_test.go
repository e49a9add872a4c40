package password

import (
	"errors"
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	h, err := Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry its parameters", h)
	}
	if ok, err := Verify(h, "correct horse battery"); !ok || err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if ok, _ := Verify(h, "correct horse batterY"); ok {
		t.Error("wrong password accepted")
	}
	h2, _ := Hash("correct horse battery")
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	if _, err := Hash("short"); !errors.Is(err, ErrTooShort) {
		t.Errorf("short password: %v", err)
	}
	for _, bad := range []string{"", "$bcrypt$x", "$argon2id$v=19$m=x$a$b"} {
		if ok, err := Verify(bad, "x"); ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v", bad, ok, err)
		}
	}
	if VerifyNone("anything") {
		t.Error("VerifyNone accepted")
	}
}

func TestGenerate(t *testing.T) {
	a, b := Generate(), Generate()
	if len(a) != 20 || a == b || strings.ContainsAny(a, "0O1lI") {
		t.Errorf("generated %q and %q", a, b)
	}
	if _, err := Hash(a); err != nil {
		t.Errorf("a generated password is refused: %v", err)
	}
}
