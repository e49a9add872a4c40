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

// Why a source does not work is said in each language, its technical part
// as it is; a reason stored before reasons had kinds shows as stored.
func TestHealthReason(t *testing.T) {
	tests := []struct {
		r      model.HealthReason
		nl, en string
	}{
		{model.HealthReason{Kind: model.HealthFailing, Count: 3, Detail: "HTTP 500"},
			"3 keer na elkaar mislukt; laatste fout: HTTP 500", "3 failed runs in a row; last: HTTP 500"},
		{model.HealthReason{Kind: model.HealthEmpty, Count: 12, Detail: `selector item "div.post" matched nothing`},
			`geen berichten gevonden waar de laatste goede keer er 12 stonden: de pagina is misschien veranderd (controleer de selectors): selector item "div.post" matched nothing`,
			`found no posts where the last good run found 12: the page may have changed (check the selectors): selector item "div.post" matched nothing`},
		{model.HealthReason{Kind: model.HealthNever, Detail: "a|b"},
			"heeft nog nooit een bericht opgeleverd: a|b", "has never yielded a post: a|b"},
	}
	for _, tt := range tests {
		stored := tt.r.String()
		if got := For("nl").HealthReason(stored); got != tt.nl {
			t.Errorf("nl %q = %q", stored, got)
		}
		if got := For("en").HealthReason(stored); got != tt.en {
			t.Errorf("en %q = %q", stored, got)
		}
	}
	for _, old := range []string{"3 failed runs in a row; last: HTTP 500", "failing|x|y", "other|1|z", ""} {
		if got := For("nl").HealthReason(old); got != old {
			t.Errorf("a reason stored before kinds, %q, became %q", old, got)
		}
	}
}

// The built-in sources are named in words; a configured one by its name.
func TestSourceNames(t *testing.T) {
	for lang, want := range map[string][2]string{"nl": {"met de hand", "postvak"}, "en": {"by hand", "mailbox"}} {
		w := For(lang)
		if got := w.Source(model.SourceManual); got != want[0] {
			t.Errorf("%s: manual is %q", lang, got)
		}
		if got := w.Source(model.SourceIntake); got != want[1] {
			t.Errorf("%s: intake is %q", lang, got)
		}
		if got := w.Source("ouderforum"); got != "ouderforum" {
			t.Errorf("%s: a configured source became %q", lang, got)
		}
	}
}
