package detect

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/model"
)

func TestPhones(t *testing.T) {
	d := testDetector(t)
	// E001 has 06-12345678; every way it is written must match.
	for _, p := range []string{
		"0612345678", "06-12345678", "06 12 34 56 78", "06-1234 5678", "+31 6 12345678", "+31(0)6-12345678",
		"0031 6 1234 5678", "(06) 12345678", "+31612345678", "06.12.34.56.78", "tel:0612345678", "+31 (0)6 12 34 56 78",
		"31612345678", "wa.me/31612345678", "https://api.whatsapp.com/send?phone=31612345678", "𝟎𝟔-𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "⓪⑥①②③④⑤⑥⑦⑧", "⁰⁶¹²³⁴⁵⁶⁷⁸",
		"0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "06\u200b12345678", "haar\u200b06\u200b12345678", "٠٦١٢٣٤٥٦٧٨", "۰۶-۱۲۳۴۵۶۷۸",
		"+31 06 12345678", "0031 06 12345678", "00310612345678", // the trunk zero dialled after the country's code, as people mistype it
	} {
		if got := summary(d.Scan("Bel haar maar op " + p + ", succes.")); got != "E001 phone critical" {
			t.Errorf("%q: got %q", p, got)
		}
	}
	// Landlines.
	checkScans(t, d, []scanCase{
		{"Haar vaste nummer: 030-1234567", "E001 phone critical"},
		{"Bel 010 123 4567", "E006 phone critical"},
		{"Thuis: +31 30 765 4321 (na 18 uur)", "E008 phone critical"},
		{"haar nummer is nul dertig zeven zes vijf vier drie twee een", "E008 phone critical"},  // said from its trunk zero
		{"bel plus drie een zes een twee drie vier vijf zes zeven acht", "E001 phone critical"}, // from the country's code
		{"Mieke: 0612121212", "E004 phone critical"},
	})
	// Split or spelt out in part by words, as a reader joins it.
	checkScans(t, d, []scanCase{
		{"bel 06 twaalf 34 56 78", "E001 phone critical"},
		{"haar nummer begint met 06 en dan 12345678", "E001 phone critical"},
		{"0 6 1 2 en dan 34 vijf zes 78", "E001 phone critical"},
		{"06 en 12 en 34 en 56 en 78", "E001 phone critical"},
		{"06 en dan en 12345678", ""},     // three words in a row: no longer one number
		{"06 twaalf 34 56 79", ""},        // not hers
		{"om 06 uur en dan 12345678", ""}, // a word that is no filler
		// The word for a mobile number, the rest of it later in its
		// clause; not in another sentence, too far, or another number.
		{"06-nummer van Mieke: 12121212", "E004 phone critical"},
		{"Haar 06 nummer is 12121212", "E004 phone critical"},
		{"06nummer 12 12 12 12", "E004 phone critical"},
		{"06-nummer van Mieke. 12121212", ""},
		{"06-nummer van Mieke is lang geleden veranderd, het was 12121212", ""},
		{"06-nummer van Mieke: 12121213", ""},
	})
	// Never phones, or not the roster's.
	for _, text := range []string{
		"Bel 06-12345679 (een cijfer anders)",
		"Bel 06-22345678",
		"IBAN NL91 ABNA 0612 3456 78 graag",
		"IBAN NL91ABNA0612345678",
		"KvK 61234567, BTW NL001234567B01",
		"BSN 612345678 staat op de brief",
		"Op 06-12-2024 om 10:30 uur, bedrag € 612.345,67",
		"Ordernummer 0612345678901234",
		"Ordernummer 316123456780",
		"De school: 030-7001122",
		"Datum: 2024-06-12 12:34:56",
	} {
		if got := summary(d.Scan(text)); got != "" {
			t.Errorf("%q: got %q, want nothing", text, got)
		}
	}
}

