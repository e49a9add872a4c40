package alerts

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/doxwatch/doxwatch/config"
)

// Message is one e-mail to send.
type Message struct {
	// MessageID stays the same across retries (without angle brackets).
	MessageID string
	From      string
	To        []string
	Subject   string
	Text      string
	HTML      string
	Date      time.Time
}

// Transport delivers messages.
type Transport interface {
	Send(ctx context.Context, m Message) error
}

// TooLargeError is a refusal of a message for its size (SMTP 552, 5.3.4):
// the same alerts in smaller e-mails will go.
type TooLargeError struct{ Err error }

func (e *TooLargeError) Error() string { return e.Err.Error() }
func (e *TooLargeError) Unwrap() error { return e.Err }

// PermanentError is a refusal that retrying will not change (an SMTP 5xx).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// NewTransport returns the transport the configuration asks for.
func NewTransport(cfg config.Alerts, outboxDir string) (Transport, error) {
	switch cfg.Transport {
	case "file":
		return &FileTransport{Dir: outboxDir}, nil
	case "smtp":
		return &SMTPTransport{cfg: cfg.SMTP}, nil
	}
	return nil, fmt.Errorf("alerts.transport: %q is not file or smtp", cfg.Transport)
}

func buildMsg(m Message) (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithEncoding(mail.EncodingQP), mail.WithCharset(mail.CharsetUTF8))
	if err := msg.From(m.From); err != nil {
		return nil, &PermanentError{fmt.Errorf("from address %q: %w", m.From, err)}
	}
	if err := msg.To(m.To...); err != nil {
		return nil, &PermanentError{fmt.Errorf("to address: %w", err)}
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDateWithValue(m.Date)
	// Out-of-office replies and mailing lists should leave alerts alone.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(mail.HeaderXAutoResponseSuppress, "All")
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// FileTransport writes each message as an .eml file into Dir: for trying
// doxwatch without a mail server, or for a mail pipeline that picks files up.
type FileTransport struct{ Dir string }

// Send writes the message; a message already written is not written again.
func (t *FileTransport) Send(_ context.Context, m Message) error {
	if err := os.MkdirAll(t.Dir, 0o750); err != nil {
		return fmt.Errorf("outbox directory: %w", err)
	}
	name := filepath.Join(t.Dir, fileName(m))
	// Written before, on an earlier attempt: by its Message-ID, whatever
	// the time in its name.
	if done, _ := filepath.Glob(filepath.Join(t.Dir, "*-"+safeID(m.MessageID)+".eml")); len(done) > 0 {
		return nil
	}
	msg, err := buildMsg(m)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(t.Dir, ".tmp-*.eml")
	if err != nil {
		return fmt.Errorf("outbox file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := msg.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	// Renamed into place only when complete: a reader never sees half a message.
	return os.Rename(tmp.Name(), name)
}

// fileName is the date and the Message-ID, safe for any file system.
func fileName(m Message) string {
	return m.Date.UTC().Format("20060102-150405") + "-" + safeID(m.MessageID) + ".eml"
}

// safeID is a Message-ID with only letters, digits, dots and dashes: safe
// in a file name and in a glob pattern.
func safeID(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, id)
}

// finalReplyTimeout is how long a session may take in all, the final reply
// to DATA included: three times the connect timeout (RFC 5321 lets a
// server take minutes over it).
func finalReplyTimeout(c config.SMTP) time.Duration { return 3 * max(c.Timeout, time.Second) }

// SMTPTransport sends through a mail server with go-mail.
type SMTPTransport struct{ cfg config.SMTP }

// Send delivers the message. Errors never carry the password or the body.
func (t *SMTPTransport) Send(ctx context.Context, m Message) error {
	msg, err := buildMsg(m)
	if err != nil {
		return err
	}
	// Connecting must be quick (smtp.timeout), but a server may take its
	// time over the final reply to DATA, after which the message is its
	// own: giving up earlier only makes a second delivery.
	opts := []mail.Option{mail.WithPort(t.cfg.Port), mail.WithTimeout(finalReplyTimeout(t.cfg))}
	switch t.cfg.TLS {
	case "none":
		opts = append(opts, mail.WithTLSPortPolicy(mail.NoTLS))
	case "starttls":
		opts = append(opts, mail.WithTLSPortPolicy(mail.TLSMandatory))
	case "tls":
		opts = append(opts, mail.WithSSL())
	}
	if t.cfg.Username != "" {
		auth := mail.SMTPAuthAutoDiscover
		if t.cfg.TLS == "none" {
			// go-mail will not send a password over a plain connection
			// unless told to; "tls: none" is that instruction (a relay on
			// the same host or network).
			auth = mail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(t.cfg.Username), mail.WithPassword(t.cfg.Password))
	}
	c, err := mail.NewClient(t.cfg.Host, opts...)
	if err != nil {
		return &PermanentError{fmt.Errorf("smtp client: %w", err)}
	}
	dial, cancel := context.WithTimeout(ctx, t.cfg.Timeout)
	defer cancel()
	if err := c.DialAndSendWithContext(dial, msg); err != nil {
		return classify(t.cfg.Host, err, t.cfg.Username, t.cfg.Password)
	}
	return nil
}

// classify tells permanent refusals (5xx) from failures worth retrying, and
// keeps the password out of the message whatever the library or the server
// put in it.
func classify(host string, err error, user, password string) error {
	wrapped := fmt.Errorf("smtp %s: %s", host, redact(err.Error(), user, password))
	var se *mail.SendError
	switch {
	case errors.As(err, &se) && (se.ErrorCode() == 552 || strings.Contains(se.Error(), "5.3.4")):
		return &TooLargeError{wrapped}
	case errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() < 600:
		return &PermanentError{wrapped}
	}
	return wrapped
}

// authArg is what follows an AUTH command in a server's echo of it.
var authArg = regexp.MustCompile(`(?i)(\bAUTH\s+(?:PLAIN|LOGIN|CRAM-MD5|XOAUTH2|OAUTHBEARER)\s+)[A-Za-z0-9+/=._-]+`)

// base64Word is a run of characters that could be base64.
var base64Word = regexp.MustCompile(`[A-Za-z0-9+/]{8,}={0,2}`)

// redact removes the password from text in every form an SMTP exchange
// carries it: as itself, base64 (LOGIN), inside base64 of
// "authzid\0user\0password" (PLAIN), and whatever follows "AUTH PLAIN"
// or "AUTH LOGIN" in a server's echo.
func redact(text, user, password string) string {
	const hidden = "********"
	text = authArg.ReplaceAllString(text, "${1}"+hidden)
	if password == "" {
		return text
	}
	text = strings.ReplaceAll(text, password, hidden)
	return base64Word.ReplaceAllStringFunc(text, func(w string) string {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			if dec, err := enc.DecodeString(w); err == nil && (strings.Contains(string(dec), password) ||
				(user != "" && strings.Contains(string(dec), "\x00"+user+"\x00"))) {
				return hidden
			}
		}
		return w
	})
}
