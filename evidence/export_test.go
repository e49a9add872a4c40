package evidence

import (
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// The takedown request is written in the case file's language, the kinds
// of data in the same words, to a named platform or to the site's
// administrators.
func TestTakedownInTheContactsLanguage(t *testing.T) {
	ps, err := platforms()
	if err != nil {
		t.Fatal(err)
	}
	seen := time.Date(2026, 11, 20, 9, 12, 0, 0, time.UTC)
	hits := []store.Hit{
		{URL: "https://www.facebook.com/groups/ouders/posts/1", Kind: model.KindPhone, FirstSeen: seen},
		{URL: "https://www.facebook.com/groups/ouders/posts/1", Kind: model.KindName, FirstSeen: seen},
		{URL: "https://ouderforum.example/topic/7", Kind: model.KindAddress, FirstSeen: seen},
	}
	tests := []struct {
		lang string
		want []string
		not  []string
	}{
		{"nl", []string{"Versturen naar (Facebook): de meldknop bij het bericht", "Geachte heer, mevrouw,",
			"(telefoonnummer, naam)", "(adres)", "Versturen naar: de beheerder van de site", "art. 285d Wetboek van Strafrecht",
			"Wij, Kinderopvang De Zonnebloem, vragen u", "Met vriendelijke groet,\nKinderopvang De Zonnebloem"},
			[]string{"Dear", "phone number", "the site"}},
		{"en", []string{"Send to (Facebook): the report button on the post", "Dear Sir or Madam,", "(phone number, name)", "(address)",
			"Send to: the site's administrator", "Kind regards,\nKinderopvang De Zonnebloem"},
			[]string{"telefoonnummer", "Dear the site", "(the site)", "Geachte"}},
	}
	for _, tt := range tests {
		got := takedown(ps, hits, ExportInfo{Organisation: "Kinderopvang De Zonnebloem", Lang: tt.lang, Location: time.UTC})
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", tt.lang, w, got)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: has %q:\n%s", tt.lang, w, got)
			}
		}
	}
}
