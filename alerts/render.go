package alerts

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
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
		"intro":          "doxwatch heeft persoonlijke gegevens van een medewerker gevonden in een openbaar bericht.",
		"intro_many":     "doxwatch heeft persoonlijke gegevens van medewerkers gevonden in openbare berichten.",
		"employee":       "Medewerker",
		"severity":       "Ernst",
		"found":          "Gevonden",
		"source":         "Bron",
		"link":           "Link",
		"first_seen":     "Eerst gezien",
		"in_image":       "in afbeelding",
		"image":          "afbeelding",
		"triage":         "Afhandelen",
		"next_steps":     "Wat nu?",
		"steps_list":     []string{"Leg het bewijs vast: maak een schermafbeelding met datum en link en bewaar de pagina, voordat het bericht verdwijnt.", "Vraag het platform of de beheerder van de groep om het bericht te verwijderen (meldknop of contactformulier).", "Steun de medewerker: informeer haar of hem persoonlijk, liefst voordat die het zelf ontdekt, en bespreek de veiligheid thuis.", "Overweeg aangifte bij de politie: het verspreiden van persoonsgegevens om iemand te intimideren is strafbaar (art. 285d Sr).", "Leg vast wat u doet met doxwatch hits set-status, zodat collega's het zien."},
		"footer":         "Deze e-mail is automatisch verstuurd door doxwatch. Hij bevat alleen wat het bericht zelf liet zien; bewaar hem niet langer dan nodig.",
		"digest_intro":   "Weekoverzicht doxwatch,",
		"total":          "Nieuwe meldingen",
		"by_employee":    "Per medewerker",
		"no_hits":        "Deze week is niets gevonden.",
		"by_source":      "Per bron",
		"hits":           "meldingen",
		"unhealthy":      "werkt niet",
		"still_new":      "Nog niet afgehandeld",
		"failed_alerts":  "Waarschuwingen die niet verstuurd konden worden",
		"subject_alert":  "[doxwatch] %s: gegevens van %s gevonden (%s)",
		"subject_many":   "[doxwatch] %d waarschuwingen: gegevens van medewerkers gevonden",
		"subject_digest": "[doxwatch] Weekoverzicht %s: %d nieuwe meldingen",
		"sev_low":        "laag", "sev_medium": "middel", "sev_high": "hoog", "sev_critical": "kritiek",
		"kind_name": "naam", "kind_phone": "telefoonnummer", "kind_email": "e-mailadres", "kind_address": "adres",
		"status_new": "nieuw", "status_confirmed": "bevestigd", "status_false_positive": "vals alarm", "status_resolved": "afgehandeld",
	},
	"en": {
		"intro":          "doxwatch found an employee's personal data in a public post.",
		"intro_many":     "doxwatch found employees' personal data in public posts.",
		"employee":       "Employee",
		"severity":       "Severity",
		"found":          "Found",
		"source":         "Source",
		"link":           "Link",
		"first_seen":     "First seen",
		"in_image":       "in image",
		"image":          "image",
		"triage":         "Triage",
		"next_steps":     "What next?",
		"steps_list":     []string{"Secure the evidence: take a screenshot showing the date and link, and save the page, before the post disappears.", "Ask the platform or the group's moderators to remove the post (report button or contact form).", "Support the employee: tell them in person, ideally before they find out themselves, and talk about their safety at home.", "Consider a police report: spreading someone's personal data to intimidate them is a crime in the Netherlands (art. 285d Sr).", "Record what you do with doxwatch hits set-status, so colleagues can see it."},
		"footer":         "This e-mail was sent automatically by doxwatch. It holds only what the post itself showed; do not keep it longer than needed.",
		"digest_intro":   "doxwatch weekly digest,",
		"total":          "New hits",
		"by_employee":    "By employee",
		"no_hits":        "Nothing was found this week.",
		"by_source":      "By source",
		"hits":           "hits",
		"unhealthy":      "not working",
		"still_new":      "Not yet handled",
		"failed_alerts":  "Alerts that could not be sent",
		"subject_alert":  "[doxwatch] %s: personal data of %s found (%s)",
		"subject_many":   "[doxwatch] %d alerts: employees' personal data found",
		"subject_digest": "[doxwatch] Weekly digest %s: %d new hits",
		"sev_low":        "low", "sev_medium": "medium", "sev_high": "high", "sev_critical": "critical",
		"kind_name": "name", "kind_phone": "phone number", "kind_email": "e-mail address", "kind_address": "address",
		"status_new": "new", "status_confirmed": "confirmed", "status_false_positive": "false positive", "status_resolved": "resolved",
	},
}

// words is one language's messages, with lookups that never fail: an
// unknown key shows as itself rather than breaking an alert.
type words map[string]any

func wordsFor(lang string) words {
	if m, ok := messages[lang]; ok {
		return m
	}
	return messages["nl"]
}

func (w words) s(key string) string {
	if v, ok := w[key].(string); ok {
		return v
	}
	return key
}

func (w words) severity(s string) string { return w.s("sev_" + s) }
func (w words) kind(k string) string     { return w.s("kind_" + k) }
func (w words) status(s string) string   { return w.s("status_" + s) }

var severityColor = map[string]string{"critical": "#c92a2a", "high": "#e8590c", "medium": "#f08c00", "low": "#495057"}

func joinNonEmpty(parts []string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