func TestEmails(t *testing.T) {
	d := testDetector(t)
	for _, text := range []string{
		"mail haar: sanne.vdberg82@example.com",
		"mail haar: Sanne.VdBerg82@EXAMPLE.com",
		"mail haar: sanne.vdberg82 [at] example [dot] com",
		"mail haar: sanne.vdberg82 (at) example.com",
		"mail haar: sanne.vdberg82&#64;example.com",
		"mail haar: sanne.vdberg82 at example dot com",
		"<a href=\"mailto:sanne.vdberg82@example.com\">mail</a>",
		"sanne.vdberg82{at}example{dot}com",
		"mail haar op sanne punt vdberg82 at example punt com",
		"mail maar punt sanne punt vdberg82 at example punt com",
		"mail haar: sanne.vdberg82+kdv@example.com", // a tag after a plus reaches her mailbox
		"mail haar: sanne.vdberg82＠example．com",     // full-width
		"mail haar: sanne.vdberg82(a)example.com",
		"mail haar: sanne.vdberg82 [a] example.com",
		"mail haar: sanne(.)vdberg82(@)example(.)com", // every dot and the at in brackets
		"mail haar: sanne [.] vdberg82 [@] example [.] com",
		"mail haar: sanne.vdberg82 (apenstaartje) example (punt) com", // the Dutch words in brackets
		"mail haar: sanne.vdberg82 [apenstaartje] example.com",
	} {
		if got := summary(d.Scan(text)); got != "E001 email critical" {
			t.Errorf("%q: got %q", text, got)
		}
	}
	// An "at" word before the address or before its words: the words
	// after it are no domain of a known ending, so the address after it is
	// the one meant.
	checkScans(t, d, []scanCase{
		{"email her at fatima dot elamrani at example dot org", "E008 email critical"},
		{"je kan at fatima.elamrani@example.org mailen", "E008 email critical"},
	})
	// Not her roster address, so no e-mail finding; but an address that
	// is her name names her, also with a handle's number, as
	// "sanne.vdberg@…" does, and written in words.
	checkScans(t, d, []scanCase{
		{"sanne.vdberg83@example.com", "E001 name high"},
		{"sanne.vdberg82@example.co", "E001 name high"},
		{"sanne.vdberg+82@example.com", "E001 name high"}, // before the plus is not her address
		{"mail sanne punt vdberg at gmail punt com", "E001 name high"},
		{"sanne_vdberg [at] gmail [dot] com", "E001 name high"},
		{"mail sanne punt bakker at gmail punt com", ""},
		// A surname of two words without particles joined into one: the
		// Arabic article, a double surname.
		{"fatima.elamrani@gmail.com", "E008 name high"},
		{"fatima_elamrani@hotmail.com", "E008 name high"},
		{"anouk.jansendevries@ziggo.nl", "E002 name high"},
		{"fatima.elbakkali@gmail.com", ""},
		{"mail sanne punt vdberg82 at example punt com", "E001 email critical"},
		// Every dot spaced, the "@" too; a spaced dot before an address
		// whose domain is not spaced is a full stop.
		{"sanne . vdberg82 @ example . com", "E001 email critical"},
		{"Tot zo . sanne.vdberg82 @ example.com", "E001 email critical"},
		// A space on one side of the domain's dot only; not after a
		// domain that has its dot (a full stop and the next sentence).
		{"mail sanne.vdberg82@example .com", "E001 email critical"},
		{"mail sanne.vdberg82@example. com", "E001 email critical"},
		{"mail sanne.vdberg82@example.com. Nl graag", "E001 email critical"},
		// A chat bubble wrapped the address inside its domain; a domain
		// whole before the break is not joined to the next line.
		{"haar mail: sanne.vdberg82@exam\nple.com", "E001 email critical"},
		{"haar mail: sanne.vdberg82@example.\ncom", "E001 email critical"},
		{"mail sanne.vdberg82@example.com\nnl", "E001 email critical"},
		{"mail info@bedrijf\nDank je wel", ""},
		{"mail sanne.vdberg82@example.com.\nGroet", "E001 email critical"},
	})
	fs := d.Scan("Sanne van den Berg, mail haar: sanne punt vdberg at gmail punt com")
	if len(fs) != 1 || fs[0].Start != 0 || fs[0].Severity != model.High {
		t.Errorf("a name then the same name in an address in words: %+v, want one high finding at the first", fs)
	}
	for _, text := range []string{
		"xsanne.vdberg82@example.com",
		"p.dewit@zonnebloem-kdv.example",                   // the organisation's own domain
		"sanne punt van punt vdberg82 at example punt com", // one dot in words only: not reached back over
		"see you at 5                   then",              // spaces after an "at": once a panic
		"kies optie (a) of (b). Sanne.",
	} {
		if got := summary(d.Scan(text)); got != "" {
			t.Errorf("%q: got %q, want nothing", text, got)
		}
	}
}

