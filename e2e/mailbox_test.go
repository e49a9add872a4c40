package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/doxwatch/doxwatch/mailbox/imaptest"
)

// holdingProxy passes IMAP between the daemon and the server; while it
// holds, it stops the first command that moves a message (MOVE, or the
// COPY a client sends a server without MOVE), so the daemon can be killed
// after it stored what a message says and before the message moved.
type holdingProxy struct {
	addr, target string
	mu           sync.Mutex
	hold         bool
	held         chan struct{}
}

func newHoldingProxy(t *testing.T, target string) *holdingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &holdingProxy{addr: ln.Addr().String(), target: target, hold: true, held: make(chan struct{})}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.pipe(c)
		}
	}()
	return p
}

func (p *holdingProxy) release() {
	p.mu.Lock()
	p.hold = false
	p.mu.Unlock()
}

func (p *holdingProxy) pipe(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer server.Close()
	go io.Copy(client, server)
	buf := make([]byte, 64<<10)
	for {
		n, err := client.Read(buf)
		if err != nil {
			return
		}
		chunk := buf[:n]
		p.mu.Lock()
		hold := p.hold && (bytes.Contains(chunk, []byte(" MOVE ")) || bytes.Contains(chunk, []byte(" COPY ")))
		p.mu.Unlock()
		if hold {
			close(p.held)
			// Nothing more reaches the server on this connection; it
			// ends when the daemon dies.
			io.Copy(io.Discard, client)
			return
		}
		if _, err := server.Write(chunk); err != nil {
			return
		}
	}
}

// A daemon killed between storing a forwarded message's hits and moving
// the message leaves it in the inbox; the next daemon handles it again
// without a second hit or a second alert.
func TestMailboxCrashBetweenStoredAndMoved(t *testing.T) {
	bin := binary(t)
	imap := imaptest.Server(t)
	proxy := newHoldingProxy(t, imap)
	mail := newMailbox(t)
	dir := t.TempDir()
	staff, _ := filepath.Abs(filepath.Join("testdata", "staff.csv"))
	host, port, _ := net.SplitHostPort(mail.addr)
	imapHost, imapPort, _ := net.SplitHostPort(proxy.addr)
	cfg := filepath.Join(dir, "doxwatch.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`organisation:
  name: Kinderopvang De Zonnebloem
  aliases: ["De Zonnebloem"]
roster: %s
database: %s
listen: %s
alerts:
  to: [veiligheid@zonnebloem-kdv.example]
  from: doxwatch@zonnebloem-kdv.example
  transport: smtp
  language: en
  smtp: {host: %s, port: %s, tls: none}
web:
  listen: %s
intake:
  imap:
    host: %s
    port: %s
    tls: none
    username: %s
    password: ${DOXWATCH_IMAP_PASSWORD}
    poll_interval: 10s
    allowed_senders: ["@zonnebloem-kdv.example"]
`, staff, filepath.Join(dir, "dw.db"), freePort(t), host, port, freePort(t), imapHost, imapPort, imaptest.User)), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOXWATCH_IMAP_PASSWORD", imaptest.Password)
	imaptest.Deliver(t, imap, imaptest.Message("Collega <collega@zonnebloem-kdv.example>", "fwd-1@zonnebloem-kdv.example",
		"Uit de oudergroep: Sanne van den Berg van De Zonnebloem, bel haar op 06-12345678."))

	hits := func() int {
		out, err := exec.Command(bin, "hits", "list", "--config", cfg, "--json").Output()
		if err != nil {
			t.Fatalf("hits list: %v", err)
		}
		// One JSON object a line.
		n := 0
		for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
			if len(line) > 0 && !json.Valid(line) {
				t.Fatalf("hits list: not JSON: %s", line)
			}
			if len(line) > 0 {
				n++
			}
		}
		return n
	}
	d := start(t, bin, cfg)
	select {
	case <-proxy.held:
	case <-time.After(60 * time.Second):
		t.Fatalf("the daemon never moved the message\n%s", d.logs.String())
	}
	stored := hits()
	if stored == 0 {
		t.Fatalf("nothing stored before the move\n%s", d.logs.String())
	}
	d.cmd.Process.Kill() // no shutdown: as a crash or the OOM killer
	<-d.done
	if n := imaptest.Count(t, imap, "INBOX"); n != 1 {
		t.Fatalf("%d messages in the inbox after the crash, want 1", n)
	}

	proxy.release()
	d = start(t, bin, cfg)
	waitFor(t, "the message moved to doxwatch/done", 60*time.Second, func() bool { return imaptest.Count(t, imap, "doxwatch/done") == 1 }, d.logs)
	waitFor(t, "the alert", 30*time.Second, func() bool { return mail.count("Sanne van den Berg") >= 1 }, d.logs)
	time.Sleep(2 * time.Second) // a second alert, if there were one, would be on its way
	d.stop(t)
	if got := hits(); got != stored {
		t.Errorf("%d hits after the restart, %d before: stored twice", got, stored)
	}
	if n := mail.count("Sanne van den Berg"); n != 1 {
		t.Errorf("%d alert e-mails, want 1", n)
	}
	if n := imaptest.Count(t, imap, "INBOX"); n != 0 {
		t.Errorf("%d messages left in the inbox", n)
	}
}
