// Package imaptest runs a real IMAP server in memory on loopback, for
// tests of the intake mailbox: the package's own and the daemon's.
package imaptest

import (
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// The mailbox's account.
const (
	User     = "meldingen"
	Password = "imap-Pa55"
)

// Server starts an IMAP server with one account and an INBOX, stopped
// when the test ends, and returns its address.
func Server(t testing.TB) string {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(User, Password)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
		Logger:       slog.NewLogLogger(slog.NewTextHandler(io.Discard, nil), slog.LevelError),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// Deliver puts a message into the INBOX, as a mail server would.
func Deliver(t testing.TB, addr, msg string) {
	t.Helper()
	c := login(t, addr)
	defer c.Close()
	cmd := c.Append("INBOX", int64(len(msg)), nil)
	cmd.Write([]byte(msg))
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// Count is the number of messages in a folder; 0 when it does not exist.
func Count(t testing.TB, addr, folder string) int {
	t.Helper()
	c := login(t, addr)
	defer c.Close()
	data, err := c.Status(folder, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		return 0
	}
	return int(*data.NumMessages)
}

// Message is a plain-text message forwarded by from.
func Message(from, id, body string) string {
	return fmt.Sprintf("From: %s\r\nTo: meldingen@zonnebloem-kdv.example\r\nSubject: Fwd: kijk eens\r\nMessage-ID: <%s>\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", from, id, body)
}

func login(t testing.TB, addr string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(User, Password).Wait(); err != nil {
		t.Fatal(err)
	}
	return c
}

// Forwarded is a message as a colleague forwards what she saw: a short
// note, the screenshot shot (a PNG), the original message attached (with
// an employee's phone number), a saved page (with an e-mail address) and
// a PDF that doxwatch does not read.
func Forwarded(from, id string, shot []byte) string {
	var b strings.Builder
	b.WriteString("From: " + from + "\r\nTo: meldingen@zonnebloem-kdv.example\r\nMessage-ID: <" + id + ">\r\n" +
		"Subject: Fwd: dit stond in de oudergroep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"OUTER\"\r\n\r\n")
	b.WriteString("--OUTER\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZie bijlagen, dit stond in de groep.\r\n")
	b.WriteString("--OUTER\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"screenshot.png\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(shot) + "\r\n")
	b.WriteString("--OUTER\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"origineel.eml\"\r\n\r\n" +
		"From: Ouder <ouder@example.org>\r\nSubject: die juf\r\nContent-Type: text/plain\r\n\r\n" +
		"Sanne van den Berg van De Zonnebloem, bel haar maar op 06-12345678\r\n")
	b.WriteString("--OUTER\r\nContent-Type: text/html; charset=utf-8\r\nContent-Disposition: attachment; filename=\"pagina.html\"\r\n\r\n" +
		"<html><body><p>Joëlle Dijkstra: joelle.dijkstra@example.net</p></body></html>\r\n")
	b.WriteString("--OUTER\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"brief.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcK\r\n")
	b.WriteString("--OUTER--\r\n")
	return b.String()
}
