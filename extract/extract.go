// Package extract turns what people post and forward into plain text for
// detection: the visible text of an HTML page, the headers and body of an
// e-mail. It reads nothing from the network.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// HTML returns the visible text of an HTML document: no scripts, styles or
// markup, with line breaks where blocks end so words do not run together.
//
// A document the parser refuses (nested deeper than it allows, say) is read
// token by token instead: a post cannot hide behind nesting.
func HTML(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("read HTML: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return TokenText(data), nil
	}
	return HTMLText(doc.Selection), nil
}

// TokenText is the visible text of HTML read token by token, without
// building a tree: it has no limit on nesting and never fails.
func TokenText(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.StartTagToken:
			name, _ := z.TagName()
			if invisible[string(name)] {
				skip++
			} else if blocks[string(name)] {
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if invisible[string(name)] && skip > 0 {
				skip--
			} else if blocks[string(name)] {
				b.WriteByte('\n')
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// HTMLText returns the visible text of a parsed selection.
func HTMLText(sel *goquery.Selection) string {
	var b strings.Builder
	for _, n := range sel.Nodes {
		visibleText(&b, n)
	}
	return strings.TrimSpace(b.String())
}

var invisible = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true, "svg": true, "iframe": true}

var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "td": true, "th": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "article": true, "section": true,
	"header": true, "footer": true, "table": true, "ul": true, "ol": true, "dd": true, "dt": true, "hr": true,
}

func visibleText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if invisible[n.Data] || hasAttr(n, "hidden") {
			return
		}
		if n.Data == "img" {
			if alt := attr(n, "alt"); alt != "" {
				b.WriteString(" " + alt + " ")
			}
		}
		if n.Data == "a" {
			// mailto: and tel: links carry the address even where the link
			// text does not show it.
			if href := attr(n, "href"); strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "tel:") {
				defer b.WriteString(" (" + href + ") ")
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visibleText(b, c)
	}
	if n.Type == html.ElementNode && blocks[n.Data] {
		b.WriteByte('\n')
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}

// Email returns the text of an RFC 5322 message: the headers people read
// (From, To, Cc, Reply-To, Subject, Date), then every text part of the
// body, decoded, HTML parts as visible text, attached messages likewise.
func Email(r io.Reader) (string, error) {
	m, err := ReadEmail(r)
	return m.Text, err
}

// Attachment is an image attached to an e-mail.
type Attachment struct {
	Name, Type string
	Data       []byte
}

// Mail is what an e-mail holds that doxwatch reads: its text (with that
// of attached messages and HTML files), its images, and what it skipped.
type Mail struct {
	Text    string
	Images  []Attachment
	Skipped []string
}

// Limits of one e-mail: attached images in number and in bytes together.
const (
	MaxImages     = 16
	MaxImageBytes = 32 << 20
)

// ReadEmail reads a message with its attachments: text and HTML parts and
// attached messages (message/rfc822 or .eml files, nested up to a depth)
// become text; images are returned to be read with OCR; anything else is
// named in Skipped, so nothing is passed over without a word.
func ReadEmail(r io.Reader) (Mail, error) {
	c := &collector{}
	if err := c.message(r, 0); err != nil {
		return Mail{}, err
	}
	// A header may hold bytes that are no UTF-8, raw or from an encoded
	// word that lies about its charset.
	return Mail{Text: strings.ToValidUTF8(c.b.String(), "\uFFFD"), Images: c.images, Skipped: c.skipped}, nil
}

// maxDepth bounds nested multiparts and attached messages: a hostile
// message may nest forever.
const maxDepth = 8

type collector struct {
	b          strings.Builder
	images     []Attachment
	imageBytes int
	skipped    []string
}

func (c *collector) message(r io.Reader, depth int) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return fmt.Errorf("read e-mail: %w", err)
	}
	dec := mime.WordDecoder{CharsetReader: charset.NewReaderLabel}
	for _, h := range []string{"From", "To", "Cc", "Reply-To", "Subject", "Date"} {
		if v := msg.Header.Get(h); v != "" {
			if d, err := dec.DecodeHeader(v); err == nil {
				v = d
			}
			fmt.Fprintf(&c.b, "%s: %s\n", h, v)
		}
	}
	c.b.WriteByte('\n')
	return c.part(msg.Header, msg.Body, depth)
}

// header is what a message and its MIME parts have in common.
type header interface{ Get(string) string }

// partName is an attachment's file name, from Content-Disposition or the
// Content-Type's name parameter.
func partName(h header, params map[string]string) string {
	if _, dp, err := mime.ParseMediaType(h.Get("Content-Disposition")); err == nil && dp["filename"] != "" {
		return filepath.Base(dp["filename"])
	}
	if params["name"] != "" {
		return filepath.Base(params["name"])
	}
	return ""
}

