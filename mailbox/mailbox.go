// Package mailbox reads the intake mailbox: posts that colleagues and
// parents forward from where no crawler can go (closed Facebook groups,
// parents' WhatsApp groups). Each message from an allowed sender is read
// like a post handed in by hand (its text, attachments through OCR,
// attached messages, the pages it links to) and recorded as a post of
// source intake, with the sender as reporter; it is moved to the done
// folder only once its hits are stored. Mail from anyone else, too large,
// with too many attachments, or that could not be read three times, is
// moved to the refused folder unread.
package mailbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/intake"
)

// maxPerPoll bounds the messages one poll handles; the rest wait for the next.
const maxPerPoll = 50

// maxLinks bounds the pages one message's links make doxwatch fetch.
const maxLinks = 5

// Poller reads the intake mailbox.
type Poller struct {
	Cfg config.IMAP
	// Checker reads and records what is handed in (Source intake).
	Checker *intake.Checker
	// Fetch downloads a linked page within the crawler's limits and SSRF guard.
	Fetch func(ctx context.Context, url string, max int64) ([]byte, string, error)
	// Reply, when set (intake.imap.reply), acknowledges a handled message
	// to its sender, saying only whether something was found.
	Reply func(ctx context.Context, to string, found bool) error
	Log   *slog.Logger

	// failures counts the failed attempts at each message this process
	// made: one that keeps failing is refused, not tried forever.
	failures map[imap.UID]int
}

// maxFailures is how often a message may fail before it is refused.
const maxFailures = 3

// Why a message was refused: the reasons a poll counts (the log has the
// details, never the sender).
const (
	RefusedSender      = "sender not allowed"
	RefusedSize        = "too large"
	RefusedAttachments = "too many attachments"
	RefusedUnreadable  = "could not be read"
)

// Result counts what one poll did.
type Result struct {
	Handled, Refused, Failed int
	Hits, Alerts             int
	// Reasons counts the refused messages by reason.
	Reasons map[string]int
}

// Warning says what a poll refused, and why, and what it left for the
// next poll; "" when it handled everything.
func (r Result) Warning() string {
	if r.Refused == 0 && r.Failed == 0 {
		return ""
	}
	var why []string
	for _, reason := range []string{RefusedSender, RefusedSize, RefusedAttachments, RefusedUnreadable} {
		if n := r.Reasons[reason]; n > 0 {
			why = append(why, fmt.Sprintf("%s: %d", reason, n))
		}
	}
	w := fmt.Sprintf("%d message(s) refused", r.Refused)
	if len(why) > 0 {
		w += " (" + strings.Join(why, ", ") + ")"
	}
	return w + fmt.Sprintf(", %d left for the next poll after an error", r.Failed)
}

// Poll handles the messages waiting in the mailbox.
func (p *Poller) Poll(ctx context.Context) (Result, error) {
	var res Result
	c, err := p.dial()
	if err != nil {
		return res, fmt.Errorf("intake mailbox %s: %w", p.Cfg.Host, err)
	}
	defer c.Close()
	if err := c.Login(p.Cfg.Username, p.Cfg.Password).Wait(); err != nil {
		return res, fmt.Errorf("intake mailbox %s: login as %s: %w", p.Cfg.Host, p.Cfg.Username, redact(err, p.Cfg.Password))
	}
	for _, f := range []string{p.Cfg.DoneFolder, p.Cfg.RefusedFolder} {
		// An error here is most often "exists already"; a folder that
		// truly cannot be made shows when a message is moved there.
		_ = c.Create(f, nil).Wait()
	}
	if _, err := c.Select(p.Cfg.Folder, nil).Wait(); err != nil {
		return res, fmt.Errorf("intake mailbox: folder %s: %w", p.Cfg.Folder, err)
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		return res, fmt.Errorf("intake mailbox: search: %w", err)
	}
	uids := found.AllUIDs()
	if len(uids) > maxPerPoll {
		uids = uids[:maxPerPoll]
	}
	for _, uid := range uids {
		if ctx.Err() != nil {
			break
		}
		var (
			refused string
			rec     recorded
			err     error
		)
		if p.failures[uid] >= maxFailures {
			// It failed on every try: refused unread, on a connection that
			// its last failure did not break.
			if _, err = c.Move(imap.UIDSetNum(uid), p.Cfg.RefusedFolder).Wait(); err == nil {
				delete(p.failures, uid)
				refused = RefusedUnreadable
			}
		} else {
			refused, rec, err = p.handle(ctx, c, uid)
		}
		// Only a message that cannot be read counts towards refusing it
		// (the server cannot give it, or it is no message): a database
		// failure is no fault of the message.
		var bad *unreadableError
		if errors.As(err, &bad) && ctx.Err() == nil {
			if p.failures == nil {
				p.failures = map[imap.UID]int{}
			}
			p.failures[uid]++
		}
		switch {
		case err != nil:
			res.Failed++
			p.Log.Warn("intake message not handled; it stays for the next poll", "uid", uid, "err", err)
			if c.Noop().Wait() != nil {
				// The failure broke the connection: what follows waits
				// for the next poll rather than fail for no fault of its own.
				return res, nil
			}
		case refused != "":
			res.Refused++
			if res.Reasons == nil {
				res.Reasons = map[string]int{}
			}
			res.Reasons[refused]++
			p.Log.Info("intake message refused", "uid", uid, "reason", refused)
		default:
			delete(p.failures, uid) // it failed before, and went through now
			res.Handled++
			res.Hits += rec.hits
			res.Alerts += rec.alerts
		}
	}
	_ = c.Logout().Wait()
	return res, nil
}

