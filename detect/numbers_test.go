package detect

import (
	"cmp"
	"path/filepath"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/model"
)

func TestDigitOf(t *testing.T) {
	for r, want := range map[rune]int{'０': 0, '９': 9, '𝟎': 0, '𝟗': 9, '𝟘': 0, '𝟭': 1, '𝟿': 9, '٣': 3, '۷': 7, '⓪': 0, '①': 1, '⑨': 9, '⓽': 9, '❺': 5, '➒': 9, '⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁹': 9, '₀': 0, '₉': 9} {
		if got, ok := digitOf(r); !ok || got != want {
			t.Errorf("digitOf(%q) = %d, %v; want %d", r, got, ok, want)
		}
	}
	for _, r := range []rune{'5', 'a', '⑩', 'Ⅻ', '€', '½', 'ⁿ'} {
		if d, ok := digitOf(r); ok {
			t.Errorf("digitOf(%q) = %d, want none", r, d)
		}
	}
}

func TestNumberCanon(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bel 06–12345678", "bel 06-12345678"},
		{"０６－１２３４５６７８", "06-12345678"},
		{"O6-12345678 of o6 12 34 56 78", "06-12345678 of 06 12 34 56 78"},
		{"wa.me/31612345678", "wa.me/+31612345678"},
		{"WA.me/31612345678", "WA.me/+31612345678"},
		{"send?phone=31612345678&text=hoi", "send?phone=+31612345678&text=hoi"},
		{"bel 31612345678.", "bel +31612345678."},
		{"order 316123456789 en 2316123456 en +31612345678", ""},
		{"𝟎𝟔-𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "06-12345678"},
		{"⓪⑥①②③④⑤⑥⑦⑧ ❶", "0612345678 1"},
		{"⁰⁶¹²³⁴⁵⁶⁷⁸ of ₀₆₁₂₃₄₅₆₇₈", "0612345678 of 0612345678"},
		{"x² + y³ = z¹", ""}, // no superscript 0 or 4 to 9 to start a rewrite
		{"O612345678 in 2O24, zie wa.me/O612345678", "0612345678 in 2O24, zie wa.me/0612345678"},
		{"Sanne&nbsp;van&nbsp;den&nbsp;Berg", "Sanne van den Berg"},
		{"0️⃣6️⃣1️⃣2️⃣ en 3⃣4⃣", "0612 en 34"},
		{"06\u200b12345678 en Berg\u200b06\ufeff12", "0612345678 en Berg 0612"},
		{"San\u200bne en \u200bhoi", ""}, // inside a word the fold drops it
		{"r.elidrissi\u200b@example.net, a@\u200bb.nl", "r.elidrissi@example.net, a@b.nl"},
		{"010\u00a0123\u00a04567, 06\u202f36\u202f92, Lindelaan\u2009–\u20094\u2007a", "010 123 4567, 06 36 92, Lindelaan - 4 a"},
		{"© 2024 · Utrecht", ""},
		{"❤️ en ✌️ en #️⃣", ""},
		{"sanne&#64;example.com, s&#x40;example.com", "sanne@example.com, s@example.com"},
		{"Caf&eacute; &amp; Co", "Café & Co"},
		{"Jip & Janneke; R&D; &nbsp &bogus; &#;", ""},
		{"$anne en S@nne en Jan$en, $ANNE, S@NNE.", "Sanne en Sanne en Jansen, SANNE, SANNE."},
		{"mail s@nne.nl, sanne@example.com, @sanne, $5, US$ 10, a@b, x$y, s@nne/foto", ""},
		{"O6-I2345678 of 06-l2345678", "06-12345678 of 06-12345678"},
		{"JoÃ«lle, Ã–ztÃ¼rk, Åžahin, Å\u009eahin, ÅÂ", "Joëlle, Öztürk, Şahin, Şahin, ÅÂ"}, // mojibake
		{"Ärger, Åsa, Â©2024, Ã×", ""},                                                     // letters of their own; a sign is no letter meant
		{"O6-1618O339, 0612 34O5678 en 1O, 12O4 en RABO0123456", "06-16180339, 0612 3405678 en 1O, 12O4 en RABO0123456"},
		{"Kerkstraat12a, (Hoofdstraat1)", "Kerkstraat 12a, (Hoofdstraat 1)"},
		{"maps/place/Kerkstraat+12a,+Utrecht?q=Lindelaan%204%20Utrecht", "maps/place/Kerkstraat 12a, Utrecht?q=Lindelaan 4 Utrecht"},
		{"0031(0)6-12345678", "00316-12345678"},
		{"06 1234\n5678", "06 1234 5678"},
		{"Nul zes 12345678", "06 12345678"},
		{"S4nne v4n den B3rg", "Sanne van den Berg"},
		{"K33s D44n S4nn3", "Kees Daan Sanne"},
		{"S.a.n.n.e v.d. Berg, S a n n e  de V r i e s, s-a-n-n-e_, B*E*R*G.", "Sanne v.d. Berg, Sanne  de Vries, sanne_, BERG."},
		{"S.a.n.n.e. v.d. Berg, s-a-n-n-e- weg, S.J.M. de Vries", "Sanne v.d. Berg, sanne weg, S.J.M. de Vries"},
		{"mail naar %40 niks, jan%40example.nl", "mail naar %40 niks, jan@example.nl"},
		// Left alone: letters, codes, line breaks between words.
		{"Oosterhout O2 10:30\nDaan", ""},
		{"Ollie I2 en l1, code Al2345", ""},
		{"JO11. MO9. Team jo13.", ""}, // youth teams' codes
		{"kees+opvang@example.com, 1 + 1, C++, +31612345678, 50%, %20", ""},
		{"marloes.vandelaan85@example.com, www.kerkstraat12.nl, straat12, x/kerkstraat1", ""},
		{"Organisatie\n12 kinderen", ""},
		{"user1name@example.nl of www.mp3s.nl/a4b", ""},
		{"Kerkstraat 10ab, 3583el, A4, 1234AB", ""},
		{"om 7uur, 10min later, de 4th", ""},
		{"S.J.M. de Vries, e.g. 1.2.3, v.d. Berg, a b, www.a.b.nl, S.an.ne", ""},
		{"S.v.d.Berg, J.v.d.Meer-de Boer, a.v.d.Linden", ""}, // initials and particles run on into the surname
		// A handle's number after a name written apart: up to four digits,
		// not from a 0, none alone after them.
		{"s a n n e punt v d b e r g 8 2 at example, b e r g 1 9 8 5", "sanne punt vdberg82 at example, berg1985"},
		{"S a n n e 0 6 1 2, b e r g 1 2 3 4 5, b e r g 8 2 x", "Sanne 0 6 1 2, berg 1 2 3 4 5, berg 8 2 x"},
		{"nul zesjes, zes nul, nul  zes, knul zes, zero sixty, x-ray Zeeland", ""},
		{"(nul zes) 12345678 of NUL ZES-87654321", "(06) 12345678 of 06-87654321"},
		{"nul zes een twee drie vier, vijf zes zeven acht. Of zero six nine eight seven six-five four three two!",
			"0612345678. Of 0698765432!"},
		{"bel nul zes één keer", "bel 061 keer"},
		// Read in pairs, as the Dutch do.
		{"bel nul zes twaalf vierendertig zesenvijftig achtenzeventig vanavond", "bel 0612345678 vanavond"},
		{"nul zes, drieëntwintig, vijfenveertig, Zevenenzestig, negenentachtig.", "0623456789."},
		{"NUL ZES tweeentwintig elf tien", "06221110"},
		{"zero six twelve thirty-four fifty six seventy-eight.", "0612345678."},
		{"nul zes twintig een.", "06201."},
		{"zero six twenty, one.", "06201."},
		{"call her on oh six, twelve, thirty-four, fifty-six, seventy-eight", "call her on 0612345678"},
		{"Oh sixty, Ohsix, oh sixth, NOH SIX", ""},
		{"nul-zes-een-twee-drie-vier-vijf-zes-zeven-acht. Zero-six-twelve", "0612345678. 0612"},
		// A landline from its trunk zero, all ten digits: speech turned
		// into text writes it so; not a score or a part of a number.
		{"bel nul dertig zeven zes vijf vier drie twee een vanavond", "bel 0307654321 vanavond"},
		{"Nul drie vier zeven, een twee drie vier vijf zes.", "0347123456."},
		{"twee nul, nul komma nul, nul dertig zeven zes, knul dertig een twee drie vier vijf zes zeven", ""},
		// And from the country's code after "plus".
		{"bel plus drie een zes vijf vijf vier vier drie drie twee twee!", "bel +31655443322!"},
		{"Plus eenendertig zes, twaalf, vierendertig, zesenvijftig, achtenzeventig", "+31612345678"},
		{"twee plus drie is vijf, plusminus zes, plus drie twee zes een twee drie vier vijf zes zeven", ""},
		{"S4nneV4nDenB3rgW00ntInDeK3rkstr44t is te lang", ""},
	}
	for _, tt := range tests {
		got, pos := numberCanonMap(tt.in, true, nil)
		if tt.want == "" {
			if pos != nil || got != tt.in {
				t.Errorf("numberCanonMap(%q) rewrote it to %q", tt.in, got)
			}
			continue
		}
		if got != tt.want || pos.orig(len(got)) != len(tt.in) || pos.orig(0) != 0 {
			t.Errorf("numberCanonMap(%q) = %q (end maps to %d of %d), want %q", tt.in, got, pos.orig(len(got)), len(tt.in), tt.want)
		}
	}
}

