package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
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

// Pages in UTF-16 or Windows-1252 are read as text, as a crawl reads them,
// not refused as binary.
func TestDocumentEncodings(t *testing.T) {
	page := "<html><body><p>Joëlle Dijkstra van De Zonnebloem</p></body></html>"
	utf16 := []byte{0xff, 0xfe}
	for _, r := range page {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	cp1252 := []byte(strings.ReplaceAll(page, "ë", "\xeb"))
	meta := []byte(strings.Replace(strings.ReplaceAll(page, "ë", "\xeb"), "<html>", `<html><head><meta charset="windows-1252"></head>`, 1))
	for name, c := range map[string]struct {
		ctype string
		data  []byte
	}{
		"utf-16 with BOM":          {"text/html", utf16},
		"windows-1252 by header":   {"text/html; charset=windows-1252", cp1252},
		"windows-1252 undeclared":  {"", cp1252},
		"windows-1252 by meta tag": {"", meta},
		"utf-8":                    {"text/html; charset=utf-8", []byte(page)},
	} {
		text, err := Document("page.html", c.ctype, c.data)
		if err != nil || !strings.Contains(text, "Joëlle Dijkstra") {
			t.Errorf("%s: %q, %v", name, text, err)
		}
	}
}

// A page nested deeper than the HTML parser allows is read all the same.
func TestDeepNestingFallsBackToText(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 100_000) + "Sanne van den Berg 06-12345678" +
		"<script>var hidden = 'x'</script>" + strings.Repeat("</div>", 100_000) + "</body></html>"
	text, err := Document("page.html", "text/html", []byte(page))
	if err != nil || !strings.Contains(text, "Sanne van den Berg 06-12345678") || strings.Contains(text, "hidden") {
		t.Errorf("deep page: %v, %q", err, text[:min(len(text), 200)])
	}
}

// FuzzDocument: no page, file or e-mail may panic the extraction, and its
// text is UTF-8 (the detector and the database take it as such).
func FuzzDocument(f *testing.F) {
	for _, name := range []string{"forum.html", "mail.eml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, data)
	}
	f.Add("post.txt", []byte("Sanne van den Berg\r\n06-12345678\xff"))
	f.Add("page.html", []byte("<html><body><p>a<br>b</p><script>x</script><a href=\"mailto:a%40b.nl\">m</a>"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if strings.HasSuffix(name, ".eml") {
			if _, err := ReadEmail(strings.NewReader(string(data))); err != nil {
				return
			}
		}
		text, err := Document(name, "", data)
		if err == nil && !utf8.ValidString(text) {
			t.Fatalf("text is not UTF-8: %q", text)
		}
	})
}