func TestAddresses(t *testing.T) {
	d := testDetector(t)
	tests := []scanCase{
		{"Ze woont op Kerkstraat 12a, 1234 AB Utrecht", "E001 address critical"},
		{"ze woont op kerkstraat 12a (Utrecht)", "E001 address critical"},
		{"Kerkstr. 12a", "E001 address critical"},
		{"Kerkstraat nr. 12a in Utrecht", "E001 address critical"},
		{"Kerkstraat 12 A", "E001 address critical"},
		{"Kerkstraat 12\n1234AB UTRECHT", "E001 address critical"},
		{"Kerkstraat 12", "E001 address critical"}, // no addition written: still her door
		{"postcode 1234AB 12a", "E001 address critical"},
		{"1234 AB, nr 12", "E001 address critical"},
		{"Lindelaan 4 in Utrecht", "E002 address critical"},
		{"Prins Hendriklaan 55, 3583 EL Utrecht", "E009 address critical"},
		{"Oudegracht 210 bis", "E003 address critical"},
		{"Lindelaan #4", "E002 address critical"},                    // the number after a hash, as English forms write it
		{"Kerkstraat, Utrecht, nummer 12a", "E001 address critical"}, // the town between, after a comma
		{"Kerkstraat, Amsterdam, nummer 12a", ""},                    // another town between
		{"Dorpsweg 3, Zeist", "E007 address critical"},
		// The number in words, as dictated text writes it; not a count.
		{"ze woont op de kerkstraat twaalf a in utrecht", "E001 address critical"},
		{"Lindelaan nummer vier", "E002 address critical"}, // the word for number before the words
		{"Lindelaan nr. vier, Utrecht", "E002 address critical"},
		{"Lindelaan nummer vijf", ""},
		{"Dorpsweg drie, Zeist", "E007 address critical"},
		{"ik liep de Dorpsweg drie keer op en neer", ""},
		// The town right after the words, in small letters, as speech
		// turned into text writes it; not another word of the sentence.
		{"hij woont op de prins hendriklaan vijfenvijftig utrecht", "E009 address critical"},
		{"dorpsweg drie zeist", "E007 address critical"},
		{"kerkstraat twaalf a utrecht", "E001 address critical"},
		{"ik liep de dorpsweg drie rondjes", ""},
		{"de Kerkstraat een keer", ""},
		{"Dorpsweg tweeëndertig", ""}, // another door
		// In the hundreds, as one word, with an addition longer than a
		// letter or without it (as "Oudegracht 210"); not another number.
		{"Joëlle woont op de Oudegracht tweehonderdtien bis", "E003 address critical"},
		{"Oudegracht tweehonderdtien-bis", "E003 address critical"},
		{"Oudegracht tweehonderdtien", "E003 address critical"},
		{"Oudegracht honderdtien bis", ""},
		{"Oudegracht driehonderdtien bis", ""},
		{"Oudegracht tweehonderd bis", ""},
		{"Oudegracht tweehonderdtien-2", ""}, // another door
		{"Lindelaan, huisnummer 4", "E002 address critical"},
		// The word for number later in the street's clause, as news
		// writes it; not in another town, another sentence, after another
		// name, or given as another street's.
		{"De Kerkstraat in Utrecht is afgesloten bij nummer 12", "E001 address critical"},
		{"De Kerkstraat is lang en op nr. 12a woont een juf", "E001 address critical"},
		{"De Kerkstraat in Amsterdam is afgesloten bij nummer 12", ""},
		{"Aanrijding op de Lindelaan in Utrecht, ter hoogte van nummer 4.", "E002 address critical"}, // a comma after the town
		{"Aanrijding op de Lindelaan in Amsterdam, ter hoogte van nummer 4.", ""},
		{"Aanrijding op de Lindelaan, ter hoogte van Jansen op nummer 4.", ""},
		{"De Kerkstraat in Utrecht is afgesloten vanaf nummer 12", ""}, // a stretch of the street
		{"De Kerkstraat is lang. Op nummer 12 woont een juf", ""},
		{"De Kerkstraat is afgesloten bij Jansen op nummer 12", ""},
		{"De Kerkstraat is afgesloten net als nummer 12 van de Lindelaan", ""},
		{"De Kerkstraat is al heel lang heel erg druk bij nummer 12", ""}, // too far
		{"De Kerkstraat is afgesloten bij nummer 13", ""},
		// An l or I for the 1 of a house number after its street, as a
		// phone's text recognition pastes it; not elsewhere, nor another
		// number.
		{"Kerkstraat l2a Utrecht", "E001 address critical"},
		{"Kerkstraat I2a, Utrecht", "E001 address critical"},
		{"Dorpsweg l3, Zeist", ""},
		{"ik zag l2 mensen op de Dorpsweg", ""},
		// Three digits or more apart right after the street, as one hides
		// a number from a filter; not another number, nor two digits (a
		// number and its floor), nor digits elsewhere.
		{"zijn adres: Oudegracht 2 1 0 bis, Utrecht", "E003 address critical"},
		{"Oudegracht 2 1 1 bis, Utrecht", ""},
		{"Dorpsweg 3 2 hoog, Zeist", "E007 address critical"},
		{"ik heb 2 1 0 kinderen op de Oudegracht", ""},
		{"Op de Kerkstraat (nr 12a) woont ze", "E001 address critical"},
		{"Ze woont op de Lindelaan in Utrecht, nummer 4.", "E002 address critical"},
		{"Kerkstraat12a, Utrecht", "E001 address critical"},
		{"https://www.google.com/maps/place/Kerkstraat+12a,+1234+AB+Utrecht", "E001 address critical"},
		{"zij woont op nummer 12a, Kerkstraat", "E001 address critical"},   // a comma with the word for number
		{"her home: 210 bis Oudegracht, Utrecht", "E003 address critical"}, // English order, a word for the addition
		// A house-sale link's slug, a query string, a table pasted as text.
		{"funda.nl/koop/utrecht/appartement-kerkstraat-12-a/", "E001 address critical"},
		{"?postcode=1234AB&huisnummer=12&toevoeging=a", "E001 address critical"},
		{"?postcode=1234ab&huisnummer=12", "E001 address critical"},
		{"Kerkstraat | 12a | Utrecht", "E001 address critical"},
		{"maps/search/?api=1&query=Lindelaan%204%20Utrecht", "E002 address critical"},
		{"She lives on Kerkstraat, number 12a, in Utrecht", "E001 address critical"},
		{"Lindelaan 4 - 3521 BC - Utrecht", "E002 address critical"},
		{"Lindelaan 4 — Utrecht", "E002 address critical"},
		{"Lindelaan 4 – 3521 BC – Utrecht", "E002 address critical"},
		{"Lindelaan 4Utrecht", "E002 address critical"}, // the town typed on
		{"P. Hendriklaan 55", "E009 address critical"},
		{"Pr. Hendriklaan 55", "E009 address critical"},
		{"3521BC4", "E002 address critical"},
		{"adres: 1234ab12a", "E001 address critical"},
		{"1234AB12", "E001 address critical"},
		{"1234 AB Utrecht, nummer 12a, Kerkstraat", "E001 address critical"},
		{"3521 BC Utrecht, nr 4", "E002 address critical"},
		{"woont ze op de Prins Hendriklaan? nummer 55 geloof ik", "E009 address critical"},
		// A verb of living between the street and the word for number.
		{"Of ze nog op de Lindelaan woont? Nummer 4 toch?", "E002 address critical"},
		{"waar ze op de Lindelaan woonde, nr 4", "E002 address critical"},
		{"dat ze op de Lindelaan woont nummer 4 in Utrecht", "E002 address critical"},
		{"Of ze op de Lindelaan woont? 4 keer gevraagd", ""},
		// Her floor between the street and the word for number.
		{"Ze woont op de Lindelaan, 2e verdieping, nummer 4", "E002 address critical"},
		{"Lindelaan, 2e etage, nummer 6", ""},
		{"Lindelaan, 2e verdieping, 4 keer", ""},
		{"Lindelaan, 2e", ""},
		{"Of ze op de Lindelaan woont? Nummer 6 toch?", ""}, // a neighbour's door
		{"Lindelaan: nr 4", "E002 address critical"},
		{"Kerkstraat hnr 12a", "E001 address critical"},
		{"Lindelaan huisnr. 4", "E002 address critical"},
		{"huisnr 4 aan de Lindelaan", "E002 address critical"},
		// Only the postcode: a few houses, high.
		{"Ze woont ergens in 1234 AB Utrecht", "E001 address high"},
		// A range of doors with hers among them, in her town: her building.
		{"Lindelaan 4-6, Utrecht", "E002 address critical"},
		{"Lindelaan 2-4, 3521 BC", "E002 address critical"},
		{"Lindelaan 2-6 in Utrecht", "E002 address critical"},
		// Her street written apart, as some type it.
		{"Ze woont op de Kerk straat 12a", "E001 address critical"},
		{"Kerk-straat 12a, Utrecht", "E001 address critical"},
		{"Ze woont Linde laan 4", "E002 address critical"},
		{"Kerkstraat 12a-boven, Utrecht", "E001 address critical"}, // the upper floor behind her door
		// Broken across a line, as a word processor breaks a word with a
		// hyphen and a chat app wraps it in its bubble.
		{"Ze woont op de Kerk-\nstraat 12a in Utrecht", "E001 address critical"},
		{"Ze woont op de Kerk-\r\nstraat 12a", "E001 address critical"},
		{"Ze woont Linde\nlaan 4, 3521 BC Utrecht", "E002 address critical"},
		{"Ze woont Linde\n\nlaan 4", ""}, // a paragraph apart
		{"Ze woont Linde.\nlaan 4", ""},
		// Her street misspelt by one letter: hers for certain with her town
		// or postcode; without, a reader could not be sure.
		{"Kerkstaat 12a, Utrecht", "E001 address critical"},
		{"Kerksrtaat 12a 1234 AB", "E001 address critical"},
		{"ze woont Kerkstaat 12a", "E001 address high"},
		{"Kerkstrraat 12a", "E001 address high"},
		{"Prins Hendrikklaan 55", "E009 address high"},
		// Misspelt in its ending, which the fast phase does not take for
		// a street's.
		{"Oudegrach 210 bis, Utrecht", "E003 address critical"},
		{"ze woont Oudegrachtt 210 bis", "E003 address high"},
		{"Kerkstrat 12a, 1234 AB", "E001 address critical"},
		{"kerkstrat 12a", "E001 address high"},
		// Her town by another name, or misspelt by a letter.
		{"Kerkstraat 12a, Utreg", "E001 address critical"},
		{"S. vd Berg, Kerkstr. 12a, Utr.", "E001 name high; E001 address critical"},
		{"Kerkstraat 12a te Utrect", "E001 address critical"},
		{"Kerkstraat 12a, Urecht", "E001 address critical"},
		// Not the home.
		{"Kerkstraat 14, 1234 AB Utrecht", ""},              // the neighbour
		{"Kerkstraat 12a, Amsterdam", ""},                   // another town
		{"Kerkstraat 12a in Zoetermeer", ""},                // another town
		{"Kerkstraat 12a, 9999 ZZ Utrecht", ""},             // another postcode
		{"Kerkstraat 12b", ""},                              // another door
		{"Kerkstraat 112", ""},                              // another number
		{"Lindelaan 44", ""},                                // another number
		{"Dorpsweg 3 in Amersfoort", ""},                    // another town
		{"Dorpsweg 3 - Hoogmade", ""},                       // another town after a dash
		{"op de Lindelaan in Amersfoort, nummer 4", ""},     // another town before the number
		{"op de Lindelaan in Utrecht, 4 keer", ""},          // no word for number after the comma
		{"De Lindelaan? 4 keer geweest", ""},                // no word for number after the "?"
		{"Lindelaan 4 - 9999 ZZ - Groningen", ""},           // another postcode after a dash
		{"Lindelaan 4 – 9999 ZZ – Groningen", ""},           // after an en dash
		{"Lindelaan 4 —9999 ZZ", ""},                        // after an em dash
		{"Lindelaan 4Amsterdam", ""},                        // another town typed on
		{"Kerkstraat, 12 jaar gewoond", ""},                 // a comma, then no house number
		{"K. Hendriklaan 55", ""},                           // another street's initial
		{"Prinses Hendriklaan 55, Utrecht", ""},             // another street, also "Pr. Hendriklaan"
		{"?postcode=1234AB&huisnummer=12&toevoeging=b", ""}, // another door
		{"?postcode=1234AB&huisnummer=14", ""},
		{"Kerkstraat-2024 was een feest", ""},
		{"ik ben 12, Kerkstraat is mooi", ""},
		{"Kerkstraat 12a-bis, Utrecht", ""},  // a longer addition: another door
		{"Lindelaan 4-6 wordt gesloopt", ""}, // a building on a Lindelaan in any town
		{"Lindelaan 3-5, Utrecht", ""},       // the doors across the street
		{"Lindelaan 4-30, Utrecht", ""},      // no range: a door of number 4
		{"Kerkstaat 12b, Utrecht", ""},       // misspelt, and another door
		{"Kerkstaat 12a, Amsterdam", ""},     // misspelt, and another town
		{"Kerk laan 12a, Utrecht", ""},       // another street
		{"Markstraat 12a, Utrecht", ""},      // two letters from hers
		{"Oudegrach 211, Utrecht", ""},       // misspelt in its ending, and another number
		{"Kerkstrat 12a, Amsterdam", ""},     // misspelt in its ending, and another town
		{"Linde laan 5", ""},                 // another number
		{"ze is weg 4 dagen", ""},            // a street's ending as a word
		{"1234AB12b", ""},                    // another door
		{"1234AB112", ""},                    // another number
		{"Bestelnummer 1234AB12a", ""},       // a code made of the postcode and number
		{"Bestelling 1234AB12a-B", ""},       // an order
		{"ordernr 3521BC4", ""},
		{"kenmerk 3521BC4", ""},                             // a code
		{"1234 AB Utrecht, nummer 14", "E001 address high"}, // a neighbour: the postcode only
		{"1234 AB 14", ""},                                  // the neighbour by postcode
		{"Bloemenlaan 1, 3511 AA Utrecht", ""},              // the organisation's own address
		{"In 2024 AB en 1234 worden genoemd", ""},           // a year is no postcode
	}
	checkScans(t, d, tests)
}

