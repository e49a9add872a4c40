package evidence

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"gopkg.in/yaml.v3"

	"github.com/doxwatch/doxwatch/i18n"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/store"
)

//go:embed takedown.yaml
var takedownYAML []byte

// platform is where to ask for a post's removal.
type platform struct {
	Name    string   `yaml:"name"`
	Hosts   []string `yaml:"hosts"`
	Match   string   `yaml:"match"`
	Where   string   `yaml:"where"`
	WhereNL string   `yaml:"where_nl"`
}

// where is where to send a request to the platform, in lang.
func (p platform) where(lang string) string {
	if lang == "nl" && p.WhereNL != "" {
		return p.WhereNL
	}
	return p.Where
}

func platforms() ([]platform, error) {
	var ps []platform
	if err := yaml.Unmarshal(takedownYAML, &ps); err != nil || len(ps) == 0 {
		return nil, fmt.Errorf("takedown.yaml: %v", err)
	}
	return ps, nil
}

// platformFor finds where to ask for the removal of the post at raw.
func platformFor(ps []platform, raw string) platform {
	host := ""
	if u, err := url.Parse(raw); err == nil {
		host = strings.ToLower(u.Hostname())
	}
	for _, p := range ps {
		for _, h := range p.Hosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				return p
			}
		}
		if p.Match != "" && strings.Contains(raw, p.Match) {
			return p
		}
	}
	return ps[len(ps)-1]
}

type evidenceRef struct {
	File     string `json:"file"`
	RecordID string `json:"record_id"`
	Type     string `json:"type"`
	SHA256   string `json:"sha256"`
	Seq      int64  `json:"chain_seq"`
	Chain    string `json:"chain_hash"`
}

// hitRef is a hit as the manifest and the report describe it.
type hitRef struct {
	ID        int64      `json:"id"`
	Employee  string     `json:"employee"`
	Kind      model.Kind `json:"kind"`
	Severity  string     `json:"severity"`
	Source    string     `json:"source"`
	URL       string     `json:"url"`
	FirstSeen time.Time  `json:"first_seen"`
	LastSeen  time.Time  `json:"last_seen"`
	Excerpt   string     `json:"excerpt"`
	// CheckedOnline is when the post was last found online, RemovedAt
	// when it was found gone (zero when not known).
	CheckedOnline time.Time     `json:"checked_online,omitzero"`
	RemovedAt     time.Time     `json:"removed_at,omitzero"`
	Evidence      []evidenceRef `json:"evidence"`
}

// ExportInfo is what the case file says besides the evidence.
type ExportInfo struct {
	Organisation string
	Lang         string
	// Employee names an employee (name and location only).
	Employee func(id string) string
	Location *time.Location
	Now      time.Time
}