// A word of the roster's names hyphenated at a line's end is joined; no
// other word, nor a break of a line that starts with a capital (a double
// surname), nor a part of one letter.
func TestBrokenNames(t *testing.T) {
	d, _ := evalDetector(t)
	for in, want := range map[string]string{
		"Joëlle Dijk-\nstra":     "Joëlle Dijkstra",
		"Di-\njkstra":            "Dijkstra",
		"de kinder-\nopvang":     "",
		"Priya Sewdien-\nRamdin": "",
		"D-\nijkstra":            "",
		"Dijk-\ns":               "",
	} {
		got, pos := numberCanonMap(in, false, d)
		if want == "" && pos != nil || want != "" && got != want {
			t.Errorf("numberCanonMap(%q) = %q, want %q", in, got, cmp.Or(want, in))
		}
	}
}

// A finding in a rewritten number points at the number as written.
func TestOddNumbersPointIntoTheText(t *testing.T) {
	d, _ := loadDetector(t, filepath.Join(evalDir, "org.yaml"), New)
	for _, text := range []string{"Sanne: 06–12345678!", "Sanne: ０６１２３４５６７８!", "Sanne: O6-12345678!", "app: wa.me/31612345678!"} {
		fs := d.Scan(text)
		var phone string
		for _, f := range fs {
			if f.Kind == "phone" {
				phone = f.Match
				if text[f.Start:f.End] != f.Match || f.Excerpt == "" {
					t.Errorf("%q: finding %+v does not point into the text", text, f)
				}
			}
		}
		if phone == "" || phone[len(phone)-1] == '!' || len(phone) < 10 {
			t.Errorf("%q: phone finding %q", text, phone)
		}
	}
}