// A house number with "bis" joined to it is hers with its addition, and
// the finding shows it whole.
func TestJoinedBis(t *testing.T) {
	d := testDetector(t)
	text := "Joëlle woont Oudegracht 210bis, Utrecht"
	fs := d.Scan(text)
	if got := summary(fs); got != "E003 address critical" {
		t.Fatalf("Scan = %q", got)
	}
	if m := fs[0].Match; m != "Oudegracht 210bis, Utrecht" {
		t.Errorf("match %q, want the address with its addition", m)
	}
}

// A street misspelt is looked up once per text (streetsOtherwise keeps
// what it learnt): each place it is written is still found.
func TestMisspeltStreetEachPlace(t *testing.T) {
	d := testDetector(t)
	text := "Kerkstrat 12a, Utrecht\nnog eens: Kerkstrat 12a, Utrecht\nen Kerkstrat 14, 1234 AB"
	fs := d.ScanAll(text)
	if got := summary(fs); got != "E001 address critical" {
		t.Fatalf("ScanAll = %q", got)
	}
	if f := fs[0]; f.Start != 0 || len(f.Others) != 1 || text[f.Others[0][0]:f.Others[0][1]] != "Kerkstrat 12a, Utrecht" {
		t.Errorf("finding at %d, others %v: want the first line's, and the second's", f.Start, f.Others)
	}
}

