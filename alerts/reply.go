package alerts

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/doxwatch/doxwatch/config"
)

// replyWords are the acknowledgement's sentences, per language. They say
// whether something was found, never what: the reply goes to whoever
// forwarded the post, not to the designated contact.
var replyWords = map[string][3]string{
	"nl": {"Ontvangen: uw doorgestuurde bericht", "Dank u. doxwatch heeft uw bericht ontvangen en gelezen. Er is iets in gevonden; de verantwoordelijke collega is gewaarschuwd.",
		"Dank u. doxwatch heeft uw bericht ontvangen en gelezen. Er is niets in gevonden over medewerkers; de verantwoordelijke collega kan het toch bekijken."},
	"en": {"Received: your forwarded message", "Thank you. doxwatch has received and read your message. Something was found in it; the colleague responsible has been alerted.",
		"Thank you. doxwatch has received and read your message. Nothing about employees was found in it; the colleague responsible can still look at it."},
}

// IntakeReply is the acknowledgement sent to who forwarded a post to the
// intake mailbox (intake.imap.reply). Its subject is fixed: the forwarded
// subject may itself name the employee.
func IntakeReply(cfg config.Alerts, to string, found bool) Message {
	w, ok := replyWords[cfg.Language]
	if !ok {
		w = replyWords["nl"]
	}
	text := w[2]
	if found {
		text = w[1]
	}
	var id [12]byte
	_, _ = rand.Read(id[:])
	return Message{MessageID: "reply." + hex.EncodeToString(id[:]) + "@doxwatch.invalid", From: cfg.From, To: []string{to},
		Subject: w[0], Text: text + "\n", Date: time.Now()}
}
