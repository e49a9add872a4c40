package i18n

import (
	"testing"

	"github.com/doxwatch/doxwatch/model"
)

// Every word of the vocabulary exists in every language: a missing one
// would show the bare code to a reader.
func TestEveryLanguageHasEveryWord(t *testing.T) {
	for _, lang := range Languages() {
		w := For(lang)
		for _, s := range model.Severities() {
			if w.Severity(s) == s.String() && lang != "en" {
				t.Errorf("%s: severity %s untranslated", lang, s)
			}
			if w.v.severity[s] == "" {
				t.Errorf("%s: no word for severity %s", lang, s)
			}
		}
		for _, k := range model.Kinds() {
			if w.v.kind[k] == "" {
				t.Errorf("%s: no word for kind %s", lang, k)
			}
		}
		for _, s := range model.Statuses() {
			if w.v.status[s] == "" {
				t.Errorf("%s: no word for status %s", lang, s)
			}
		}
		if len(w.Steps()) != 5 {
			t.Errorf("%s: %d steps", lang, len(w.Steps()))
		}
	}
	if For("fr").Lang() != "nl" {
		t.Error("an unsupported language does not fall back to Dutch")
	}
}

func TestParseInEitherLanguage(t *testing.T) {
	cases := []struct {
		word string
		sev  model.Severity
	}{{"kritiek", model.Critical}, {"critical", model.Critical}, {"hoog", model.High}, {"laag", model.Low}}
	for _, c := range cases {
		if got, err := ParseSeverity(c.word); err != nil || got != c.sev {
			t.Errorf("ParseSeverity(%q) = %v, %v", c.word, got, err)
		}
	}
	if got, err := ParseStatus("vals alarm"); err != nil || got != model.StatusFalsePositive {
		t.Errorf("ParseStatus(vals alarm) = %v, %v", got, err)
	}
	if got, err := ParseStatus("bevestigd"); err != nil || got != model.StatusConfirmed {
		t.Errorf("ParseStatus(bevestigd) = %v, %v", got, err)
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("urgent accepted")
	}
}

// Pasted text, which has no file name, is named in words; a file by its
// name.
func TestHandedIn(t *testing.T) {
	for lang, want := range map[string]string{"nl": "geplakte tekst", "en": "pasted text"} {
		if got := For(lang).HandedIn(model.Pasted); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
		if got := For(lang).HandedIn("screenshot.png"); got != "screenshot.png" {
			t.Errorf("%s: a file's name became %q", lang, got)
		}
	}
	if got := model.HandedIn(model.PastedURL([]byte("tekst"))); got != model.Pasted {
		t.Errorf("the URL of pasted text is handed in as %q", got)
	}
}