// Her first name with her street and no house number says where she
// lives: medium, high with the organisation named, a title before the
// name or her town after the street. Never critical: no door is named.
func TestFirstNameAtHome(t *testing.T) {
	d := testDetector(t)
	checkScans(t, d, []scanCase{
		{"Ilse woont op de Prins Hendriklaan", "E009 name medium"},
		{"de leidster (Ilse) woont op de Prins Hendriklaan", "E009 name medium"},
		{"op de Lindelaan woont Anouk", "E002 name medium"}, // the street first
		{"Ilse woont op de Prins Hendriklaan in Utrecht", "E009 name high"},
		{"juf Ilse woont op de Prins Hendriklaan", "E009 name high"},
		{"Ilse van De Zonnebloem woont op de Prins Hendriklaan", "E009 name high"},
		{"Ilse woont op de Prins Hendriklaan in Amsterdam", ""},                        // the street in another town
		{"Ilse woont op de Hendriklaan", ""},                                           // another street
		{"Anouk woont op de Prins Hendriklaan", ""},                                    // not her street
		{"mijn dochter Ilse speelt op de Prins Hendriklaan", ""},                       // a parent's child
		{"Ilse de Vries woont op de Prins Hendriklaan", ""},                            // a namesake
		{"Lindelaan. " + strings.Repeat("Daarna gingen we verder. ", 4) + "Anouk", ""}, // too far apart
		// Of two of her streets near her name, the one that says more.
		{"Anouk woont op de Prins Hendriklaan. Ilse woont op de Prins Hendriklaan in Utrecht", "E009 name high"},
		// The bounds on the work a text of nothing but such pairs makes
		// (maxHomeStreets, bareReads) leave the pairs of a long text.
		{strings.Repeat("Ilse woont op de Prins Hendriklaan. ", 2000), "E009 name medium"},
		{strings.Repeat("Anouk woont op de Prins Hendriklaan. ", 2000) + "Ilse woont op de Prins Hendriklaan in Utrecht", "E009 name high"},
		{strings.Repeat("Daarna gingen we verder. ", 4000) + "Ilse woont op de Prins Hendriklaan", "E009 name medium"},
	})
}

