package alerts

import (
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpServer is a real SMTP server on loopback that keeps what it receives.
type smtpServer struct {
	t      *testing.T
	addr   string
	user   string
	pass   string
	mu     sync.Mutex
	msgs   []received
	reject *smtp.SMTPError // answer to DATA, when set
	maxMsg int64           // refuses larger messages with 552, when set
	slow   time.Duration   // waits this long before the final reply to DATA
	// echo makes a refused AUTH repeat what the client sent, as some
	// servers do: the password in the clear and base64-encoded.
	echo bool
	srv  *smtp.Server
	ln   net.Listener
}

type received struct {
	from string
	to   []string
	data string
}

func newSMTP(t *testing.T) *smtpServer { return newSMTPMax(t, 0) }

// newSMTPMax is a server that refuses messages over maxMsg bytes (0: any size).
func newSMTPMax(t *testing.T, maxMsg int64) *smtpServer {
	s := &smtpServer{t: t, addr: "127.0.0.1:0", user: "doxwatch", pass: "s3cret-Pa55", maxMsg: maxMsg}
	s.start()
	t.Cleanup(s.stop)
	return s
}

// start listens on the server's address; after stop, on the same port again.
func (s *smtpServer) start() {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 5*time.Second, 5*time.Second
	srv.MaxMessageBytes = s.maxMsg
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go srv.Serve(ln)
}

// stop closes the listener itself as well: Serve may not have started yet.
func (s *smtpServer) stop() {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if srv != nil {
		ln.Close()
		srv.Close()
	}
}

func (s *smtpServer) port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

type session struct {
	s    *smtpServer
	auth bool
	from string
	to   []string
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.user || pass != ss.s.pass {
			msg := "Authentication credentials invalid"
			if ss.s.echo {
				b64 := base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pass))
				msg += fmt.Sprintf(" for AUTH PLAIN %s (user %s, password %s, %s)", b64, user, pass, base64.StdEncoding.EncodeToString([]byte(pass)))
			}
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: msg}
		}
		ss.auth = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.auth {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	slow := ss.s.slow
	if ss.s.reject != nil {
		ss.s.mu.Unlock()
		return ss.s.reject
	}
	ss.s.msgs = append(ss.s.msgs, received{ss.from, ss.to, string(data)})
	ss.s.mu.Unlock()
	time.Sleep(slow) // the message is taken; the 250 comes late
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

var smtpError554 = smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Message rejected by policy"}