// Export writes a case file of hits as a ZIP to w: report.pdf (a cover
// sheet for a police report or a complaint to a platform), the WARC files,
// manifest.json, takedown-request.txt and SHA256SUMS (sha256sum -c).
func Export(ctx context.Context, st *store.Store, dir string, hits []store.Hit, info ExportInfo, w io.Writer) error {
	if len(hits) == 0 {
		return fmt.Errorf("no hits to export")
	}
	ps, err := platforms()
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	var manifest struct {
		Created      time.Time `json:"created"`
		Organisation string    `json:"organisation"`
		ChainHead    string    `json:"chain_head"`
		Hits         []hitRef  `json:"hits"`
	}
	manifest.Created, manifest.Organisation = info.Now.UTC(), info.Organisation
	if manifest.ChainHead, _, err = st.ChainHead(ctx); err != nil {
		return err
	}
	for _, h := range hits {
		ref := hitRef{ID: h.ID, Employee: info.Employee(h.EmployeeID), Kind: h.Kind, Severity: h.Severity.String(), Source: h.Source,
			URL: h.URL, FirstSeen: h.FirstSeen.UTC(), LastSeen: h.LastSeen.UTC(), Excerpt: h.Excerpt}
		on, err := st.PostOnline(ctx, h.DocumentID)
		if err != nil {
			return err
		}
		// A zero time stays zero in UTC: "never checked", "not removed".
		ref.CheckedOnline, ref.RemovedAt = on.CheckedAt.UTC(), on.RemovedAt.UTC()
		recs, err := st.DocumentEvidence(ctx, h.DocumentID)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if r.Purged {
				continue
			}
			name := "evidence/" + filepath.ToSlash(r.File)
			if _, ok := files[name]; !ok {
				data, err := os.ReadFile(filepath.Join(dir, r.File))
				if err != nil {
					return fmt.Errorf("evidence file of hit %d: %w", h.ID, err)
				}
				files[name] = data
			}
			ref.Evidence = append(ref.Evidence, evidenceRef{File: name, RecordID: r.RecordID, Type: r.RecordType, SHA256: r.SHA256,
				Seq: r.Seq, Chain: r.Chain})
		}
		manifest.Hits = append(manifest.Hits, ref)
	}
	if files["manifest.json"], err = json.MarshalIndent(manifest, "", "  "); err != nil {
		return err
	}
	files["takedown-request.txt"] = []byte(takedown(ps, hits, info))
	sums := map[string]string{}
	for name, data := range files {
		sums[name] = sha256Hex(data)
	}
	// The report lists the sums of the files above; its own is added after.
	if files["report.pdf"], err = reportPDF(manifest.Hits, sums, info, manifest.ChainHead); err != nil {
		return err
	}
	sums["report.pdf"] = sha256Hex(files["report.pdf"])
	var list strings.Builder
	for _, name := range sortedKeys(files) {
		fmt.Fprintf(&list, "%s  %s\n", sums[name], name)
	}
	files["SHA256SUMS"] = []byte(list.String())
	zw := zip.NewWriter(w)
	for _, name := range sortedKeys(files) {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: info.Now})
		if err != nil {
			return err
		}
		if _, err := fw.Write(files[name]); err != nil {
			return err
		}
	}
	return zw.Close()
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// takedown is a request to remove the posts, ready to send, and where to
// send it for each: in the language of the case file, which is the
// contact's, with the kinds of data in the same words. Each paragraph is
// one line, to paste into a platform's form.
func takedown(ps []platform, hits []store.Hit, info ExportInfo) string {
	var b strings.Builder
	byURL := map[string][]store.Hit{}
	var urls []string
	for _, h := range hits {
		if _, ok := byURL[h.URL]; !ok {
			urls = append(urls, h.URL)
		}
		byURL[h.URL] = append(byURL[h.URL], h)
	}
	w := i18n.For(info.Lang)
	t := takedownWords[w.Lang()]
	for _, u := range urls {
		p := platformFor(ps, u)
		var kinds []string
		for _, h := range byURL[u] {
			if k := w.Kind(h.Kind); !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		to := t["send_to"]
		if p.Name != "" {
			to += " (" + p.Name + ")"
		}
		fmt.Fprintf(&b, "%s: %s\n\n%s\n\n%s\n\n", to, p.where(w.Lang()), t["subject"], t["dear"])
		fmt.Fprintf(&b, t["ask"]+"\n\n  %s\n\n", info.Organisation, u)
		fmt.Fprintf(&b, t["discloses"]+"\n\n", strings.Join(kinds, ", "))
		fmt.Fprintf(&b, t["preserved"]+"\n\n", byURL[u][0].FirstSeen.In(info.Location).Format("2006-01-02 15:04 MST"))
		fmt.Fprintf(&b, "%s\n%s\n\n%s\n\n", t["regards"], info.Organisation, strings.Repeat("-", 72))
	}
	return b.String()
}

// takedownWords are the request's words, per language.
var takedownWords = map[string]map[string]string{
	"nl": {"send_to": "Versturen naar", "subject": "Onderwerp: Verzoek om persoonsgegevens van onze medewerker te verwijderen",
		"dear": "Geachte heer, mevrouw,", "ask": "Wij, %s, vragen u dit bericht zo snel mogelijk te verwijderen:",
		"discloses": "Het maakt zonder toestemming persoonsgegevens van een van onze medewerkers openbaar (%s), in een context die bedoeld is om te intimideren. Op grond van de AVG (art. 17) heeft de betrokkene recht op verwijdering van die gegevens; het verspreiden van iemands persoonsgegevens om die persoon te intimideren is strafbaar (art. 285d Wetboek van Strafrecht).",
		"preserved": "Wij hebben het bericht als bewijs vastgelegd (eerst gezien %s). Wilt u bevestigen dat het is verwijderd?",
		"regards":   "Met vriendelijke groet,"},
	"en": {"send_to": "Send to", "subject": "Subject: Request to remove personal data of our employee",
		"dear": "Dear Sir or Madam,", "ask": "We, %s, ask you to remove this post without delay:",
		"discloses": "It discloses personal data of one of our employees (%s) without consent, in a context that aims to intimidate. Under the GDPR (AVG), art. 17, the person concerned has the right to erasure; spreading someone's personal data to intimidate them is a criminal offence in the Netherlands (art. 285d Sr).",
		"preserved": "We have preserved the post as evidence (first seen %s). Please confirm the removal.",
		"regards":   "Kind regards,"},
}

// report words, per language.
var reportWords = map[string]map[string]string{
	"nl": {"title": "Dossier: persoonsgegevens van een medewerker online", "org": "Organisatie", "made": "Opgesteld",
		"employee": "Medewerker", "exposed": "Wat is openbaar gemaakt", "where": "Waar", "first": "Eerst gezien",
		"last": "Laatst gezien", "excerpt": "Fragment", "online": "Online", "removed_on": "verwijderd op %s",
		"still_online": "nog online bij controle op %s", "files": "Bewijsbestanden (SHA-256)", "chain": "Controlegetal van de keten",
		"legal": "Juridisch kader", "legal_text": "Het verspreiden van persoonsgegevens van iemand om die persoon of diens naasten vrees aan te jagen, ernstige overlast aan te doen of ernstig te hinderen is strafbaar (art. 285d Wetboek van Strafrecht, doxing). Op grond van de AVG (art. 17) heeft de betrokkene recht op verwijdering van haar of zijn gegevens. De bewijsbestanden zijn WARC-bestanden (ISO 28500), vastgelegd op het moment van vinden; hun SHA-256-waarden en de keten tonen aan dat ze daarna niet zijn veranderd (doxwatch evidence verify)."},
	"en": {"title": "Case file: an employee's personal data online", "org": "Organisation", "made": "Prepared",
		"employee": "Employee", "exposed": "What was made public", "where": "Where", "first": "First seen",
		"last": "Last seen", "excerpt": "Excerpt", "online": "Online", "removed_on": "removed on %s",
		"still_online": "still online when checked at %s", "files": "Evidence files (SHA-256)", "chain": "Chain hash",
		"legal": "Legal frame", "legal_text": "Spreading someone's personal data to frighten, seriously harass or seriously hinder them or their family is a criminal offence in the Netherlands (art. 285d of the Dutch Criminal Code, doxing). Under the GDPR (art. 17) the person concerned has the right to have their data erased. The evidence files are WARC files (ISO 28500) preserved when the post was found; their SHA-256 values and the chain show they were not changed afterwards (doxwatch evidence verify)."},
}

// reportPDF is the cover sheet of a case file.
func reportPDF(hits []hitRef, sums map[string]string, info ExportInfo, head string) ([]byte, error) {
	w := i18n.For(info.Lang)
	words := reportWords[w.Lang()]
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252: Dutch accents
	pdf.SetMargins(18, 18, 18)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 15)
	pdf.MultiCell(0, 8, tr(words["title"]), "", "L", false)
	pdf.SetFont("Helvetica", "", 10)
	pdf.MultiCell(0, 5, tr(fmt.Sprintf("%s: %s\n%s: %s", words["org"], info.Organisation, words["made"],
		info.Now.In(info.Location).Format("2006-01-02 15:04 MST"))), "", "L", false)
	pdf.Ln(3)
	field := func(label, value string) {
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(38, 5, tr(label), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 5, tr(value), "", "L", false)
	}
	when := func(t time.Time) string { return t.In(info.Location).Format("2006-01-02 15:04 MST") }
	for _, h := range hits {
		pdf.SetDrawColor(180, 180, 180)
		pdf.Line(18, pdf.GetY(), 192, pdf.GetY())
		pdf.Ln(2)
		sev, _ := model.ParseSeverity(h.Severity)
		field(words["employee"], h.Employee)
		field(words["exposed"], fmt.Sprintf("%s (%s)", w.Kind(h.Kind), w.Severity(sev)))
		field(words["where"], h.URL)
		field(words["first"], when(h.FirstSeen))
		field(words["last"], when(h.LastSeen))
		switch {
		case !h.RemovedAt.IsZero():
			field(words["online"], fmt.Sprintf(words["removed_on"], when(h.RemovedAt)))
		case !h.CheckedOnline.IsZero():
			field(words["online"], fmt.Sprintf(words["still_online"], when(h.CheckedOnline)))
		}
		field(words["excerpt"], h.Excerpt)
		pdf.SetFont("Helvetica", "B", 10)
		pdf.MultiCell(0, 5, tr(words["files"]), "", "L", false)
		pdf.SetFont("Courier", "", 7)
		for _, e := range h.Evidence {
			pdf.MultiCell(0, 3.5, fmt.Sprintf("%s  %s\n  %s %s, chain %d: %s", sums[e.File], e.File, e.Type, e.RecordID, e.Seq, e.Chain),
				"", "L", false)
		}
		pdf.Ln(3)
	}
	pdf.SetFont("Helvetica", "B", 10)
	pdf.MultiCell(0, 5, tr(words["chain"]), "", "L", false)
	pdf.SetFont("Courier", "", 8)
	pdf.MultiCell(0, 4, head, "", "L", false)
	pdf.Ln(3)
	pdf.SetFont("Helvetica", "B", 10)
	pdf.MultiCell(0, 5, tr(words["legal"]), "", "L", false)
	pdf.SetFont("Helvetica", "", 9)
	pdf.MultiCell(0, 4.5, tr(words["legal_text"]), "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("report.pdf: %w", err)
	}
	return buf.Bytes(), nil
}