func TestSeverity(t *testing.T) {
	d := testDetector(t)
	tests := []scanCase{
		{"Sanne van den Berg, ik weet waar je woont.", "E001 name high"},
		{"Sanne van den Berg. I know where you live.", "E001 name high"},
		{"Sanne van den Berg woont op de Esdoornlaan 8", "E001 name high"},
		{"Sanne van den Berg: bel 06-55555555", "E001 name high"},
		{"Sanne van den Berg, mail s.berg@example.org", "E001 name high"},
		{"Sanne van den Berg zit in 3581 KA", "E001 name high"},
		// The organisation's own contacts are no locator; its e-mail
		// domain names it.
		{"Sanne van den Berg, De Zonnebloem, tel 030-7001122, Bloemenlaan 1", "E001 name medium"},
		{"Sanne van den Berg, mail sanne@zonnebloem-kdv.example", "E001 name medium"},
		{"Van: planning@zonnebloem-kdv.example\nGroet, Sanne", "E001 name low"},
		{"Bel de locatie: 030-7001122. Vraag naar Sanne.", "E001 name low"},
		{"Bel de tandarts: 030-7001123. Vraag naar Sanne.", ""},
		// The roster's data is critical, with or without the name.
		{"Sanne van den Berg woont Kerkstraat 12a", "E001 name high; E001 address critical"},
		{"Bel 06-12345678", "E001 phone critical"},
		// A first name alone never rises above low.
		{"Sanne van De Zonnebloem: ik weet waar je woont", "E001 name low"},
	}
	checkScans(t, d, tests)
}