// A name written letter by letter, or in a CamelCase hashtag, is found,
// and the finding points at it as written.
func TestRewrittenNamesPointIntoTheText(t *testing.T) {
	d, _ := loadDetector(t, filepath.Join(evalDir, "org.yaml"), New)
	for text, want := range map[string]string{
		"Wie kent S.a.n.n.e v.d. B.e.r.g van de zonnebloem?": "S.a.n.n.e v.d. B.e.r.g",
		"Wie kent K e e s  V i s s e r van de zonnebloem?":   "K e e s  V i s s e r",
		// A CamelCase hashtag is read as its words: the name is the
		// word in it, not a byte before or after.
		"#JufLotte #Zonnebloem":          "Lotte",
		"De Zonnebloem: #OntslaJufLotte": "Lotte",
		"#WieKentLotteVerhoeven":         "LotteVerhoeven",
		// Hyphenated across a line: the finding spans the break.
		"Wie kent Joëlle Dijk-\nstra van de zonnebloem?": "Joëlle Dijk-\nstra",
	} {
		var got string
		for _, f := range d.Scan(text) {
			if f.Kind == model.KindName {
				got = f.Match
				if text[f.Start:f.End] != f.Match || f.Excerpt[f.ExcerptStart:f.ExcerptEnd] != collapsed(want) {
					t.Errorf("%q: finding %+v does not point into the text", text, f)
				}
			}
		}
		if got != want {
			t.Errorf("%q: name found as %q, want %q", text, got, want)
		}
	}
}

// mayBeRewritten is what the fast phase's watch says of text.
func mayBeRewritten(d *Detector, text string) bool {
	s := d.newScan(text, false, true)
	defer d.done(s)
	return s.mayRewrite
}