func (c *collector) part(h header, body io.Reader, depth int) error {
	if depth > maxDepth {
		return errors.New("read e-mail: parts or attached messages nested too deep")
	}
	ctype := h.Get("Content-Type")
	if ctype == "" {
		ctype = "text/plain"
	}
	media, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		media, params = "text/plain", nil
	}
	name := partName(h, params)
	// Mail programs often send attachments as octet-stream: go by the name.
	if media == "application/octet-stream" {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".eml":
			media = "message/rfc822"
		case ".html", ".htm":
			media = "text/html"
		case ".txt":
			media = "text/plain"
		case ".png", ".jpg", ".jpeg", ".gif", ".webp":
			media = "image/" + strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
		}
	}
	body = decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	label := name
	if label == "" {
		label = "(" + media + ")"
	}
	switch {
	case strings.HasPrefix(media, "multipart/"):
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("read e-mail part: %w", err)
			}
			if err := c.part(p.Header, p, depth+1); err != nil {
				return err
			}
		}
	case media == "message/rfc822":
		c.b.WriteString("\n")
		return c.message(body, depth+1)
	case media == "text/plain", media == "text/html":
		data, err := io.ReadAll(body)
		if err != nil {
			return fmt.Errorf("read e-mail body: %w", err)
		}
		text := toUTF8(data, params["charset"])
		if media == "text/html" {
			if text, err = HTML(strings.NewReader(text)); err != nil {
				return err
			}
		}
		c.b.WriteString(text)
		c.b.WriteByte('\n')
	case media == "image/png", media == "image/jpeg", media == "image/jpg", media == "image/gif", media == "image/webp":
		if len(c.images) >= MaxImages {
			c.skipped = append(c.skipped, fmt.Sprintf("%s: more than %d images in one e-mail", label, MaxImages))
			return nil
		}
		data, err := io.ReadAll(io.LimitReader(body, int64(MaxImageBytes-c.imageBytes)+1))
		if err != nil {
			return fmt.Errorf("read e-mail attachment %s: %w", label, err)
		}
		if c.imageBytes+len(data) > MaxImageBytes {
			c.skipped = append(c.skipped, fmt.Sprintf("%s: the e-mail's images are over %d MB together", label, MaxImageBytes>>20))
			return nil
		}
		c.imageBytes += len(data)
		if name == "" {
			name = fmt.Sprintf("image-%d.%s", len(c.images)+1, strings.TrimPrefix(media, "image/"))
		}
		c.images = append(c.images, Attachment{Name: name, Type: media, Data: data})
	default:
		c.skipped = append(c.skipped, fmt.Sprintf("%s: a %s attachment is not read", label, media))
	}
	return nil
}

func decodeTransfer(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64Reader(r)
	}
	return r
}

func toUTF8(data []byte, cs string) string {
	if cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		if r, err := charset.NewReaderLabel(cs, bytes.NewReader(data)); err == nil {
			if out, err := io.ReadAll(r); err == nil {
				return string(out)
			}
		}
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// Decode returns data as UTF-8: by its byte-order mark, the charset in
// ctype, an HTML meta charset, or (for bytes that are not UTF-8)
// Windows-1252; valid UTF-8 without other signs is returned as it is.
func Decode(data []byte, ctype string) []byte {
	bom := bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff"))
	declared := strings.Contains(strings.ToLower(ctype), "charset=")
	if !bom && !declared && utf8.Valid(data) && !bytes.Contains(bytes.ToLower(data[:min(len(data), 1024)]), []byte("charset")) {
		return data
	}
	enc, name, _ := charset.DetermineEncoding(data, ctype)
	if name == "utf-8" && utf8.Valid(data) {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		out = data
	}
	// A decoder passes on what it cannot read (a page that says UTF-8 and
	// is not, wholly): what is not UTF-8 still is not.
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}

// LooksBinary reports whether data is not text: NUL bytes, or mostly
// invalid UTF-8 in its first kilobytes.
func LooksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		head = head[n:]
	}
	return bad > len(data[:min(len(data), 8192)])/10
}

// LooksHTML reports whether text starts like an HTML document.
func LooksHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<div"))
}

// Document returns the text of a file given to doxwatch by hand: an e-mail
// (.eml), an HTML page (.html, .htm, or content that looks like one), or
// plain text. name is used for the extension and in errors.
//
// Text is decoded as a crawl decodes it: a UTF-16 byte-order mark, the
// charset of ctype (from the server, may be ""), an HTML meta charset,
// and Windows-1252 for text that is not valid UTF-8.
//
// Plain UTF-8 text is returned in data's own memory, not copied: data must
// not change while the text is in use. (`doxwatch check` reads file after
// file of up to 32 MB into one buffer; a copy of each was fresh memory
// to fault in, a tenth of its time.)
func Document(name, ctype string, data []byte) (string, error) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".eml") {
		return Email(bytes.NewReader(data))
	}
	data = Decode(data, ctype)
	switch {
	case LooksBinary(data):
		return "", fmt.Errorf("%s: a binary file, not text, HTML or e-mail", name)
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), LooksHTML(data):
		return HTML(bytes.NewReader(data))
	}
	if len(data) == 0 {
		return "", nil
	}
	return unsafe.String(&data[0], len(data)), nil
}