// TestPlainEmailAt reads an address at its "@" in each way it is written;
// the address is the lower-case one however it was written.
func TestPlainEmailAt(t *testing.T) {
	for _, tt := range []struct{ text, addr, match string }{
		{"mail s.bakker85@gmail.com nu", "s.bakker85@gmail.com", "s.bakker85@gmail.com"},
		{"mail S.Bakker85@Gmail.COM nu", "s.bakker85@gmail.com", "S.Bakker85@Gmail.COM"},
		{"mail s.bakker85 @ gmail.com nu", "s.bakker85@gmail.com", "s.bakker85 @ gmail.com"},
		{"mail s.bakker85@gmail . com nu", "s.bakker85@gmail.com", "s.bakker85@gmail . com"},
		{"mail .s.bakker85.@gmail.com nu", "s.bakker85@gmail.com", ".s.bakker85.@gmail.com"},
		{"<mailto:s.bakker85@gmail.com>", "s.bakker85@gmail.com", "mailto:s.bakker85@gmail.com"},
		{"mail S.Bakker85 @ GMAIL . COM nu", "s.bakker85@gmail.com", "S.Bakker85 @ GMAIL . COM"},
		{"mail s.bakker85@GMAIL.\nCOM nu", "s.bakker85@gmail.com", "s.bakker85@GMAIL.\nCOM"},
	} {
		p := strings.IndexByte(tt.text, '@')
		start, end, addr, ok := plainEmailAt(tt.text, p)
		if !ok || addr != tt.addr || tt.text[start:end] != tt.match {
			t.Errorf("%q: %q at %q (%v), want %q at %q", tt.text, addr, tt.text[start:end], ok, tt.addr, tt.match)
		}
	}
	if _, _, _, ok := plainEmailAt("twee @ drie", 5); ok {
		t.Error(`"twee @ drie" is an address`)
	}
}

