// Package i18n holds the words for doxwatch's vocabulary that people read
// in e-mails, on the dashboard and on the command line, in Dutch and
// English: severities, kinds, statuses, roles and the steps to take after a
// hit. Each surface keeps its own sentences; these words are shared so that
// an alert and the dashboard never call the same thing by two names.
package i18n

import (
	"fmt"

	"github.com/doxwatch/doxwatch/model"
)

// Languages doxwatch speaks; the first is the default.
var languages = []string{"nl", "en"}

// Languages lists the supported language codes, the default first.
func Languages() []string { return append([]string(nil), languages...) }

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool { return lang == "nl" || lang == "en" }

type vocabulary struct {
	severity map[model.Severity]string
	kind     map[model.Kind]string
	status   map[model.Status]string
	role     map[model.Role]string
	steps    []string
	pasted   string // what was handed in as text pasted into the dashboard
	health   map[model.HealthKind]string
	sources  map[string]string // the built-in sources' names in words
}

var vocabularies = map[string]vocabulary{
	"nl": {
		severity: map[model.Severity]string{model.Low: "laag", model.Medium: "middel", model.High: "hoog", model.Critical: "kritiek"},
		kind:     map[model.Kind]string{model.KindName: "naam", model.KindPhone: "telefoonnummer", model.KindEmail: "e-mailadres", model.KindAddress: "adres"},
		status: map[model.Status]string{model.StatusNew: "nieuw", model.StatusConfirmed: "bevestigd",
			model.StatusFalsePositive: "vals alarm", model.StatusResolved: "afgehandeld"},
		role:    map[model.Role]string{model.RoleAdmin: "beheerder", model.RoleReviewer: "behandelaar"},
		pasted:  "geplakte tekst",
		sources: map[string]string{model.SourceManual: "met de hand", model.SourceIntake: "postvak"},
		health: map[model.HealthKind]string{
			model.HealthFailing: "%[1]d keer na elkaar mislukt; laatste fout: %[2]s",
			model.HealthEmpty:   "geen berichten gevonden waar de laatste goede keer er %[1]d stonden: de pagina is misschien veranderd (controleer de selectors): %[2]s",
			model.HealthNever:   "heeft nog nooit een bericht opgeleverd: %[2]s",
		},
		steps: []string{
			"Bewaar het bewijs: doxwatch legt het bericht van een ernstige melding zelf vast (download het dossier op de pagina van de melding); van wat met de hand is aangeleverd, bewaar ook het origineel.",
			"Vraag het platform of de beheerder van de groep om het bericht te verwijderen (meldknop of contactformulier).",
			"Steun de medewerker: informeer haar of hem persoonlijk, liefst voordat die het zelf ontdekt, en bespreek de veiligheid thuis.",
			"Overweeg aangifte bij de politie: het verspreiden van persoonsgegevens om iemand te intimideren is strafbaar (art. 285d Sr).",
			"Leg vast wat u doet (bevestigd, vals alarm, afgehandeld, met een notitie), zodat collega's het zien.",
		},
	},
	"en": {
		severity: map[model.Severity]string{model.Low: "low", model.Medium: "medium", model.High: "high", model.Critical: "critical"},
		kind:     map[model.Kind]string{model.KindName: "name", model.KindPhone: "phone number", model.KindEmail: "e-mail address", model.KindAddress: "address"},
		status: map[model.Status]string{model.StatusNew: "new", model.StatusConfirmed: "confirmed",
			model.StatusFalsePositive: "false positive", model.StatusResolved: "resolved"},
		role:    map[model.Role]string{model.RoleAdmin: "administrator", model.RoleReviewer: "reviewer"},
		pasted:  "pasted text",
		sources: map[string]string{model.SourceManual: "by hand", model.SourceIntake: "mailbox"},
		health: map[model.HealthKind]string{
			model.HealthFailing: "%[1]d failed runs in a row; last: %[2]s",
			model.HealthEmpty:   "found no posts where the last good run found %[1]d: the page may have changed (check the selectors): %[2]s",
			model.HealthNever:   "has never yielded a post: %[2]s",
		},
		steps: []string{
			"Keep the evidence: doxwatch preserves the post of a serious hit itself (download the case file on the hit's page); of what was handed in by hand, keep the original too.",
			"Ask the platform or the group's moderators to remove the post (report button or contact form).",
			"Support the employee: tell them in person, ideally before they find out themselves, and talk about their safety at home.",
			"Consider a police report: spreading someone's personal data to intimidate them is a crime in the Netherlands (art. 285d Sr).",
			"Record what you do (confirmed, false positive, resolved, with a note), so colleagues can see it.",
		},
	},
}

// Words is one language's vocabulary.
type Words struct {
	lang string
	v    vocabulary
}

// For returns the words of lang, or of the default language when lang is
// not supported.
func For(lang string) Words {
	if !Supported(lang) {
		lang = languages[0]
	}
	return Words{lang: lang, v: vocabularies[lang]}
}

// Lang is the language code of w.
func (w Words) Lang() string { return w.lang }

// Severity names a severity.
func (w Words) Severity(s model.Severity) string { return or(w.v.severity[s], s.String()) }

// Kind names a kind of finding.
func (w Words) Kind(k model.Kind) string { return or(w.v.kind[k], string(k)) }

// Status names a hit status.
func (w Words) Status(s model.Status) string { return or(w.v.status[s], string(s)) }

// Role names a user role.
func (w Words) Role(r model.Role) string { return or(w.v.role[r], string(r)) }

// HandedIn names what was handed in (model.HandedIn): a file by its name,
// pasted text in words.
func (w Words) HandedIn(name string) string {
	if name == model.Pasted {
		return w.v.pasted
	}
	return name
}

// Source names a source: one the administrator configured by its own
// name, the built-in ones (model.SourceManual, model.SourceIntake) in
// words.
func (w Words) Source(name string) string { return or(w.v.sources[name], name) }

// HealthReason says a stored reason why a source does not work
// (model.HealthReason); one stored before reasons had kinds as it is.
func (w Words) HealthReason(stored string) string {
	r, ok := model.ParseHealthReason(stored)
	if !ok {
		return stored
	}
	return fmt.Sprintf(w.v.health[r.Kind], r.Count, r.Detail)
}

// Steps are what to do after a serious hit, in order.
func (w Words) Steps() []string { return append([]string(nil), w.v.steps...) }

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// ParseSeverity reads a severity in any supported language ("kritiek" or
// "critical"), so people can type the words their e-mails use.
func ParseSeverity(word string) (model.Severity, error) {
	if s, err := model.ParseSeverity(word); err == nil {
		return s, nil
	}
	for _, v := range vocabularies {
		for s, name := range v.severity {
			if name == word {
				return s, nil
			}
		}
	}
	return 0, fmt.Errorf("%q is not a severity (critical, high, medium, low; kritiek, hoog, middel, laag)", word)
}

// ParseStatus reads a status in any supported language ("bevestigd" or
// "confirmed"; "vals alarm" or "false_positive").
func ParseStatus(word string) (model.Status, error) {
	if s, err := model.ParseStatus(word); err == nil {
		return s, nil
	}
	for _, v := range vocabularies {
		for s, name := range v.status {
			if name == word {
				return s, nil
			}
		}
	}
	return "", fmt.Errorf("%q is not a status (new, confirmed, false_positive, resolved; nieuw, bevestigd, vals alarm, afgehandeld)", word)
}
