package alerts

import (
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/config"
)

func TestIntakeReplySaysOnlyWhetherSomethingWasFound(t *testing.T) {
	cfg := config.Default().Alerts
	cfg.From, cfg.Language = "doxwatch <meldingen@zonnebloem-kdv.example>", "nl"
	found := IntakeReply(cfg, "collega@zonnebloem-kdv.example", true)
	none := IntakeReply(cfg, "collega@zonnebloem-kdv.example", false)
	if !strings.Contains(found.Text, "Er is iets in gevonden") || !strings.Contains(none.Text, "Er is niets in gevonden") {
		t.Errorf("replies:\n%s\n%s", found.Text, none.Text)
	}
	if found.To[0] != "collega@zonnebloem-kdv.example" || found.MessageID == none.MessageID {
		t.Errorf("reply headers %+v", found)
	}
	// A fixed subject: the forwarded one may name the employee.
	if found.Subject != "Ontvangen: uw doorgestuurde bericht" {
		t.Errorf("subject %q", found.Subject)
	}
	cfg.Language = "en"
	if r := IntakeReply(cfg, "a@b.example", true); !strings.HasPrefix(r.Subject, "Received: ") {
		t.Errorf("English subject %q", r.Subject)
	}
}
