package alerts

import (
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/config"
)

func TestIntakeReplySaysOnlyWhetherSomethingWasFound(t *testing.T) {
	cfg := config.Default().Alerts
	cfg.From, cfg.Language = "doxwatch <meldingen@zonnebloem-kdv.example>", "nl"
	found := IntakeReply(cfg, "collega@zonnebloem-kdv.example", "Fwd: Sanne van den Berg 06-12345678", true)
	none := IntakeReply(cfg, "collega@zonnebloem-kdv.example", "", false)
	if !strings.Contains(found.Text, "Er is iets in gevonden") || !strings.Contains(none.Text, "Er is niets in gevonden") {
		t.Errorf("replies:\n%s\n%s", found.Text, none.Text)
	}
	if found.To[0] != "collega@zonnebloem-kdv.example" || found.MessageID == none.MessageID {
		t.Errorf("reply headers %+v", found)
	}
	// The body never repeats what was found.
	if strings.Contains(found.Text, "06-12345678") || strings.Contains(found.Text, "Sanne") {
		t.Errorf("the reply repeats personal data: %s", found.Text)
	}
	cfg.Language = "en"
	if r := IntakeReply(cfg, "a@b.example", "x", true); !strings.HasPrefix(r.Subject, "Received: ") {
		t.Errorf("English subject %q", r.Subject)
	}
}