func TestBracketed(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"sanne[@]example.nl", true},
		{"sanne ( @ ) example.nl", true},
		{"sanne {@ }example.nl", true},
		{"(@)", true},
		{"sanne (  @) example.nl", false}, // two spaces
		{"sanne (@  ) example.nl", false},
		{"sanne @ example.nl", false},
		{"sanne (@ example.nl", false},
		{"@)", false},
		{"(@", false},
		{"( @", false},
		{" @)", false},
		{"@", false},
	} {
		if got := bracketed(tt.text, strings.IndexByte(tt.text, '@')); got != tt.want {
			t.Errorf("bracketed(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// FuzzIbanBefore holds ibanBefore to the regular expression it replaced,
// on every position of the text.
func FuzzIbanBefore(f *testing.F) {
	re := regexp.MustCompile(`\b[a-zA-Z]{2}[0-9]{2} ?[a-zA-Z]{4}[0-9 ]*$`)
	for _, s := range []string{"IBAN NL91 ABNA 0417 1643 00", "NL91ABNA0612345678", "xNL91ABNA06", "NL91  ABNA 06", "_NL91ABNA", "ſL91ABNA0", "tel NL 0612345678", "aaaaaaaaaaaaaaaaaaaaaaaNL91ABNA06"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for pos := 0; pos <= len(text); pos++ {
			if got, want := ibanBefore(text, pos), re.MatchString(text[max(0, pos-26):pos]); got != want {
				t.Fatalf("ibanBefore(%q, %d) = %v, the expression says %v", text, pos, got, want)
			}
		}
	})
}

// Only a word that starts as a roster street does is asked whether it is
// one misspelt in its ending; never a number, which digit-dense text has
// before every other number.
func TestMayHeadStreet(t *testing.T) {
	d := testDetector(t)
	for _, c := range []struct {
		word string
		want bool
	}{
		{"Oudegrach", true},     // Oudegracht's head
		{"kerkstrat", true},     // Kerkstraat's, in small letters
		{"Zwanenmeer", false},   // no roster street's
		{"1234567", false},      // a number
		{"06-12345678", false},  // a phone number
		{"Éénhoornstrat", true}, // a letter beyond ASCII: asked
		{"oud.egracht", false},  // a sign among the first five
	} {
		if got := d.mayHeadStreet(c.word); got != c.want {
			t.Errorf("mayHeadStreet(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

// endsWithNumber reads back from the end what this expression reads from
// every start: they must agree on every text.
func TestEndsWithNumber(t *testing.T) {
	ref := regexp.MustCompile(`[0-9][A-Za-z]?(?:[ -]?[0-9A-Za-z]{1,3})?[ ,\t\r\n–—-]*$`)
	for _, text := range []string{"Kerkstraat 14, ", "12a - ", "9-2\n", "12 bis ", "nummer 4", "Kerkstraat", "", "—", "a1", "1a b", "12abcd"} {
		if got, want := endsWithNumber(text), ref.MatchString(text); got != want {
			t.Errorf("endsWithNumber(%q) = %v, want %v", text, got, want)
		}
	}
	pieces := []string{"1", "0", "9", "a", "B", "z", " ", "-", ",", "\t", "\n", "\r", "–", "—", "_", ".", "é", "\xff", "\xe2\x80"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 200_000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if text := b.String(); endsWithNumber(text) != ref.MatchString(text) {
			t.Fatalf("endsWithNumber(%q) = %v, the expression %v", text, endsWithNumber(text), ref.MatchString(text))
		}
	}
}
