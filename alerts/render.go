package alerts

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/model"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// The templates are parsed once; a template that does not parse is a
// build mistake, caught by the tests, so only execution errors are runtime errors.
var (
	textTemplates = texttemplate.Must(texttemplate.New("").Option("missingkey=error").ParseFS(templateFS, "templates/*.txt.tmpl"))
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Option("missingkey=error").ParseFS(templateFS, "templates/*.html.tmpl"))
)

// render executes the text and HTML templates of one kind of e-mail.
func render(name string, data any) (text, html string, err error) {
	var tb, hb bytes.Buffer
	if err := textTemplates.ExecuteTemplate(&tb, name+".txt.tmpl", data); err != nil {
		return "", "", fmt.Errorf("render %s text: %w", name, err)
	}
	if err := htmlTemplates.ExecuteTemplate(&hb, name+".html.tmpl", data); err != nil {
		return "", "", fmt.Errorf("render %s html: %w", name, err)
	}
	return tb.String(), hb.String(), nil
}

// messages are the words of the e-mails, per language.
var messages = map[string]map[string]any{
	"nl": {
		"intro":               "doxwatch heeft persoonlijke gegevens van een medewerker gevonden in een openbaar bericht.",
		"intro_many":          "doxwatch heeft persoonlijke gegevens van medewerkers gevonden in openbare berichten.",
		"intro_handed_in":     "doxwatch heeft persoonlijke gegevens van een medewerker gevonden in een bericht dat met de hand is aangeleverd.",
		"handed_in":           "Aangeleverd",
		"removed":             "Verwijderde berichten",
		"held":                "Juridisch bewaard (blijft na de bewaartermijn)",
		"removed_line":        "verwijderd op %s, na %d dag(en) online",
		"chain_head":          "Bewijs: %d vastgelegde records, controlegetal (keten) %s. Bewaar deze e-mail: zo blijkt later dat het bewijs niet is veranderd.",
		"more_alerts":         "en nog %d waarschuwing(en)",
		"more_where":          "Alle nieuwe meldingen",
		"more_cli":            "Alle nieuwe meldingen: doxwatch hits list --status new",
		"by":                  "door",
		"posted_by":           "Geplaatst door",
		"posted_at":           "Geplaatst op",
		"employee":            "Medewerker",
		"severity":            "Ernst",
		"found":               "Gevonden",
		"source":              "Bron",
		"link":                "Link",
		"first_seen":          "Eerst gezien",
		"in_image":            "in afbeelding",
		"image":               "afbeelding",
		"triage":              "Afhandelen",
		"open_hit":            "Melding #%d openen (%s)",
		"next_steps":          "Wat nu?",
		"footer":              "Deze e-mail is automatisch verstuurd door doxwatch. Hij bevat alleen wat het bericht zelf liet zien; bewaar hem niet langer dan nodig.",
		"digest_intro":        "Weekoverzicht doxwatch,",
		"total":               "Nieuwe meldingen",
		"by_employee":         "Per medewerker",
		"no_hits":             "Deze week is niets gevonden.",
		"blind":               "Deze week kon niets gelezen worden: geen enkele bron werkte. Dat er niets is gevonden, zegt dus niets.",
		"health_bad_intro":    "Een bron van doxwatch werkt niet meer: zolang dat zo is, ziet doxwatch daar niets.",
		"health_ok_intro":     "Een bron van doxwatch werkt weer.",
		"health_what":         "Vraag de beheerder van doxwatch om te kijken: is de site veranderd (selectors), onbereikbaar, of weigert hij doxwatch? 'doxwatch sources --test %s' laat zien wat doxwatch nu leest.",
		"health_what_mailbox": "Vraag de beheerder van doxwatch om te kijken: kan doxwatch nog bij het postvak (intake.imap in de configuratie: server, gebruiker, wachtwoord)? 'doxwatch sources' laat de laatste fout zien.",
		"subject_health_bad":  "[doxwatch] Bron %s werkt niet meer",
		"subject_health_ok":   "[doxwatch] Bron %s werkt weer",
		"health_footer":       "Deze e-mail is automatisch verstuurd door doxwatch.",
		"since":               "Sinds",
		"reason":              "Reden",
		"by_source":           "Per bron",
		"hits":                "meldingen",
		"hit":                 "melding",
		"unhealthy":           "werkt niet",
		"still_new":           "Nog niet afgehandeld",
		"failed_alerts":       "Waarschuwingen die niet verstuurd konden worden",
		"subject_alert":       "[doxwatch] %s: gegevens van %s gevonden (%s)",
		"subject_many":        "[doxwatch] %d waarschuwingen: gegevens van medewerkers gevonden",
		"subject_digest":      "[doxwatch] Weekoverzicht %s: %d nieuwe meldingen",
		"subject_digest_one":  "[doxwatch] Weekoverzicht %s: %d nieuwe melding",
	},
	"en": {
		"intro":               "doxwatch found an employee's personal data in a public post.",
		"intro_many":          "doxwatch found employees' personal data in public posts.",
		"intro_handed_in":     "doxwatch found an employee's personal data in a post that was handed in by hand.",
		"handed_in":           "Handed in",
		"removed":             "Posts taken down",
		"held":                "On legal hold (kept past the retention period)",
		"removed_line":        "removed on %s, after %d day(s) online",
		"chain_head":          "Evidence: %d records kept, chain hash %s. Keep this e-mail: it shows later that the evidence was not changed.",
		"more_alerts":         "and %d more alert(s)",
		"more_where":          "All new hits",
		"more_cli":            "All new hits: doxwatch hits list --status new",
		"by":                  "by",
		"posted_by":           "Posted by",
		"posted_at":           "Posted at",
		"employee":            "Employee",
		"severity":            "Severity",
		"found":               "Found",
		"source":              "Source",
		"link":                "Link",
		"first_seen":          "First seen",
		"in_image":            "in image",
		"image":               "image",
		"triage":              "Triage",
		"open_hit":            "Open hit #%d (%s)",
		"next_steps":          "What next?",
		"footer":              "This e-mail was sent automatically by doxwatch. It holds only what the post itself showed; do not keep it longer than needed.",
		"digest_intro":        "doxwatch weekly digest,",
		"total":               "New hits",
		"by_employee":         "By employee",
		"no_hits":             "Nothing was found this week.",
		"blind":               "Nothing could be read this week: not one source worked. That nothing was found means nothing.",
		"health_bad_intro":    "A doxwatch source has stopped working: while it does not, doxwatch sees nothing there.",
		"health_ok_intro":     "A doxwatch source works again.",
		"health_what":         "Ask doxwatch's administrator to look: has the site changed (selectors), is it unreachable, or does it refuse doxwatch? 'doxwatch sources --test %s' shows what doxwatch reads now.",
		"health_what_mailbox": "Ask doxwatch's administrator to look: can doxwatch still reach the mailbox (intake.imap in the configuration: server, user, password)? 'doxwatch sources' shows the last error.",
		"subject_health_bad":  "[doxwatch] Source %s has stopped working",
		"subject_health_ok":   "[doxwatch] Source %s works again",
		"health_footer":       "This e-mail was sent automatically by doxwatch.",
		"since":               "Since",
		"reason":              "Reason",
		"by_source":           "By source",
		"hits":                "hits",
		"hit":                 "hit",
		"unhealthy":           "not working",
		"still_new":           "Not yet handled",
		"failed_alerts":       "Alerts that could not be sent",
		"subject_alert":       "[doxwatch] %s: personal data of %s found (%s)",
		"subject_many":        "[doxwatch] %d alerts: employees' personal data found",
		"subject_digest":      "[doxwatch] Weekly digest %s: %d new hits",
		"subject_digest_one":  "[doxwatch] Weekly digest %s: %d new hit",
	},
}

// words is one language's messages, with lookups that never fail: an
// unknown key shows as itself rather than breaking an alert.
type words map[string]any

func wordsFor(lang string) words {
	shared := i18n.For(lang)
	w := words{"steps_list": shared.Steps(), "shared": shared}
	for k, v := range messages[shared.Lang()] {
		w[k] = v
	}
	return w
}

func (w words) s(key string) string {
	if v, ok := w[key].(string); ok {
		return v
	}
	return key
}

// with returns a copy of w with one message replaced.
func (w words) with(key string, v any) words {
	out := make(words, len(w))
	for k, x := range w {
		out[k] = x
	}
	out[key] = v
	return out
}

func (w words) shared() i18n.Words               { return w["shared"].(i18n.Words) }
func (w words) severity(s model.Severity) string { return w.shared().Severity(s) }
func (w words) kind(k model.Kind) string         { return w.shared().Kind(k) }
func (w words) status(s model.Status) string     { return w.shared().Status(s) }

var severityColor = map[model.Severity]string{model.Critical: "#c92a2a", model.High: "#e8590c", model.Medium: "#f08c00", model.Low: "#495057"}

func joinNonEmpty(parts []string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
