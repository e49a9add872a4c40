package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

// A schedule is said as the contact reads it, in either language; one
// with no such words stays as written.
func TestScheduleWords(t *testing.T) {
	tests := []struct{ spec, nl, en string }{
		{"@every 1h", "elk uur", "every hour"},
		{"@every 30m", "elke 30 minuten", "every 30 minutes"},
		{"@every 2h", "elke 2 uur", "every 2 hours"},
		{"@every 90m", "elke 90 minuten", "every 90 minutes"},
		{"@every 1m", "elke minuut", "every minute"},
		{"@every 45s", "elke 45 seconden", "every 45 seconds"},
		{"@hourly", "elk uur", "every hour"},
		{"0 * * * *", "elk uur", "every hour"},
		{"5 * * * *", "elk uur om :05", "every hour at :05"},
		{"*/15 * * * *", "elke 15 minuten", "every 15 minutes"},
		{"0,30 * * * *", "elke 30 minuten", "every 30 minutes"},
		{"@daily", "elke dag om 00:00", "every day at 00:00"},
		{"30 7 * * *", "elke dag om 07:30", "every day at 07:30"},
		{"0 8 * * 1", "elke maandag om 08:00", "every Monday at 08:00"},
		{"@weekly", "elke zondag om 00:00", "every Sunday at 00:00"},
		{"0 7 * * 1-5", "op werkdagen om 07:00", "on weekdays at 07:00"},
		// No words for these: as written.
		{"0 7,19 * * *", "0 7,19 * * *", "0 7,19 * * *"},
		{"0 8 1 * *", "0 8 1 * *", "0 8 1 * *"},
		{"0 8 * 6 *", "0 8 * 6 *", "0 8 * 6 *"},
		{"0 8 * * 1,3", "0 8 * * 1,3", "0 8 * * 1,3"},
		{"0,10,30 * * * *", "0,10,30 * * * *", "0,10,30 * * * *"},
		{"5,35 * * * *", "5,35 * * * *", "5,35 * * * *"},
		{"every hour", "every hour", "every hour"},
		{"CRON_TZ=UTC 0 7 * * *", "CRON_TZ=UTC 0 7 * * *", "CRON_TZ=UTC 0 7 * * *"},
	}
	for _, tt := range tests {
		saysInBoth(t, tt.spec, lang.schedule, tt.nl, tt.en)
	}
}

// saysInBoth checks what say makes of something (named what) in Dutch
// and in English.
func saysInBoth[T any](t *testing.T, what T, say func(lang, T) string, nl, en string) {
	t.Helper()
	for l, want := range map[lang]string{"nl": nl, "en": en} {
		if got := say(l, what); got != want {
			t.Errorf("%s %v = %q, want %q", l, what, got, want)
		}
	}
}

// The sources page says each source's schedule, the intake mailbox's
// polling, why a source does not work and the built-in sources' names in
// words.
func TestSourcesSayScheduleInWords(t *testing.T) {
	e := newEnv(t)
	e.web.Config.Intake.IMAP.Host = "imap.example"
	e.web.Config.Intake.IMAP.PollInterval = 2 * time.Minute
	e.web.Config.Sources[0].Schedule = "0 8 * * 1-5"
	if err := e.store.EnsureSources(context.Background(), []store.SourceInfo{{Name: model.SourceIntake, Type: model.SourceIntake}}); err != nil {
		t.Fatal(err)
	}
	// And why a source does not work, in words, not as stored.
	if err := e.store.RecordRun(context.Background(), "ouderforum", store.Run{Err: "HTTP 500"}, 1); err != nil {
		t.Fatal(err)
	}
	c := e.client(t).login("rik", reviewerPW)
	_, page := c.get("/sources")
	for _, want := range []string{"on weekdays at 08:00", "every 2 minutes", "1 failed runs in a row; last: HTTP 500",
		"<h2>mailbox</h2>", `id="src-intake"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the sources page lacks %q", want)
		}
	}
	for _, raw := range []string{"0 8 * * 1-5", "mailbox_every", "2m0s", "failing|"} {
		if strings.Contains(page, raw) {
			t.Errorf("the sources page shows %q", raw)
		}
	}
}

// The manual source is only handed in to: its card says so and how many
// hits it has, with no runs, pages or health, and the overview's table of
// sources read leaves it out.
func TestManualSourceHasNoRuns(t *testing.T) {
	e := newEnv(t)
	if err := e.store.EnsureSources(context.Background(), []store.SourceInfo{{Name: model.SourceManual, Type: model.SourceManual}}); err != nil {
		t.Fatal(err)
	}
	c := e.client(t).login("rik", reviewerPW)
	_, page := c.get("/sources")
	card := page[strings.Index(page, `id="src-manual"`):]
	card = card[:strings.Index(card, "</li>")]
	if !strings.Contains(card, "<h2>by hand</h2>") || strings.Contains(card, "Last read") || strings.Contains(card, "Health") || !strings.Contains(card, "Hits") {
		t.Errorf("the manual source's card:\n%s", card)
	}
	if _, page := c.get("/"); strings.Contains(page, "<td>by hand</td>") || !strings.Contains(page, "<td>ouderforum</td>") {
		t.Errorf("the overview's sources:\n%s", page)
	}
}
