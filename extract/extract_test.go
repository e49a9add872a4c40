package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "forum.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text, err := HTML(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Weer een mail van Sanne van den Berg.", "Bel haar:\n06-12345678", "(mailto:sanne.vdberg82@example.com)", "screenshot van de mail"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"secret", "color:red", "verborgen", "javascript", "Ouderforum"} {
		if strings.Contains(text, not) {
			t.Errorf("text holds invisible %q:\n%s", not, text)
		}
	}
}

func TestEmail(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "mail.eml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text, err := Email(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"From: Joëlle Dijkstra <joelle.dijkstra@example.net>", "Subject: Wachtlijst",
		"Bel me op 06-12345678.", "Met vriendelijke groet,\nJoëlle Dijkstra",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestEmailErrors(t *testing.T) {
	deep := "Content-Type: multipart/mixed; boundary=a\r\n\r\n"
	for i := 0; i < 12; i++ {
		deep += "--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n"
	}
	for name, msg := range map[string]string{"no header end": "not a mail", "too deep": deep} {
		if _, err := Email(strings.NewReader(msg)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestLooks(t *testing.T) {
	if !LooksBinary([]byte("PNG\x00\x01")) || LooksBinary([]byte("Gewoon tekst, met ë.")) {
		t.Error("LooksBinary")
	}
	if !LooksHTML([]byte("  <!DOCTYPE html><html>")) || LooksHTML([]byte("Sanne <sanne@example.com>")) {
		t.Error("LooksHTML")
	}
}
