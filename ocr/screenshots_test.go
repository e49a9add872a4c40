package ocr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/ocr/ocrtest"
)

// screenshot is a generated image with what it shows.
type screenshot struct {
	name      string
	png       []byte
	employees []string // whom a reader would recognise in it
}

type shotSpec struct {
	layout    string // "email" or "chat"
	size      float64
	dark      bool
	jpeg      int // JPEG quality, 0 for PNG
	lines     []string
	employees []string
}

// The screenshots: invented e-mails and chat messages, as parents post them.
var shotSpecs = func() []shotSpec {
	type msg struct {
		lines     []string
		employees []string
	}
	msgs := []msg{
		{[]string{"Van: Sanne van den Berg", "Onderwerp: wachtlijst", "Beste ouders,", "Helaas is er geen plek op woensdag.", "Met vriendelijke groet,", "Sanne van den Berg", "Planning De Zonnebloem", "06-12345678"}, []string{"E001"}},
		{[]string{"Beste meneer Jansen,", "Uw verzoek is afgewezen.", "Groet, Anouk Jansen-de Vries", "Locatiemanager", "+31 6 23456789"}, []string{"E002"}},
		{[]string{"mama van Tess: wie is die Joëlle Dijkstra?", "papa Bas: haar mail is joelle.dijkstra@example.net", "mama van Tess: dank je, ik mail haar"}, []string{"E003"}},
		{[]string{"Kees Visser woont op Dorpsweg 3, Zeist.", "Zullen we daar eens langs gaan?"}, []string{"E007"}},
		{[]string{"Van: Fatima El Amrani", "Aan: ouders groep 3", "Tel. privé: +31 30 765 4321", "Morgen is de opvang gesloten."}, []string{"E008"}},
		{[]string{"Yusuf Öztürk appt niet terug.", "Zijn nummer is 06 31 41 59 26"}, []string{"E011"}},
		{[]string{"Groet, Marloes Hoekstra", "Molenweg 8, 3743 CK Baarn", "06-44556677"}, []string{"E012"}},
		{[]string{"Bram van Leeuwen van De Zonnebloem", "bram.vanleeuwen@example.net", "+31 6 55443322"}, []string{"E013"}},
		{[]string{"Morgen ouderavond om 19:30.", "Neem koekjes mee voor de kinderen!", "Factuur 2024-0612: € 345,00"}, nil},
		{[]string{"De bakker op de hoek is dicht.", "Sanne de Vries heeft de sleutel.", "Bel de school: 030-7001122"}, nil},
		{[]string{"Lotte Verhoeven schreef ons weer,", "Raadhuisstraat 44, Maarssen.", "lotte.v@example.org"}, []string{"E014"}},
		{[]string{"Daan Kuipers, tel 0347-123456", "Julianastraat 101, 3441 BA Woerden"}, []string{"E015"}},
	}
	var specs []shotSpec
	sizes := []float64{13, 16, 22}
	for i := 0; i < 2*len(msgs); i++ {
		m, v := msgs[i%len(msgs)], i/len(msgs) // each message twice, looking different
		layout := "email"
		if (i+v)%2 == 1 {
			layout = "chat"
		}
		specs = append(specs, shotSpec{layout: layout, size: sizes[(i+v)%3], dark: (i/2+v)%2 == 1, lines: m.lines, employees: m.employees})
	}
	// Harder: small text, saved as a lossy JPEG, as phones re-share screenshots.
	for i, m := range msgs[:8] {
		specs = append(specs, shotSpec{layout: []string{"chat", "email"}[i%2], size: 11, dark: i%3 == 0, jpeg: 35, lines: m.lines, employees: m.employees})
	}
	return specs
}()

func renderShot(t testing.TB, s shotSpec) []byte {
	t.Helper()
	data, err := ocrtest.Render(ocrtest.Shot{Layout: s.layout, Size: s.size, Dark: s.dark, JPEG: s.jpeg, Lines: s.lines})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func screenshots(t testing.TB) []screenshot {
	var out []screenshot
	for i, s := range shotSpecs {
		theme := "light"
		if s.dark {
			theme = "dark"
		}
		if s.jpeg > 0 {
			theme += fmt.Sprintf("-jpeg%d", s.jpeg)
		}
		out = append(out, screenshot{name: fmt.Sprintf("%02d-%s-%gpx-%s", i, s.layout, s.size, theme),
			png: renderShot(t, s), employees: s.employees})
	}
	return out
}

func TestScreenshotsAreDistinct(t *testing.T) {
	shots := screenshots(t)
	if len(shots) < 20 {
		t.Fatalf("%d screenshots", len(shots))
	}
	seen := map[string]bool{}
	for _, s := range shots {
		if seen[string(s.png)] || !strings.Contains(s.name, "px") {
			t.Errorf("duplicate screenshot %s", s.name)
		}
		seen[string(s.png)] = true
	}
}