// TestRewriteWatchMissesNoRewrite holds the fast phase's watch to the
// rewrite itself: on every labelled post, and on each form it rewrites,
// where numberCanonMap rewrites, the watch must have said it may.
func TestRewriteWatchMissesNoRewrite(t *testing.T) {
	d, _ := evalDetector(t)
	texts := []string{
		"S4nne v4n den B3rg", "bel O6-12345678", "wa.me/31612345678", "0031(0)6-12345678",
		"mailto:naam%40example.com", "nul zes een twee drie vier", "zero six one two", "NUL ZES1234",
		"06\n12345678", "06 \r\n12345678", "S.a.n.n.e", "éS.a.n.n.e", "s-a-n-n-e", "B*e*r*g",
		"０６－１２３４５６７８", "06–12345678", "＋31 6 12345678", "2O24", "send?phone=31 6 12345678", "&#64;",
		"Joëlle Dijk-\nstra", "Oudegracht 2 1 0 bis", "nul dertig zeven zes vijf vier drie twee een",
		"plus drie een zes een twee drie vier vijf zes zeven acht",
	}
	for _, f := range []string{"handwritten.jsonl", "generated.jsonl", "forms.jsonl", "forms-generated.jsonl"} {
		for _, c := range readCorpus(t, filepath.Join(evalDir, f)) {
			texts = append(texts, c.Text)
		}
	}
	rewritten := 0
	for _, text := range texts {
		if _, pos := numberCanonMap(text, false, d); pos != nil {
			rewritten++
			if !mayBeRewritten(d, text) {
				t.Errorf("%q is rewritten, but the fast phase did not see it may be", text)
			}
		}
	}
	if rewritten < 20 {
		t.Fatalf("only %d texts rewritten: the test asks too little", rewritten)
	}
	// And most texts are not read again.
	if mayBeRewritten(d, "Gisteren zei juf Lotte dat de opvang om 15:30 dicht gaat, op 12-03 is het ouderavond.") {
		t.Error("plain prose with times and dates is taken to need rewriting")
	}
}