type recorded struct{ hits, alerts int }

// handle reads one message and moves it; refused says why it was refused.
func (p *Poller) handle(ctx context.Context, c *imapclient.Client, uid imap.UID) (refused string, rec recorded, err error) {
	set := imap.UIDSetNum(uid)
	head, err := c.Fetch(set, &imap.FetchOptions{UID: true, Envelope: true, RFC822Size: true, BodyStructure: &imap.FetchItemBodyStructure{}}).Collect()
	if err != nil || len(head) == 0 {
		return "", rec, &unreadableError{fmt.Errorf("fetch: %v", err)}
	}
	env, size := head[0].Envelope, head[0].RFC822Size
	sender := ""
	if env != nil && len(env.From) > 0 {
		sender = strings.ToLower(env.From[0].Addr())
	}
	switch {
	case !p.allowed(sender):
		refused = RefusedSender
	case size > p.Cfg.MaxMessageBytes:
		refused = RefusedSize
	case attachments(head[0].BodyStructure) > p.Cfg.MaxAttachments:
		refused = RefusedAttachments
	}
	if refused != "" {
		_, err := c.Move(set, p.Cfg.RefusedFolder).Wait()
		return refused, rec, err
	}
	section := &imap.FetchItemBodySection{Peek: true}
	body, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil || len(body) == 0 {
		return "", rec, &unreadableError{fmt.Errorf("fetch body: %v", err)}
	}
	data := body[0].FindBodySection(section)
	id := ""
	if env != nil && env.MessageID != "" {
		id = env.MessageID
	} else {
		sum := sha256.Sum256(data)
		id = hex.EncodeToString(sum[:12])
	}
	// One post per message, named by its Message-ID: read again after a
	// crash, it is the same post, and nothing is stored or alerted twice.
	doc, err := p.Checker.Scan(ctx, "message.eml", "mail:"+id, "message/rfc822", data)
	if err != nil {
		return "", rec, &unreadableError{err}
	}
	if err := p.record(ctx, doc, sender, &rec); err != nil {
		return "", rec, err
	}
	for i, link := range links(doc) {
		if i >= maxLinks {
			break
		}
		page, ctype, err := p.Fetch(ctx, link, p.Cfg.MaxMessageBytes)
		if err != nil {
			p.Log.Info("a link in an intake message could not be read", "err", err)
			continue
		}
		pd, err := p.Checker.Scan(ctx, link, link, ctype, page)
		if err != nil {
			continue
		}
		if err := p.record(ctx, pd, sender, &rec); err != nil {
			return "", rec, err
		}
	}
	if _, err = c.Move(set, p.Cfg.DoneFolder).Wait(); err != nil {
		return "", rec, err
	}
	if p.Reply != nil {
		found := rec.hits > 0 || len(doc.Findings()) > 0
		if err := p.Reply(ctx, sender, found); err != nil {
			p.Log.Warn("no acknowledgement sent for an intake message", "err", err)
		}
	}
	return "", rec, nil
}

// unreadableError is a message the server could not give, or that could
// not be read as a message.
type unreadableError struct{ err error }

func (e *unreadableError) Error() string { return e.err.Error() }
func (e *unreadableError) Unwrap() error { return e.err }

// attachments counts the parts of a message that are not its text: files,
// images, attached messages.
func attachments(bs imap.BodyStructure) int {
	if bs == nil {
		return 0
	}
	n := 0
	bs.Walk(func(_ []int, part imap.BodyStructure) bool {
		single, ok := part.(*imap.BodyStructureSinglePart)
		if !ok {
			return true
		}
		d := single.Disposition()
		if (d != nil && strings.EqualFold(d.Value, "attachment")) || !strings.EqualFold(single.Type, "text") {
			n++
		}
		return true
	})
	return n
}

func (p *Poller) record(ctx context.Context, doc intake.Document, sender string, rec *recorded) error {
	r, err := p.Checker.Record(ctx, doc, sender)
	rec.hits += len(r.NewHitIDs)
	rec.alerts += r.AlertsQueued
	return err
}

// allowed reports whether sender may hand posts in: an allowed address,
// or an address at an allowed "@domain".
func (p *Poller) allowed(sender string) bool {
	if sender == "" {
		return false
	}
	for _, a := range p.Cfg.AllowedSenders {
		a = strings.ToLower(strings.TrimSpace(a))
		if sender == a || (strings.HasPrefix(a, "@") && strings.HasSuffix(sender, a)) {
			return true
		}
	}
	return false
}

var linkRE = regexp.MustCompile(`https?://[^\s<>"')\]]+`)

// links are the web addresses in a message's text, each once.
func links(doc intake.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, part := range doc.Parts {
		for _, l := range linkRE.FindAllString(part.Text, -1) {
			l = strings.TrimRight(l, ".,;:!?")
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

func (p *Poller) dial() (*imapclient.Client, error) {
	addr := net.JoinHostPort(p.Cfg.Host, strconv.Itoa(p.Cfg.Port))
	switch p.Cfg.TLS {
	case "tls":
		return imapclient.DialTLS(addr, nil)
	case "starttls":
		return imapclient.DialStartTLS(addr, nil)
	}
	return imapclient.DialInsecure(addr, nil)
}

// redact keeps the password out of an error, whatever the server echoed.
func redact(err error, password string) error {
	if password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), password, "********"))
}