// The fast phase stops where it sees that a rewrite may apply: what
// stands after that is still found, in the text rewritten and where the
// rewrite came to nothing ("k*tdag" hides no roster word).
func TestRewriteWatchStopsOnlyTheFirstReading(t *testing.T) {
	d, _ := evalDetector(t)
	for _, text := range []string{
		"ze zei – nou ja. Sanne van den Berg, 06-12345678",
		"wat een k*tdag. Sanne van den Berg, 06-12345678",
	} {
		if !mayBeRewritten(d, text) {
			t.Fatalf("%q: the watch did not stop", text)
		}
		if got, want := summary(d.Scan(text)), "E001 name high; E001 phone critical"; got != want {
			t.Errorf("Scan(%q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzRewriteWatch(f *testing.F) {
	for _, s := range []string{"S4nne", "O6-12345678", "wa.me/316", "31(0)6", "a%40b.nl", "nul zes", "1\n2", "S.a.n", "０６", "x–1", "a&nbsp;b", "&#64;", "S&#97;nne", "$anne", "S@nne.", "S*nne", "٠٦", "6٠", "مرحبا ٠", "S🌻nne", "a⭐b", "@SanneVanDenBergVlogs", "1\u00a02", "a\u200b@b", "nul dertig een twee drie vier vijf zes zeven", "plus drie een zes een twee drie vier vijf zes zeven acht"} {
		f.Add(s)
	}
	d := testDetector(f)
	f.Fuzz(func(t *testing.T, text string) {
		if _, pos := numberCanonMap(text, false, d); pos != nil && !mayBeRewritten(d, text) {
			t.Fatalf("%q is rewritten, but the fast phase did not see it may be", text)
		}
	})
}

// TestUnicodeSpaces: a phone number and an address with the spaces word
// processors and keyboards put in them are found as with plain ones.
func TestUnicodeSpaces(t *testing.T) {
	checkScans(t, testDetector(t), []scanCase{
		{"Sanne: 06\u00a012345678", "E001 phone critical"},
		{"Anouk, Lindelaan\u00a04, 3521\u202fBC Utrecht", "E002 address critical"},
		{"mail sanne.vdberg82\u200b@example.com", "E001 email critical"},
	})
}

// TestCamelHashtags: a CamelCase hashtag or mention apart in its words,
// the roster's names capitalised and the other words not; a hashtag of one
// word, or that the index knows as a whole, left alone, and an e-mail
// address's domain.
func TestCamelHashtags(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nE1,Sanne,van den Berg\nE2,Łukasz,Kowalczyk\n", Options{Organisation: []string{"De Zonnebloem"}})
	checkRewrites(t, d, []rewriteCase{
		{"#JufSanneMoetWeg", "#juf Sanne moet weg"},
		{"#SanneVDBergOut2024 #IkHaatSanne", "#Sanne vd Berg out 2024 #ik haat Sanne"},
		{"#WegMetŁukaszKowalczyk", "#weg met Łukasz Kowalczyk"},
		{"#SannevandenBerg #SanneVDBerg2024 #DeZonnebloem #Sanne #SANNE #sanne #Sanne_Berg", ""},
		{"youtube.com/@SanneVanDenBergVlogs", "youtube.com/@Sanne van den Berg vlogs"},
		{"@WegMetŁukaszKowalczyk", "@weg met Łukasz Kowalczyk"},
		{"info@SanneBakt.example, @Sanne, @SannevandenBerg", ""},
	})
	checkScans(t, d, []scanCase{
		{"#SanneVanDenBergOut", "E1 name low"},
		{"#JufSanneMoetWeg #DeZonnebloem", "E1 name low"},
		{"#JufSanneMoetWeg", ""},
		{"youtube.com/@SanneVanDenBergVlogs", "E1 name low"},
	})
}

// TestUnmaskStreets: a letter of a roster street hidden by "*" is read as
// one of a name is.
func TestUnmaskStreets(t *testing.T) {
	d := testDetector(t)
	checkRewrites(t, d, []rewriteCase{{"K*rkstraat 12a, Lind*laan 4", "Kerkstraat 12a, Lindelaan 4"}})
	checkScans(t, d, []scanCase{{"K*rkstraat 12a in Utrecht", "E001 address critical"}})
}

// TestUnmask: a letter of a name hidden by "*" is the letter of the one
// name of the roster that fits, and of none when two fit.
func TestUnmask(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nE1,Sanne,van den Berg\nE2,Bram,Borg\nE3,Lotte,Hendriks\nE4,Lotje,van der Bos\n", Options{Organisation: []string{"De Zonnebloem"}})
	checkRewrites(t, d, []rewriteCase{
		{"S*nne v*n den B*rg", "Sanne van den B*rg"}, // Berg or Borg
		{"S*NNE, L*tte, Hendr*ks, br*m", "SANNE, Lotte, Hendriks, bram"},
		{"juf Lotte van de Z*nnebloem", "juf Lotte van de Zonnebloem"},
		// "lo*te" and "lot*e" are Lotte and Lotje: the surname after decides.
		{"Lot*e Hendriks, Lot*e van der Bos, Lot*e Bakker", "Lotte Hendriks, Lotje van der Bos, Lot*e Bakker"},
		{"f*ck, A*B12, 2*3, S**nne, *Sanne*, S*, *nne, S*nne*, x*y", ""},
		// An emoji in a letter's place, as a "*".
		{"S🌻nne v🌻n den B⭐rg, L⭐tte Hendriks", "Sanne van den B⭐rg, Lotte Hendriks"},
		{"f🌻ck, S🌻🌻nne, 🌻Sanne, Sanne🌻", ""},
	})
}

// rewriteCase is a text and what numberCanonMap makes of it ("": left
// alone).
type rewriteCase struct{ in, want string }

// checkRewrites holds numberCanonMap, with d's names, to tests, and the
// fast phase's watch to seeing each text that is rewritten.
func checkRewrites(t *testing.T, d *Detector, tests []rewriteCase) {
	t.Helper()
	for _, tt := range tests {
		got, pos := numberCanonMap(tt.in, false, d)
		if tt.want == "" {
			if pos != nil {
				t.Errorf("numberCanonMap(%q) rewrote it to %q", tt.in, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("numberCanonMap(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !mayBeRewritten(d, tt.in) {
			t.Errorf("the fast phase did not see that %q may be rewritten", tt.in)
		}
	}
}

// collapsed is s with white space collapsed as excerpts show it.
func collapsed(s string) string {
	var b strings.Builder
	collapseTo(&b, s, false, false)
	return b.String()
}
