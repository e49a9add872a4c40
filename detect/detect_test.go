package detect

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/model"
	"github.com/doxwatch/doxwatch/roster"
)

// loadDetector builds a detector (with build, New or NewOCR) from a test
// configuration and the roster it names.
func loadDetector(t testing.TB, cfgPath string, build func(*roster.Roster, Options) (*Detector, error)) (*Detector, *roster.Roster) {
	t.Helper()
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := roster.Load(cfg.ResolvePath(cfg.Roster), cfg.Region)
	if err != nil {
		t.Fatal(err)
	}
	d, err := build(r, OptionsFromConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	return d, r
}

func testDetector(t testing.TB) *Detector {
	d, _ := loadDetector(t, filepath.Join("testdata", "org.yaml"), New)
	return d
}

// summary renders findings as "E001 name low; E001 phone critical".
func summary(fs []model.Finding) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s %s %s", f.EmployeeID, f.Kind, f.Severity))
	}
	return strings.Join(parts, "; ")
}

// scanCase is a text and its findings, summarised ("" for none).
type scanCase struct{ text, want string }

// checkScans holds d's findings for each text to what the test wants.
func checkScans(t *testing.T, d *Detector, tests []scanCase) {
	t.Helper()
	for _, tt := range tests {
		if got := summary(d.Scan(tt.text)); got != tt.want {
			t.Errorf("Scan(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	d := testDetector(t)
	tests := []scanCase{
		// Every way a full name is written; no context, so low.
		{"Gisteren sprak ik Sanne van den Berg.", "E001 name low"},
		{"gisteren sprak ik sanne van den berg", "E001 name low"},
		{"GISTEREN SPRAK IK SANNE VAN DEN BERG", "E001 name low"},
		{"Gisteren sprak ik Sanne&nbsp;van&nbsp;den&nbsp;Berg.", "E001 name low"},
		{"Gisteren sprak ik Sanne\u00a0van\u00a0den\u00a0Berg.", "E001 name low"},
		// Symbols typed for letters.
		{"$anne van den Berg", "E001 name low"},
		{"S@nne van den Berg", "E001 name low"},
		// Joined by a dot, as profile addresses and handles write names.
		{"facebook.com/sanne.vandenberg.5", "E001 name low"},
		{"Volg haar op insta: @sanne.vdberg", "E001 name low"},
		{"@kees.visser op tiktok", "E007 name low"},
		// Set apart as a name written out is: not the one at the
		// organisation, a parent's child. Not an e-mail address's local
		// part, which the words around it do not describe.
		{"@kees.visser, niet die van De Zonnebloem", ""},
		{"mijn zoon kees.visser", ""},
		{"mijn zoon: kees.visser82@example.org", "E007 name high"},
		// Every word joined so, and a handle's number after the name.
		{"facebook.com/Sanne.van.den.Berg", "E001 name low"},
		{"insta: sanne_van_den_berg", "E001 name low"},
		{"sanne.v.d.berg", "E001 name low"},
		{"sanne.van.den.bosch", ""},
		{"sanne.van.de", ""},
		{"@sannevdberg82 op insta", "E001 name low"},
		{"@sanne.vdberg82 op insta", "E001 name low"},
		{"sannevandenberg1985", "E001 name low"},
		{"keesvisser12 en keesvisser12345", "E007 name low"},
		{"sannevdberg82x", ""},
		{"mail sanne.vdberg82@example.com", "E001 email critical"},
		// A contact card's or a spreadsheet's "surname;first name".
		{"N:Bakker;Mieke;;;", "E004 name low"},
		{"Bakker; Mieke", "E004 name low"},
		// A lower-case first name after a title, the organisation named.
		{"juf mieke van De Zonnebloem", "E004 name low"},
		{"mieke van De Zonnebloem", "E004 name low"}, // said to be of it, its name right after
		{"mieke van de bakker", ""},
		{"mieke zag De Zonnebloem", ""},
		{"juf mieke", ""},
		// After the words that give a name; not a pet's.
		{"m'n buurvrouw is juf bij de zonnebloem, ze heet mieke", "E004 name low"},
		{"mijn kat heet mieke, niks met de zonnebloem", ""},
		{"Onze dochter heet mieke en zit op De Zonnebloem", ""},
		{"Wij hebben Mieke geadopteerd, ze zit nu op De Zonnebloem", ""}, // the writers' child
		{"We adopted Mieke, she goes to De Zonnebloem now", ""},
		{"Wij hebben Mieke gevraagd, ze werkt op De Zonnebloem", "E004 name low"},
		// A parent's child with an employee's full name; not a colleague.
		{"mijn zoon Bram van Leeuwen zit in groep 3", ""},
		{"[09:12] Papa van Sanne: Sanne van den Berg is ziek vandaag", ""},  // the child the sender's name gives
		{"Papa van Sanne: juf Sanne van den Berg is ziek", "E001 name low"}, // the juf of that name
		{"Papa van Bram: Sanne van den Berg is ziek", "E001 name low"},      // another child's parent
		{"m'n dochter heet Mieke Bakker", ""},
		{"onze Mieke Bakker is de beste juf", "E004 name low"},
		{"mijn collega Mieke Bakker", "E004 name low"},
		// A child the writer's child knows, or the writer's own, named
		// before the words that say so; not the juf of the writer's child.
		{"Daan Kuipers zit bij mijn zoon in de klas, op de Zonnebloem", ""},
		{"Daan speelt altijd met onze dochter, bij De Zonnebloem", ""},
		{"Bram is een vriendje van mijn zoon, op De Zonnebloem", ""},
		{"Mieke Bakker is de juf van mijn dochter", "E004 name low"},
		// A first name alone that the text makes someone's husband, wife
		// or sibling; a full name is the surname's to say.
		{"Kees is de man van juf Mieke van De Zonnebloem", "E004 name low"},
		{"Kees (de man van juf Mieke) staat bij het hek van De Zonnebloem", "E004 name low"}, // in an aside
		{"Kees, de man van Mieke, haalt ze op bij De Zonnebloem", "E004 name low"},
		{"De man van juf Sanne (van De Zonnebloem) heet Kees", "E001 name low"}, // named as the relative
		{"De man van Mieke is ziek. Op De Zonnebloem heet de juf Kees", "E004 name low; E007 name low"},
		{"juf Mieke en haar man Kees van De Zonnebloem", "E004 name low"},
		{"Mieke Bakker is de vrouw van Kees", "E004 name low"},
		// Unless the text says the relative works there; not a child's
		// parent who does.
		{"Mijn zus Mieke werkt bij de Zonnebloem en zegt dat het meevalt", "E004 name low"},
		{"Mijn man Kees werkt ook bij De Zonnebloem", "E007 name low"},
		{"Mijn zus Mieke werkt bij Albert Heijn, mijn zoon zit op De Zonnebloem", ""},
		{"De moeder van Kees werkt bij De Zonnebloem", ""},
		// A child's age in brackets after a first name; not a grown-up's,
		// as the papers give it.
		{"Onze Mieke (4) gaat naar De Zonnebloem", ""},
		{"Juf Mieke (28) van De Zonnebloem", "E004 name low"},
		{"**Mieke** (4) gaat naar De Zonnebloem", ""}, // the name in bold
		// An aside after a first name that makes her the writer's child;
		// not a colleague or a relative said to work there.
		{"Mieke (mijn dochter, 4) gaat naar De Zonnebloem", ""},
		{"**Mieke** (mijn dochter) zit bij de Zonnebloem", ""},
		{"Mieke, onze jongste, zit op De Zonnebloem", ""},
		{"Mieke - m'n dochter - zit op De Zonnebloem", ""},
		{"Mieke (our daughter) goes to De Zonnebloem", ""},
		{"Mieke (mijn collega) werkt bij De Zonnebloem", "E004 name low"},
		{"Mieke, mijn zus, werkt bij De Zonnebloem", "E004 name low"},
		// The organisation's own name right after a first name, as a tag
		// or a contact's name gives it; not another's surname.
		{"juf Mieke Zonnebloem", "E004 name low"},
		{"juf Mieke Verbeek", ""},
		// In small letters too, as a search types it, after a title: not
		// without one, nor a flower a word apart.
		{"zoekopdrachten: juf mieke zonnebloem, juf mieke zonnebloem adres", "E004 name low"},
		{"Juf Mieke zonnebloem", "E004 name low"},
		{"mieke zonnebloem", ""},
		{"juf mieke tekent een zonnebloem", ""},
		{"juf mieke, zonnebloem", ""},
		// A letter of the organisation to a parent who shares an employee's
		// surname; the child named in it; not a letter about her.
		{"Beste mevrouw Bakker,\n\nUw zoon is niet meer welkom.\n\nMet vriendelijke groet,\nKinderopvang De Zonnebloem", ""},
		{"Dear Mrs Bakker, your daughter was ill today. The Zonnebloem daycare", ""},
		{"Mail van De Zonnebloem: 'Beste ouder, uw kind Mieke ...'", ""},
		{"Beste mevrouw Bakker, u werkt niet meer bij De Zonnebloem", "E004 name medium"},
		// A namesake the writer names by trade in an aside; a trade said
		// of her is no aside, and an aside without a trade says nothing.
		{"Sanne van den Berg (de schaatsster) won goud", ""},
		{"Sanne van den Berg, schaatsster, wint brons", ""}, // the trade alone in the aside
		{"Kees Visser (loodgieter) kwam langs", ""},
		{"Webinar door dr. Kees Visser, kinderarts in het UMC", ""},
		{"Faillissement: curator mr. P. de Wit, Amsterdam", ""},          // a trade, a degree, an initial
		{"Sanne van den Berg (1985) is een Nederlands schaatsster.", ""}, // an encyclopedia's first line
		{"Sanne van den Berg (34) is een collega van mij", "E001 name low"},
		{"kinderarts dr. Kees Visser sprak", ""},
		{"P. de Wit belde gisteren", "E005 name low"},
		{"Mieke Bakker (hoogleraar pedagogiek) sprak", ""},
		{"Talk by Sanne van den Berg, pediatrician at the hospital", ""},
		{"Bakker, M. (zangeres)", ""}, // a sorted name with its trade
		{"Bakker M. - schilder", ""},
		{"Bakker, M. (de zangeres)", ""},
		{"Bakker, M. (leidster)", "E004 name low"},
		{"Sanne van den Berg, leidster, is ziek", "E001 name low"}, // her own job
		{"Kees Visser de loodgieter uit Amersfoort is top", ""},
		{"Kees Visser de juf van Lotte", "E007 name low"}, // no trade
		// One reader for a full name and for a sorted name or one with an
		// initial: a dash as phones type it, an adjective, no aside.
		{"Sanne van den Berg \u2013 de bekende schaatsster", ""},
		{"Bakker, M. \u2013 de bekende zangeres", ""},
		{"Bakker M. de loodgieter", ""},
		{"Kees Visser, de aardige juf van Lotte", "E007 name low"},
		{"I saw Kees Visser, the football player, at the station", ""},
		{"Kees Visser, de beste speler van het team", ""},
		{"Dank aan Kees Visser. De loodgieter komt morgen", "E007 name low"}, // a sentence's end, no initial's dot
		// Said to be one of a trade; not of an office of the employer's
		// own people, nor of no trade. A handle's tail passed over.
		{"Kees Visser is een voetballer van Ajax", ""},
		// A couple's first names before the surname they share; a youth
		// team's player is a child.
		{"gedoopt werd Daan, zoon van Kees en Mieke Visser", "E007 name low"},
		{"Kees & Mieke Visser", "E007 name low"},
		{"Kees en mieke Visser", ""},
		{"Kees en de Visser", ""},
		{"kees en Mieke Visser", ""},
		{"Voetbaluitslag JO11: Kees Visser scoorde twee keer", ""},
		{"U12: Kees Visser scoorde", ""},
		{"Uitslag U12. Kees Visser belde", "E007 name low"}, // the team in another sentence
		{"Kees Visser is de bekende schilder uit Zeist", ""},
		{"Kees Visser is een schat", "E007 name low"},
		{"Kees Visser is de nieuwe wethouder", "E007 name low"},
		{"@kees.visser.official is een voetballer", ""},
		{"@kees.visser_82 is een zanger", ""},
		// Or by a trade as a title before the name, as papers write a
		// public figure; not an office of the employer's own people, nor
		// where the text names the organisation.
		{"Schaatsster Sanne van den Berg wint goud in Heerenveen", ""},
		{"zanger Kees Visser treedt op", ""},
		{"wethouder Pieter de Wit opent de school", "E005 name low"},
		{"dokter Sanne van den Berg van De Zonnebloem", "E001 name medium"},
		{"Mijn huisarts: Sanne van den Berg", "E001 name low"}, // no title: after a colon
		// Figures of children's television at a day-care.
		{"De peuters van De Zonnebloem kijken Thomas de trein", ""},
		{"De peuters van De Zonnebloem kijken Thomas the Tank Engine", ""},
		{"De peuters van De Zonnebloem kijken met Thomas", "E010 name low"},
		{"Thomas Smit scoorde gisteren twee keer voor FC Utrecht", ""}, // a namesake placed with his club
		{"Thomas Smit (FC Utrecht) scoorde twee keer", ""},             // his club in brackets
		{"Thomas Smit (Utrecht) scoorde twee keer", "E010 name low"},   // a town is no club
		{"Kees Visser (Ajax) scoorde twee keer", ""},                   // a club's own name
		{"Kees Visser (Go Ahead Eagles) speelde goed", ""},
		{"Kees Visser (Ajax) woont in Zeist", "E007 name low"}, // not what a player does
		{"Kees Visser (Zeist) scoorde twee keer", "E007 name low"},
		{"bakker mieke", ""}, // a surname that is also a word, first in small letters
		{"van den berg sanne", "E001 name low"},
		{"Sanne van den Berg werkt bij Albert Heijn", ""},                              // with another employer
		{"Sanne van den Berg is de zus van mijn man, zij werken bij Albert Heijn", ""}, // the plural verb too
		{"Sanne van den Berg, working at Albert Heijn", ""},
		{"Sanne van den Berg is de zus van mijn man, zij werkt bij Albert Heijn", ""},           // so said later in the sentence
		{"Sanne van den Berg is de zus van mijn man, zij werkt bij de opvang", "E001 name low"}, // no employer's name
		{"Sanne van den Berg is de zus van Mieke, zij werkt bij Albert Heijn", "E001 name low"}, // "zij" may be Mieke
		{"Sanne van den Berg is aardig. Zij werkt bij Albert Heijn", "E001 name low"},           // another sentence
		{"Sanne van den Berg werkt bij de opvang", "E001 name low"},                             // no name of another
		{"Sanne van den Berg van De Zonnebloem werkt ook bij Albert Heijn", "E001 name medium"}, // the organisation named
		{"Sanne van den Berg werkt met Lotte bij Albert Heijn", "E001 name low"},                // another name first
		{"LinkedIn: Thomas Smit – Accountmanager bij Rabobank", ""},                             // a profile's title line
		{"Pieter de Wit, wethouder van Zeist", ""},                                              // an office of a town
		{"Sanne van den Berg, de juf van Lotte", "E001 name low"},                               // not a place after "van"
		{"Sanne van den Berg, juf bij Het Vlindertje", ""},
		{"Sanne van den Berg, gisteren bij de opvang", "E001 name low"},
		{"Mieke Bakker (1952-2010) was een bekende zangeres", ""}, // a namesake of the past
		{"Mieke Bakker (2024) heeft", "E004 name low"},
		{"Kees Visser 1952-2010, rust zacht", ""}, // a death notice
		{"Kees Visser, 1952 - 2010", ""},
		{"Kees Visser 2015-2020 bij De Zonnebloem", "E007 name medium"}, // years of work, not of a life
		{"Kees Visser, de bekende schilder uit Zeist, deed onze kozijnen", ""},
		{"Mieke Bakker - the singer - was on TV", ""},
		{"Mieke Bakker is de nieuwe wethouder", "E004 name low"},
		{"Mieke Bakker, de juf van groep 2", "E004 name low"},
		{"Mieke Bakker, de heks", "E004 name low"},
		// A first name made small, after a title where the organisation is
		// named; the possessive s anywhere.
		{"juf Sannetje van de Zonnebloem", "E001 name low"},
		{"juf Keesje van De Zonnebloem", "E007 name low"},
		{"Sannetje van de Zonnebloem", ""},
		{"juf Sannetje", ""},
		// Made small as the south says it of adults too: a name with the
		// organisation right after it, not elsewhere in the text.
		{"Miekske van De Zonnebloem heeft mijn kleine laten huilen", "E004 name low"},
		{"Sanneke van KDV Zonnebloem", "E001 name low"},
		{"Keeske (Zonnebloem) is lief", "E007 name low"},
		{"Sanneke zit op De Zonnebloem", ""},
		{"Het bankje van De Zonnebloem", ""},
		{"Sannes fiets stond bij De Zonnebloem", "E001 name low"},
		// Two first names with a slash, the organisation named.
		{"Sanne/Mieke van De Zonnebloem", "E001 name low; E004 name low"},
		{"Sanne/Mieke", ""},
		// A letter hidden by "*".
		{"S*nne v*n den B*rg", "E001 name low"},
		{"S*NNE VAN DEN BERG", "E001 name low"},
		// Other spellings of a surname.
		{"Joelle Dykstra zit ook in die groep", "E003 name low"},
		{"Fatima Elamrani", "E008 name low"},
		{"Sanne Vandenberg", "E001 name low"},
		{"Sanne vdBerg", "E001 name low"}, // "van den" shortened and run on
		{"Sanne Dykstra", ""},
		{"Sanne vdMeer", ""},
		// Text wrapped to a width, in a quoted reply too; not a paragraph.
		{"Gisteren sprak ik Sanne van den\nBerg.", "E001 name low"},
		{"> Gisteren sprak ik Sanne van den\r\n> Berg.", "E001 name low"},
		{"Gisteren sprak ik Sanne\nvan den Berg.", "E001 name low"},
		{"Gisteren sprak ik Sanne van den\n\nBerg.", ""},
		// A name's word hyphenated at a line's end; not two names, nor
		// two paragraphs.
		{"Gisteren sprak ik Joëlle Dijk-\nstra.", "E003 name low"},
		{"Gisteren sprak ik Joëlle Dijk-\nStra.", ""},
		{"Gisteren sprak ik Joëlle Dijk-\n\nstra.", ""},
		{"Brief van S. van den Berg over de wachtlijst", "E001 name low"},
		{"Van den Berg, Sanne (planning)", "E001 name low"},
		{"Lijst: Berg, Sanne van den; Dijkstra, Joëlle", "E001 name low; E003 name low"},
		// A sorted list's line ends at its first name: the next line's
		// surname is another's.
		{"Jansen, Mieke\nBakker, Noor", ""},
		{"Jansen, Mieke\nBakker, Kees\nVisser, Noor", ""},
		{"Jansen, Mieke Bakker", "E004 name low"},
		// A spreadsheet's columns, surname first, between tabs.
		{"Dijkstra\tJoëlle\tZeist", "E003 name low"},
		{"Dijkstra\t\tJoëlle", "E003 name low"},
		{"Bakker\tJoëlle", ""},
		{"Joëlle\tDijkstra", "E003 name low"},
		// A list in capitals, surname first, one name a line; not in a
		// post in capitals.
		{"SMIT THOMAS\nBAKKER MIEKE", "E010 name low; E004 name low"},
		{"  BAKKER MIEKE  \r\nVISSER KEES", "E004 name low; E007 name low"},
		{"BAKKER MIEKE ZEI DAT", ""},
		{"DE BAKKER MIEKE", ""},
		{"VISSER MIEKE", ""},
		// A surname and a first name each alone on a line; not prose
		// wrapped, nor a paragraph apart.
		{"Bakker\nMieke\n\nVisser\nKees", "E004 name low; E007 name low"},
		{"Van den Berg\nSanne", "E001 name low"},
		{"Familie Bakker\nMieke zei het", ""},
		{"Gisteren bij Bakker\nMieke", ""},
		{"Bakker\n\nMieke", ""},
		{"bakker\nmieke", ""},
		{"Mail van Sanne vd Berg", "E001 name low"},
		{"Mail van Sanne v.d. Berg", "E001 name low"},
		{"Mail van Sanne v/d Berg", "E001 name low"},
		{"Anouk Jansen-de Vries schreef", "E002 name low"},
		{"Anouk Jansen de Vries schreef", "E002 name low"},
		{"Anouk Jansen-de Vriees schreef", "E002 name low"},
		{"Joelle Dijkstra belde", "E003 name low"},
		{"JoÃ«lle Dijkstra belde", "E003 name low"}, // mojibake: UTF-8 read as Windows-1252 by the site
		{"Joëlle Dijkstr belde", "E003 name low"},
		{"Noek Jansen-de Vries is de planner", "E002 name low"},
		{"S\u0430nne van den Berg", "E001 name low"},
		{"San\u00adne van den Berg", "E001 name low"},
		{"Sanne van den Berg's mail", "E001 name low"},
		{"Anne Marie 't Hart en Annemarie 't Hart", "E006 name low"},
		// The first of a double first name, with the surname only.
		{"Anne 't Hart, die van de opvang", "E006 name low"},
		{"juf Anne van De Zonnebloem", ""},
		{"Anne-Marie ’t Hart", "E006 name low"},
		{"Fatima El Amrani", "E008 name low"},
		{"Ilse van der Meer-de Boer", "E009 name low"},
		{"Ilse vd Meer-de Boer", "E009 name low"},
		// Either surname of a double one is used alone.
		{"Anouk Jansen", "E002 name low"},
		{"Anouk de Vries", "E002 name low"},
		{"Noek Jansen", "E002 name low"},
		{"Ilse van der Meer", "E009 name low"},
		{"Ilse de Boer", "E009 name low"},
		{"mevrouw Jansen van KDV Zonnebloem", "E002 name medium"},
		// A surname pointed at ("die Kuipers") as a title does, with its
		// capital and the organisation named; the name in brackets after
		// a title.
		{"wat een gedoe met die Bakker van De Zonnebloem", "E004 name medium"},
		{"die bakker naast De Zonnebloem", ""},
		// Or alone, the organisation named right after it; not in small
		// letters, nor with another after it.
		{"Visser van De Zonnebloem heeft mijn zoon laten vallen", "E007 name medium"},
		{"Jansen bij KDV Zonnebloem", "E002 name medium"},
		{"visser van De Zonnebloem", ""},
		{"Visser van de groenteboer, niet van De Zonnebloem", ""},
		// Not after another capitalised word, someone else's first name,
		// but for a greeting or her own first name misspelt (before her
		// whole surname, not a part of a double one).
		{"Anna Visser van De Zonnebloem", ""},
		{"Noor de Vries van De Zonnebloem", ""},
		{"Hoi Visser van De Zonnebloem", "E007 name medium"},
		{"Kes Visser van De Zonnebloem", "E007 name medium"},
		{"Lies Visser van De Zonnebloem", ""}, // two edits from Kees, another name
		{"Sana van den Berg van De Zonnebloem", "E001 name medium"},
		// The organisation in brackets after it, or after a list of
		// surnames it starts; its own name alone with its capital.
		{"Visser (Zonnebloem) heeft mijn zoon laten vallen", "E007 name medium"},
		{"Visser [KDV Zonnebloem]", "E007 name medium"},
		{"El Amrani & Visser (Zonnebloem)", "E008 name medium; E007 name medium"},
		{"Bakker, Pietersen en Smit van De Zonnebloem", "E004 name medium; E010 name medium"},
		// A list with semicolons; a word of all or also before the
		// organisation in the brackets, but no other.
		{"Bakker; Pietersen; Visser (allemaal Zonnebloem)", "E004 name medium; E007 name medium"},
		{"Visser (ook Zonnebloem)", "E007 name medium"},
		{"Visser (vroeger Zonnebloem)", ""},
		{"Visser (ook) Zonnebloem", ""},
		{"Ik stem op Bakker; De Zonnebloem is dicht", ""},
		// A surname alone with its capital, the organisation named near
		// it: hers, low, as a name written loosely; high with a threat.
		// Not a surname that is also a word, nor part of one without its
		// particles, nor after another capitalised word (someone else's
		// first name) or before one (a company), nor with the
		// organisation far from it.
		{"Dijkstra heeft weer eens geen tijd, typisch Zonnebloem", "E003 name low"},
		{"Van den Berg is weer te laat bij De Zonnebloem", "E001 name low"},
		{"Hey El Amrani!!! Jij van de Zonnebloem, ik weet waar je woont", "E008 name high"},
		{"Hoi Dijkstra, welkom bij De Zonnebloem", "E003 name low"},
		{"Klaas Dijkstra heeft weer eens geen tijd, typisch Zonnebloem", ""},
		{"Dijkstra Bouw heeft De Zonnebloem verbouwd", ""},
		{"Gisteren zag ik een Dijkstra op tv. De Zonnebloem was dicht", ""},
		{"Berg is weer te laat bij De Zonnebloem", ""},
		{"Bakker is weer te laat bij De Zonnebloem", ""},
		// A surname that is also a word, with its particle before the
		// capital: no sentence's start made it.
		{"De Wit zei het zelf, van de Zonnebloem nota bene", "E005 name low"},
		{"de Wit is weer te laat bij De Zonnebloem", "E005 name low"},
		{"De wit is weer te laat bij De Zonnebloem", ""},
		{"Wit is weer te laat bij De Zonnebloem", ""},
		{"dijkstra heeft weer eens geen tijd, typisch Zonnebloem", ""},
		{"Dijkstra zei het al. " + strings.Repeat("Een lang verhaal over iets anders. ", 4) + "De Zonnebloem", ""},
		{"Dijkstra heeft weer eens geen tijd", ""},
		{"Visser (Ajax) en De Zonnebloem", ""},
		{"Visser (zonnebloem)", ""},
		{"Visser. En De Zonnebloem", ""},
		{"die Bakker", ""},
		{"De juf (Mieke) van De Zonnebloem", "E004 name low"},
		// The organisation's name with another word for what it is.
		{"Mrs Bakker from the Zonnebloem daycare", "E004 name medium"},
		{"juf Mieke van bso Zonnebloem", "E004 name low"},
		{"juf Mieke van school Zonnebloem", ""}, // a school is not what the organisation is
		// As handles and hashtags write it: a dot alone between its words,
		// or all of it as one word; a sentence's end is no dot alone.
		{"@zonnebloem.kdv | juf Mieke weer", "E004 name low"},
		{"juf Mieke weer #zonnebloemkdv", "E004 name low"},
		// A handle's words joined by underscores are tags too: their case
		// says nothing.
		{"volg @juf_mieke_zonnebloem maar niet", "E004 name low"},
		{"@mieke_zonnebloem, de juf", "E004 name low"},
		{"@mieke_zonnebloem", ""},
		// A title joined to a first name in one hashtag.
		{"#ontslagnu #jufmieke #zonnebloem", "E004 name low"},
		{"#meesterkees moet weg, De Zonnebloem", "E007 name low"},
		{"#jufmieke", ""},
		{"#juffendag #zonnebloem", ""},
		{"juf Mieke, kdv.zonnebloem", "E004 name low"},
		{"juf Mieke zag een zonnebloem. Kdv is dicht", ""},
		// The organisation's own name alone, as a name, with a capital.
		{"meester Kees (Zonnebloem)", "E007 name low"},
		{"~Mieke heeft de groep 'Ouders Zonnebloem' verlaten", "E004 name low"},
		{"Kees zette een zonnebloem in de tuin", ""},
		// Or as a hashtag in lower case, with a title or a word for what
		// it is near: a tag alone may be the flower's.
		{"je kind zit bij juf Mieke #zonnebloem", "E004 name low"},
		{"#opvang #zonnebloem Kees weer", "E007 name low"},
		{"#kees #zonnebloem #kinderopvang", "E007 name low"},
		{"Kees zette een zonnebloem op zijn balkon #zonnebloem", ""},
		// Or a tag for its parents: a group's handle; not parents in a word.
		{"@ouders_zonnebloem: wie heeft het 06 van Kees V.?", "E007 name low"},
		{"#ouders #zonnebloem Kees weer", "E007 name low"},
		// Or the writer's own child: a parent writes. Not after "een".
		{"Kees heeft mijn zoon geslagen #zonnebloem", "E007 name low"},
		{"Kees heeft de zoon geslagen #zonnebloem", ""},
		{"Mijn dochter plantte een #zonnebloem met Kees", ""},
		// Or a tag that demands a dismissal: one fires staff, not flowers.
		{"#kees #zonnebloem #ontslaan", "E007 name low"},
		{"#ontslagnu #kees #zonnebloem", "E007 name low"},
		{"kees ontslaan #zonnebloem", ""},
		{"mijn ouders hebben een #zonnebloem, Kees V. ook", ""},
		{"#mieke #verjaardag #zonnebloem hoera ze is 5!", ""},
		{"Kees zette zonnebloemen in de tuin #zonnebloemen", ""}, // another word
		{"juf Mieke zag een zonnebloem #tuin", ""},
		{"A. de Vries", "E002 name low"},
		// As links join names.
		{"zoek?naam=Sanne+van+den+Berg", "E001 name low"},
		// A nickname between the names, a sorted list's reversed initial.
		{"Thomas (Tom) Smit", "E010 name low"},
		{"Tom (Thomas) Smit", "E010 name low"},
		{"Thomas \"Tom\" Smit", "E010 name low"},
		{"Smit, T.", "E010 name low"},
		{"Van den Berg, S.", "E001 name low"},
		// The initial of the surname, with the organisation named.
		{"Kees V. van De Zonnebloem", "E007 name low"},
		{"Sanne v.d. B. van De Zonnebloem", "E001 name low"},
		{"Sanne van den B. van De Zonnebloem", "E001 name low"},
		{"Sanne vanden Berg", "E001 name low"}, // the particles as one word
		{"#sannevandenberg", "E001 name low"},
		{"Sanne de B. van De Zonnebloem", ""},  // other particles
		{"Mieke van B. van De Zonnebloem", ""}, // she has none
		{"Sanne van den V. van De Zonnebloem", ""},
		{"mieke bakker", "E004 name low"},
		{"MIEKE BAKKER", "E004 name low"},
		{"Mieke Bakker", "E004 name low"},
		{"M. Bakker", "E004 name low"},
		{"Ons kind zit in groep 3. M. Bakker weigert", "E004 name low"}, // "3." is no initial
		// With the organisation named: medium.
		{"Sanne van den Berg van De Zonnebloem", "E001 name medium"},
		{"Piet de Wit werkt bij KDV Zonnebloem", "E005 name medium"},
		// Organisation context lets a first name alone count, as low.
		{"Sanne van De Zonnebloem is onbeschoft", "E001 name low"},
		{"Vraag het haar: Kees van De Zonnebloem", "E007 name low"},
		{"#juf #kees #dezonnebloem", "E007 name low"}, // hashtags: lower case, the organisation joined
		{"#KDVZonnebloem: juf Kees", "E007 name low"},
		{"mieke van de zonnebloem is ziek", "E004 name low"},         // in lower case, the organisation's name right after
		{"de kees van de zonnebloem", ""},                            // an article before: a thing, not a person
		{"een mieke van de zonnebloem ken ik niet", "E004 name low"}, // "een": one of that name
		{"an mieke van de zonnebloem", "E004 name low"},
		{"het mieke van de zonnebloem", ""},
		// Or said to work there, in a text that names it; "bij jullie"
		// is then the organisation spoken to. Not placed there without
		// work (children are there too), nor working elsewhere.
		{"kees werkt bij de zonnebloem", "E007 name low"},
		{"waarom werkt kees nog bij de zonnebloem??", "E007 name low"},
		{"@zonnebloem_kdv waarom werkt kees nog bij jullie??", "E007 name low"},
		{"kees werkt bij jullie", ""},
		{"kees zit bij de zonnebloem", ""},
		{"kees werkt bij de bakker naast de zonnebloem", ""},
		{"mieke zei dat de zonnebloem dicht is", ""},
		// The own name alone in quotes is a title, not the organisation.
		{"Het nieuwe album van Sanne heet 'Zonnebloem'", ""},
		{"Het nieuwe album van Sanne heet “Zonnebloem”", ""},
		{"Het nieuwe album van Sanne heet Zonnebloem", "E001 name low"},
		{"Het nieuwe album van Sanne heet 'Zonnebloem\"", "E001 name low"}, // no quotes that match
		// Given between commas after one said to be of the organisation;
		// not where the sentence goes on after the name (a child).
		{"die gast van de zonnebloem, kees, zit altijd op z'n telefoon", "E007 name low"},
		{"de juf van kdv zonnebloem, sanne", "E001 name low"},
		{"ik ging naar de opvang van de zonnebloem, kees was ziek", ""},
		{"een foto van een zonnebloem, kees, heel mooi", ""},
		{"De Zonnebloem: mijn schilderij van zonnebloem, kees, hangt daar", ""},
		// The organisation's own name in small letters, told to fire
		// someone: not a flower. "juffie" is a title.
		{"die juffie sanne, zonnebloem moet haar ontslaan", "E001 name low"},
		{"juf sanne, zonnebloem ontsla haar nu", "E001 name low"},
		{"juf sanne, een zonnebloem ontslaan haha", ""},
		{"juf sanne, zonnebloem. ontslaan is niet nodig", ""},
		{"juf sanne, zonnebloem is mooi", ""},
		// A list of first names before one verb or the organisation: each.
		{"kees en mieke werken bij de zonnebloem", "E007 name low; E004 name low"},
		{"kees, mieke en sanne van de zonnebloem zijn lief", "E007 name low; E004 name low; E001 name low"},
		{"kees, mieke en loes van de zonnebloem", ""}, // a list runs over the roster's first names only
		{"sanne/mieke van de zonnebloem", "E001 name low; E004 name low"},
		{"Keeske en Miekske van De Zonnebloem zijn de beste", "E007 name low; E004 name low"},
		{"kees en ik werken bij de zonnebloem", ""},
		{"kees en mieke zitten op de zonnebloem", ""},
		{"kees en de rest van de zonnebloem", ""},
		{"Kees vd Zonnebloem belde", "E007 name low"}, // "van de" shortened before the name
		{"jwz die kees vd zonnebloem heeft me gwn genegeerd", "E007 name low"},
		{"kees v.d. zonnebloem", "E007 name low"},
		{"kees v/d zonnebloem", "E007 name low"},
		{"kees zag vd zonnebloem", ""},
		// With her initial in small letters too: only hers.
		{"kees v. van de zonnebloem", "E007 name low"},
		{"mieke b. van kdv zonnebloem? ja die ken ik", "E004 name low"},
		{"kees b. van de zonnebloem", ""},
		{"kees v. zei iets over de zonnebloem", ""},
		{"juf kees v. zei het, op de zonnebloem", "E007 name low"},
		{"juf kees b. zei het, op de zonnebloem", ""},
		{"Kees e.a. van De Zonnebloem", "E007 name low"}, // "en anderen": no initial
		// The surname given after "heet ze" of one named by a title and
		// her first name before; not of one named without a title.
		{"weet iemand ff waar juf sanne woont?? volgens mij heet ze van den berg", "E001 name low"},
		{"Juf Sanne? Ze heet van den Berg", "E001 name low"},
		{"juf mieke, heet ze Bakker?", "E004 name low"},
		{"juf mieke, heet ze bakker?", ""}, // a surname that is a word, in small letters
		{"Ken je Sanne? Ze heet van den Berg", ""},
		{"mijn dochter sanne heet van den berg", ""},
		{"juf sanne, heet ze van den berg?", "E001 name low"},
		{"juf sanne, heet ze de vries?", ""},
		// A surname alone where the sentence speaks of politics or the
		// news is a public figure's; a title and surname the writer says
		// have nothing to do with the organisation, someone else's.
		{"Op De Zonnebloem hadden ze het over Dijkstra en de verkiezingen", ""},
		{"Dijkstra zat weer bij het journaal. Typisch Zonnebloem", ""},
		{"In de talkshow zei Dijkstra dat De Zonnebloem dicht moet", ""},
		{"Nieuws van De Zonnebloem: Dijkstra gaat met pensioen", "E003 name low"}, // the organisation's own news
		{"kees V.D. zonnebloem", "E007 name low"},                                 // "van de" shortened in capitals
		{"Op De Zonnebloem hadden ze het over Dijkstra en het eten", "E003 name low"},
		{"Meneer Visser belde, niets met de Zonnebloem te maken", ""},
		{"Meneer Visser belde, niks met Zonnebloem te maken hoor", ""},
		{"Sanne, niets met de Zonnebloem te maken", ""},
		{"Meneer Visser van De Zonnebloem belde", "E007 name medium"},
		{"Meester Kees van BSO De Zonnebloem gaat naar De Regenboog", "E007 name low"}, // a word for what it is before its name with its article
		// Said to work elsewhere and not at the organisation: another.
		// Not "werkt niet meer bij", which is her; not the writer's.
		{"Kees werkt bij De Regenboog, echt niet bij De Zonnebloem", ""},
		{"Kees Visser werkt bij De Regenboog, niet bij ons op De Zonnebloem", ""},
		{"Kees werkt niet meer bij De Zonnebloem", "E007 name low"},
		{"Kees zei: ik werk niet bij De Zonnebloem", "E007 name low"},
		// Or placed elsewhere before a verb of working.
		{"Op De Regenboog werkt Mieke, op De Zonnebloem werkt Kees", "E007 name low"},
		{"Op De Zonnebloem werkt Mieke", "E004 name low"},
		{"Op Zonnebloem werkt Mieke", "E004 name low"},
		{"bij de opvang werkt Mieke, De Zonnebloem dus", "E004 name low"},
		{"Bij De Regenboog en De Zonnebloem werkt Mieke", "E004 name low"},
		{"Bij Regenboog en Zonnebloem werkt Mieke", "E004 name low"},
		// A first name with another organisation ("van De Regenboog",
		// its article's capital) is one of there, not a namesake by
		// surname that every other occurrence refers to.
		{"Mieke van De Zonnebloem en Mieke van De Regenboog", "E004 name low"},
		{"Mieke van De Regenboog is lief, De Zonnebloem is ook goed", ""},
		{"Mieke van De Zonnebloem en Mieke van de Regenboog", ""}, // a surname: another Mieke
		{"Die Sanne's bij kinderopvang de zonnebloem", "E001 name low"},
		{"Die Sannes bij kinderopvang de zonnebloem", "E001 name low"},
		// In a post in capitals, after a title, the word after her first
		// name is no surname by its capital (though a surname not on the
		// roster can then not be told from a word: "JUF MIEKE BOS").
		{"DE ZONNEBLOEM SLUIT GROEP 3. JUF MIEKE GAAT WEG!", "E004 name low"},
		{"DE ZONNEBLOEM: MIEKE GAAT WEG", ""},
		{"DE ZONNEBLOEM SLUIT GROEP 3. JUF MIEKE B. GAAT WEG", "E004 name low"}, // her initial
		{"DE ZONNEBLOEM SLUIT GROEP 3. JUF MIEKE S. GAAT WEG", ""},              // another's initial
		{"Juf Mieke Bos van De Zonnebloem", ""},
		// Her town after "uit" or "in" is no surname.
		{"Mieke uit Zeist werkt bij De Zonnebloem", "E004 name low"},
		{"Mieke in Zeist, van De Zonnebloem", "E004 name low"},
		{"Sanne uit den Bogaard van De Zonnebloem", ""},
		// Not the employee.
		{"Sanne van den Broek", ""},
		{"Mijn zoon en zijn vriendje Kees gaan naar De Zonnebloem", ""}, // a child's friend
		{"Vraag over De Zonnebloem. Groet, Kees (vader van Sam)", ""},   // a parent
		{"Mijn zoon heet ook Kees, net als die van De Zonnebloem", ""},
		{"Mijn zoon heet ook Kees, net als zijn opa. Hij zit op De Zonnebloem", ""},
		// "ook een", "nog een", "another": someone else with the name,
		// where the organisation is not named; a plain "een" may be a
		// reader looking for him.
		{"Ik ken ook een Kees Visser, die woont in Groningen", ""},
		{"Er is nog een Kees Visser", ""},
		{"Ken je een Kees Visser?", "E007 name low"},
		{"Ik ken ook een Kees Visser van De Zonnebloem", "E007 name medium"},
		// The surname given after the first name in a clause of its own.
		{"Die Kees van de BSO, Visser heet ie", "E007 name low"},
		{"Kees (van de bso) woont boven de bakker, Visser staat op de bel", "E007 name low"},
		{"Kees woont hier niet. Visser staat op de bel", ""}, // another sentence
		{"Kees? Visser heet ie", ""},                         // another sentence
		{"Die Mieke van de BSO, Visser heet ze", ""},         // not her surname
		{"Die Kees van de BSO, visser heet ie", ""},          // a word, not a surname
		// The writer's own first name, where she says not to work there.
		{"Ik ben Mieke, en ik werk niet bij De Zonnebloem hoor", ""},
		{"ik ben Mieke Bakker en ik werk niet bij de Zonnebloem", ""}, // her full name too
		{"ik ben Mieke Bakker en ik werk bij de Zonnebloem", "E004 name medium"},
		{"Mijn naam is Mieke, ik werk zelf niet bij De Zonnebloem", ""},
		{"I am Mieke and I don't work at De Zonnebloem", ""},
		{"Ik ben Mieke en ik werk bij De Zonnebloem", "E004 name low"},
		{"Ik ben het met Mieke eens, ik werk niet bij De Zonnebloem", "E004 name low"},
		// Or one the text sets apart from the one at the organisation;
		// not one who no longer works there.
		{"Mieke from my gym, not the one from Zonnebloem, is getting married", ""},
		{"Mieke (niet die van De Zonnebloem) gaat trouwen", ""},
		{"Mieke, niet de juf van De Zonnebloem, gaat trouwen", ""},
		{"Mieke gaat trouwen, niet die van de bakker. De Zonnebloem is dicht", "E004 name low"},
		{"Mieke werkt niet meer bij De Zonnebloem", "E004 name low"},
		{"Mieke is ziek. Kim, niet die van De Zonnebloem, ook", "E004 name low"}, // another sentence's
		// Or where she works, elsewhere, in a text that does not name the
		// organisation; also past the words the checks first cut.
		{"Ik heet ook Mieke Bakker en werk bij de bank", ""},
		{"Ik heet zelf ook Mieke Bakker, grappig genoeg, maar ik woon al heel wat jaren in Groningen en werk bij de bank", ""},
		{"Ik ben Mieke Bakker en ik werk bij de kinderopvang", "E004 name low"},
		{"Ik heet Mieke Bakker en ik werk bij de bank naast De Zonnebloem", "E004 name medium"},
		// Or signed at the end, after she says she is not there; not
		// where the text says so of another, or the name is not signed.
		{"Ik ben zelf ook juf (niet bij de Zonnebloem hoor) en ik snap de ouders. Groetjes, Mieke", ""},
		{"I'm a teacher too, not at De Zonnebloem. Regards, Mieke", ""},
		{"De Zonnebloem is top, ik snap de ouders. Groetjes, Mieke", "E004 name low"},
		{"Mijn zoon zit niet bij De Zonnebloem. Groetjes, Mieke", "E004 name low"},
		{"Ik snap het. Mijn zoon zit niet bij De Zonnebloem. Groetjes, Mieke", "E004 name low"},
		{"Ik werk niet bij de bakker. De Zonnebloem is top. Groetjes, Mieke", "E004 name low"},
		{"Ik ben juf, niet bij De Zonnebloem. Mieke zei het ook", "E004 name low"},
		// Or one a text names after "heet" and says not to work there;
		// not one it says does not work on a day.
		{"De juf van groep 3 heet Mieke, ze werkt niet bij De Zonnebloem", ""},
		{"Her teacher heet Mieke, she doesn't work at De Zonnebloem", ""},
		{"De juf heet Mieke, ze werkt niet op woensdag bij De Zonnebloem", "E004 name low"},
		{"De juf heet Mieke, ze werkt bij De Zonnebloem", "E004 name low"},
		// Named together playing together: children; but not with a title.
		{"Kees en Mieke spelen samen op De Zonnebloem", ""},
		{"Sanne, Kees en Mieke spelen samen op De Zonnebloem", ""},
		{"juf Mieke en Kees spelen samen met de kinderen van De Zonnebloem", "E004 name low"},
		// But compared with one of the staff, the name is also the
		// employee's.
		{"Mijn zoon heet ook Kees, net als die meester van De Zonnebloem", "E007 name low"},
		{"Mijn man heet ook Kees Visser, net als die meester van De Zonnebloem", "E007 name medium"},
		// A full name given as a relative's, "ook" saying it is also
		// someone else's; without "ook" it may be his.
		{"Mijn man heet ook Kees Visser, grappig", ""},
		{"Mijn man heet Kees Visser", "E007 name low"},
		{"Mijn kinderen Thomas, Kees en Sanne zitten op De Zonnebloem", ""},
		{"De vader van Kees heeft geklaagd bij De Zonnebloem", ""},
		{"Ik ben Kees, vader van Daan, en De Zonnebloem belt nooit", ""},
		{"Gefeliciteerd kleine Kees! De juffen van De Zonnebloem zingen voor je", ""},
		{"Kees en Sanne zijn vriendjes op de BSO van De Zonnebloem", ""},
		{"Thomas, Kees en Sanne zijn vriendjes bij De Zonnebloem", ""},
		{"Thomas en Kees zijn twee verschillende kinderen bij De Zonnebloem", ""},
		// A child's age later in the sentence; not a grown-up's, nor a
		// number that does not end its clause, nor another sentence's.
		{"Noor en Kees hebben een feestje op de Zonnebloem, ze worden 4!", ""},
		{"Kees wordt vandaag 3! Taart bij De Zonnebloem", ""},
		{"Kees van De Zonnebloem wordt 40!", "E007 name low"},
		{"Kees is 4 jaar bij De Zonnebloem", "E007 name low"},
		{"Kees van De Zonnebloem. Mijn zoon is 4", "E007 name low"},
		{"Thomas en Kees zijn allebei kinderen van De Zonnebloem", ""},
		{"Thomas en Kees zijn twee meesters van De Zonnebloem", "E010 name low; E007 name low"}, // no word for children
		{"Sanne's moeder werkt ook bij De Zonnebloem", ""},
		{"Kees en Sanne zijn de namen van mijn tweeling, die naar De Zonnebloem gaan", ""}, // the writer's to name
		{"Sanne is de naam van mijn kat. Niks met De Zonnebloem te maken", ""},
		{"Sanne is de naam van de juf van De Zonnebloem", "E001 name low"},
		{"Kees' vader haalt hem op bij De Zonnebloem", ""},
		// ... but these are.
		{"Kees en Sanne zijn de juffen van De Zonnebloem", "E007 name low; E001 name low"},
		{"Smit, P.", ""},     // another initial
		{"Berg, S.", ""},     // without its particles
		{"Thomas (Tom)", ""}, // no surname after the nickname
		{"Sanne van den Broek van De Zonnebloem", ""},
		{"Sanne de Berg", ""},
		// A title after the first name, as Turkish puts it, is no surname.
		{"Mieke Hanım De Zonnebloem'de çalışıyor", "E004 name low"},
		{"Kees Bey van De Zonnebloem", "E007 name low"},
		{"Mieke Hanım", ""},
		{"Bakker Hanım De Zonnebloem'de çalışıyor", "E004 name medium"}, // after the surname, the org named
		{"Bakker Hanım", ""},
		// A group of the organisation after a first name is no surname.
		{"Juf Mieke van de Vlindergroep (De Zonnebloem) gaat met verlof", "E004 name low"},
		{"juf Mieke van de Bijenklas, kdv De Zonnebloem", "E004 name low"},
		{"Mieke van de Vlindergroep gaat met verlof", ""},
		{"Mieke uit de Rupsgroep heeft mijn zoon gebeten, De Zonnebloem doet niks", ""}, // a child named by her group
		{"Mieke uit groep 1b van De Zonnebloem heeft mijn zoon gebeten", ""},            // or by her school group's number
		{"juf Mieke van groep 3 van De Zonnebloem", "E004 name low"},                    // who teaches it
		{"Mieke van de Vlinders (De Zonnebloem)", ""},
		// The surname in brackets after the first name; closed, and the
		// whole surname.
		{"Sanne (v.d. Berg) van de opvang", "E001 name low"},
		{"Sanne (van den Berg)", "E001 name low"},
		{"Mieke (Bakker) reageerde met een duim", "E004 name low"}, // a surname of one word, as a nickname stands
		{"Noek (Jansen-de Vries) zei dat", "E002 name low"},
		{"Mieke (Mies) Bakker", "E004 name low"}, // a nickname in brackets
		{"Sanne \u201cvan den Berg\u201d", "E001 name low"},
		{"Sanne (van den Berg", ""},
		{"Sanne (van den Berg-Bos)", ""},
		{"Sanne (van den) Berg", ""},
		{"S.M. (Sanne) van den Berg", "E001 name low"}, // the first name in brackets after initials
		{"Mieke😡Bakker", "E004 name low"},              // an emoji where a space would be
		{"Sanne 🌻 van den Berg", "E001 name low"},
		{"S. (Sanne) de Vries", ""},
		{"Anouk Vries", ""},
		{"Anouk Jansen-Bakker", ""},
		{"Anouk de Vries-Jansen", "E002 name low"}, // the parts the other way
		{"Anouk Janssen", "E002 name low"},         // a part misspelt by a letter
		{"Anouk de Vries-Bakker", ""},
		{"Kees B. van De Zonnebloem", ""},
		{"Kees V. Jansen van De Zonnebloem", ""},
		{"Kees V.", ""},
		{"#kees #zonnebloemen", ""},
		{"Kees V", ""},
		{"de bakker op de hoek", ""},
		{"Vraag het Mieke. Bakker op de hoek weet het", ""},
		{"Mieke bakker op de hoek", ""},
		{"S.v.d.Berg", "E001 name low"}, // no space after the dots
		{"Tom smit", "E010 name low"},   // "smit" is no word any more ("smid" is)
		{"De smit maakte vroeger hoefijzers", ""},
		{"m. bakker", ""},
		// An initial in small letters where the organisation follows the
		// name; not where another follows it, nor without one.
		{"s.v.d.berg van de zonnebloem", "E001 name medium"},
		{"m. bakker van kdv zonnebloem", "E004 name medium"},
		{"s.v.d.berg van de bakkerij, de zonnebloem is dicht", ""},
		{"k. bakker van de zonnebloem", ""}, // her initial is m
		{"s. van den berg", ""},
		{"ik kocht brood bij bakker Visser en vis bij de visser", ""},
		{"Sanne alleen, zonder organisatie", ""},
		{"sanne bij de zonnebloem", ""},
		{"Thomas Smitt", ""},
		{"Jansen, Anouk", ""},
	}
	checkScans(t, d, tests)
}

// A first name with the surname's initial, in a text that does not name
// the organisation, is hers when her town (where she works or lives) or a
// word for what the organisation is follows: low, a reader could not be
// sure.
func TestInitialWithPlace(t *testing.T) {
	d := testDetector(t)
	checkScans(t, d, []scanCase{
		{"Mieke B. (Zeist) heeft weer dienst", "E004 name low"}, // where she works
		{"Kees V. uit Zeist", "E007 name low"},
		{"De rechtbank veroordeelde Kees V. (52) uit Zeist", "E007 name low"}, // the papers' age first
		{"De verdachte, Kees V. (52) uit Utrecht, ontkent", ""},
		{"Sanne van den B. uit Utrecht", "E001 name low"}, // the particles written
		{"Pieter W. van de bso", "E005 name low"},         // the initial of "de Wit"
		{"Pieter W. van het kdv", "E005 name low"},
		{"Pieter W. van de peutergroep", "E005 name low"}, // a daycare's group
		{"Kees V. woont in Zeist", "E007 name low"},       // where he lives, after "woont"
		{"Kees V. lives in Zeist", "E007 name low"},
		{"Kees V. · 1 u · Zeist\nZie je morgen!", "E007 name low"}, // a post's author line: its age, then its place
		{"Kees V. · 1 u · Utrecht", ""},
		{"Kees V. 1 x Zeist", ""},
		{"Kees V. woont in Utrecht", ""},      // another town
		{"Mieke B. uit Utrecht", ""},          // another town
		{"Mieke V. (Zeist)", ""},              // another initial
		{"Mieke B. heeft weer dienst", ""},    // nothing after
		{"Pieter W. van de bakker", ""},       // no word for what the organisation is
		{"Mieke (Zeist) heeft dienst", ""},    // no initial
		{"Mieke van de bso heeft dienst", ""}, // no initial
		// The share of such names a text is read for (readInitial) leaves
		// a list of fifty before hers.
		{strings.Repeat("Pieter Z. uit Zeist\n", 50) + "Mieke B. (Zeist)", "E004 name low"},
		// Without an initial, her town after "uit" or "in" in the same
		// sentence where the text speaks of a job at such a place: a word
		// for its staff, or working and a word for what it is.
		{"De nieuwe leidster heet Mieke en komt uit Zeist", "E004 name low"},
		{"Mieke uit Zeist werkt toch bij de kinderopvang?", "E004 name low"},
		{"Mieke uit Zeist gaat naar de opvang", ""},               // children go there too
		{"juf Mieke uit Zeist", ""},                               // any teacher
		{"De nieuwe leidster heet Mieke en komt uit Utrecht", ""}, // another town
		{"Mieke. Ze komt uit Zeist en werkt bij de opvang", ""},   // another sentence
	})
	for _, c := range []struct {
		words []string
		name  string
		want  int
	}{
		{[]string{"den", "haag", "is"}, "den haag", 2},
		{[]string{"zeist", "is"}, "zeist", 1},
		{[]string{"den"}, "den haag", 0},
		{[]string{"den", "bosch"}, "den haag", 0},
		{[]string{"zeist"}, "", 0},
		{nil, "zeist", 0},
		// Other names of a town, and a long one misspelt by a letter
		// that is no other place.
		{[]string{"utreg", "is"}, "utrecht", 1},
		{[]string{"utr"}, "utrecht", 1}, // its short form, "Utr."
		{[]string{"s", "gravenhage"}, "den haag", 2},
		{[]string{"den", "haag"}, "s gravenhage", 2},
		{[]string{"maarsen"}, "maarssen", 1},
		{[]string{"denhaag"}, "den haag", 1},
		{[]string{"zeis"}, "zeist", 0},           // too short to tell from another
		{[]string{"baarn"}, "barneveld", 0},      // more than a letter
		{[]string{"utrechts"}, "utrecht", 1},     // an adjective of it is its own too
		{[]string{"amersfoort"}, "amersfort", 0}, // a place of its own
	} {
		if got := townAt(c.words, c.name); got != c.want {
			t.Errorf("townAt(%q, %q) = %d, want %d", c.words, c.name, got, c.want)
		}
	}
}

// A surname written loosely (its particles left out, "der" for "den", an
// Arabic article left out) is the employee after her first name, one step
// lower than her name written right; where someone has the surname so,
// it is that person.
func TestLooseSurnames(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name,known_as,phone,email,address,location\n"+
		"E1,Sanne,van den Berg,,,,\"Kerkstraat 12a, 1234 AB Utrecht\",Utrecht\nE2,Rachid,El Idrissi,,,,,\nE3,Anne Marie,'t Hart,,,,,\n"+
		"E4,Lotte,van der Meer,,,,,\nE5,Lotte,Meer,,,,,\n",
		Options{Organisation: []string{"Kinderopvang De Zonnebloem", "De Zonnebloem"}, Threats: []string{"weet waar je woont"}})
	checkScans(t, d, []scanCase{
		{"Sanne Berg", "E1 name low"},
		{"Sanne van der Berg", "E1 name low"},
		{"Rachid Idrissi", "E2 name low"},
		{"Anne Marie Hart", "E3 name low"},
		{"Sanne van den Berg van De Zonnebloem", "E1 name medium"},
		{"Sanne Berg van De Zonnebloem", "E1 name low"},
		{"Sanne Berg, 06-41234567", "E1 name medium"},
		{"Sanne van den Berg, 06-41234567", "E1 name high"},
		{"Sanne Berg, ik weet waar je woont", "E1 name high"},
		// Someone's surname as written is hers, not another's loosely.
		{"Lotte Meer", "E5 name low"},
		{"Lotte van den Meer", "E4 name low"},
		{"Lotte van der Meer", "E4 name low"},
		// Only after her first name, and only where the casing shows a name.
		{"Berg, S.", ""},
		{"S. Berg", ""},
		{"mevrouw Berg van De Zonnebloem", ""},
		{"Sanne berg", ""},
		{"sanne berg", ""},
		{"dat zei jan meer dan eens", ""},
		{"SANNE BERG", "E1 name low"},
		{"Sanne de Berg", ""},
		{"Rachid Al Idrissi", ""},
		// A surname of three or four letters with a letter more or
		// another, after her first name and its particles; not where the
		// text puts its bearer in another town, nor without particles
		// (a surname of its own) or its capital.
		{"Sanne van den Bergh", "E1 name low"},
		{"Sanne van der Bergh", "E1 name low"}, // and the particles written loosely
		{"Sanne van den Burg van De Zonnebloem", "E1 name low"},
		{"Sanne van den Bergh, 06-41234567", "E1 name medium"},
		{"Sanne van den Bergh woont in Utrecht", "E1 name low"},
		{"Sanne van den Bergh woont in Amsterdam", ""},
		{"Sanne van den Bergh uit Zeist", ""},
		{"Sanne Bergh", ""},
		{"Sanne van den bergh", ""},
		{"Sanne van den Be", ""},
		{"Lotte van der Meerr", "E4 name low"},
	})
}

// The excerpt of a name whose severity a threat or a locator raised shows
// those words too, even when they stand far from the name.
func TestExcerptShowsWhatRaisedTheSeverity(t *testing.T) {
	d := testDetector(t)
	filler := strings.Repeat("Het was weer een drukke dag op het plein en iedereen had er wat van te zeggen. ", 4)
	cases := []struct {
		name, text, want string
	}{
		{"threat after", "Sanne van den Berg van De Zonnebloem. " + filler + "Ik weet waar je woont.", "Ik weet waar je woont"},
		{"threat before", "Ik weet waar je woont. " + filler + "Sanne van den Berg, onthoud dat.", "Ik weet waar je woont"},
		{"threat near", "Sanne van den Berg: ik weet waar je woont.", "ik weet waar je woont"},
		// The text is rewritten before it is read (the dash), and the
		// excerpt is still cut from the text as written.
		{"threat after a rewrite", "Sanne van den Berg van De Zonnebloem, seizoen 2024–2025. " + filler + "Ik weet waar je woont.", "Ik weet waar je woont"},
	}
	for _, c := range cases {
		for _, det := range []struct {
			name string
			d    *Detector
		}{{"text", d}, {"image", d.ForImages()}} {
			t.Run(c.name+"/"+det.name, func(t *testing.T) {
				var name *model.Finding
				for _, f := range det.d.Scan(c.text) {
					if f.Kind == model.KindName && f.EmployeeID == "E001" {
						name = &f
					}
				}
				if name == nil || name.Severity != model.High {
					t.Fatalf("name finding: %+v", name)
				}
				if !strings.Contains(name.Excerpt, c.want) {
					t.Errorf("excerpt %q does not show %q", name.Excerpt, c.want)
				}
				if got := name.Excerpt[name.ExcerptStart:name.ExcerptEnd]; got != "Sanne van den Berg" {
					t.Errorf("the match in the excerpt is %q", got)
				}
			})
		}
	}
}

// The e-mail triggers (each "@", each "at" word) are in text order.
func TestEmailTriggersInOrder(t *testing.T) {
	d := testDetector(t)
	text := "@start, mail at gmail dot com or a@b.nl AT home, @@ and at last x@y.nl at"
	s := d.newScan(text, false, false)
	var want []int
	for i := range text {
		if text[i] == '@' || (i+2 <= len(text) && strings.EqualFold(text[i:i+2], "at") &&
			(i == 0 || text[i-1] == ' ') && (i+2 == len(text) || text[i+2] == ' ')) {
			want = append(want, i)
		}
	}
	if !slices.Equal(s.emailTriggers, want) {
		t.Errorf("triggers %v, want %v", s.emailTriggers, want)
	}
}

// TestAhead: a list is grown toward what the whole text needs at the rate
// read so far, never past eight times its length, and left alone when it
// has the room.
func TestAhead(t *testing.T) {
	tests := []struct {
		len, cap, read, total int
		atLeast, atMost       int
	}{
		{len: 10, cap: 10, read: 100, total: 200, atLeast: 20, atMost: 40},     // the rate: 20
		{len: 10, cap: 10, read: 100, total: 10_000, atLeast: 80, atMost: 160}, // eight times, not 1,000
		{len: 10, cap: 500, read: 100, total: 1_000, atLeast: 500, atMost: 500},
		{len: 0, cap: 0, read: 100, total: 1_000, atLeast: 0, atMost: 0},
	}
	for _, tt := range tests {
		list := make([]int, tt.len, tt.cap)
		for i := range list {
			list[i] = i
		}
		got := ahead(list, tt.read, tt.total)
		if cap(got) < tt.atLeast || cap(got) > tt.atMost || len(got) != tt.len || tt.len > 0 && got[tt.len-1] != tt.len-1 {
			t.Errorf("ahead(len %d cap %d, %d of %d read): len %d cap %d, want cap in [%d, %d] and the list kept",
				tt.len, tt.cap, tt.read, tt.total, len(got), cap(got), tt.atLeast, tt.atMost)
		}
	}
}

// TestDoubleSurnameParts: either surname of a double one stands for its
// bearer, unless someone's whole surname stands there.
func TestDoubleSurnameParts(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nE1,Noor,de Vries\nE2,Noor,Jansen-de Vries\nE3,Anouk,Jansen-de Vries\nE4,Bas,van der Meer-Bos\n", Options{})
	checkScans(t, d, []scanCase{
		{"Noor de Vries", "E1 name low"},
		{"Noor Jansen-de Vries", "E2 name low"},
		{"Noor Jansen", "E2 name low"},
		{"Anouk de Vries", "E3 name low"},
		{"Anouk Jansen", "E3 name low"},
		{"Jansen, Anouk", ""}, // reversed, only the whole surname
		{"Anouk Jansen-Bakker", ""},
		{"Anouk de Vries-Jansen", "E3 name low"}, // the parts the other way
		{"Bas Bos-van der Meer", "E4 name low"},
		{"Anouk de Vries-Bakker", ""},
		{"Bas van der Meer", "E4 name low"},
		{"Bas Bos", "E4 name low"},
		{"Bas bos", ""}, // a common surname in lower case is a word
		{"B. Bos", "E4 name low"},
		// Written as one word or joined by a dot, as handles and hashtags
		// write them: a part only where no whole name stands so.
		{"#NoordeVries", "E1 name low"},
		{"noor.devries", "E1 name low"},
		{"#NoorJansen", "E2 name low"},
		{"noor_jansen", "E2 name low"},
		{"#AnoukdeVries", "E3 name low"},
		{"@anouk.jansen", "E3 name low"},
		{"@bas_vdmeer", "E4 name low"},
		{"#BasBos", "E4 name low"},
	})
}

// TestSurnameSpellings: the other ways people spell a surname, which
// count where the roster's own spelling of someone's does not stand.
func TestSurnameSpellings(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nE1,Femke,Wijnands\nE2,Yusuf,Öztürk\nE3,Noor,Dyk\nE4,Noor,Dijk\nE5,Sanne,van den Berg\nE6,Fatima,El Amrani\n", Options{})
	checkScans(t, d, []scanCase{
		{"Femke Wynands", "E1 name low"},
		{"F. Wynands", "E1 name low"},
		{"Yusuf Oeztuerk", "E2 name low"},
		{"Yusuf Ozturk", "E2 name low"},
		{"Noor Dyk", "E3 name low"}, // the roster's Dyk, not also Dijk spelt so
		{"Noor Dijk", "E4 name low"},
		{"Sanne Vandenberg", "E5 name low"},
		{"Fatima Elamrani", "E6 name low"},
		{"Fatima El-Amrani", "E6 name low"},
		{"Femke Wynand", ""},
	})
}

func TestKindNames(t *testing.T) {
	for _, tt := range []struct {
		names      []string
		has, hasNo []string
	}{
		{[]string{"Kinderopvang De Zonnebloem", "KDV Zonnebloem"}, []string{"bso zonnebloem", "bso de zonnebloem", "zonnebloem daycare", "opvang zonnebloem"}, []string{"school zonnebloem", "kdv de"}},
		{[]string{"Basisschool 't Hofje"}, []string{"school hofje", "school t hofje", "hofje primary school"}, []string{"kdv hofje"}},
		{[]string{"Gemeente Houten"}, []string{"houten municipality"}, []string{"school houten"}},
		{[]string{"De Zonnebloem"}, nil, []string{"kdv zonnebloem"}},                        // no word for what it is
		{[]string{"Kinderopvang Utrecht"}, nil, []string{"bso utrecht", "utrecht daycare"}}, // a place: any in the town
	} {
		before, after := kindNames(tt.names)
		got := before
		for _, ph := range after {
			got = append(got, strings.Join(slices.Concat(ph.words, ph.then), " "))
		}
		for _, w := range tt.has {
			if !slices.Contains(got, w) {
				t.Errorf("kindNames(%q) lacks %q: %q", tt.names, w, got)
			}
		}
		for _, w := range tt.hasNo {
			if slices.Contains(got, w) {
				t.Errorf("kindNames(%q) has %q", tt.names, w)
			}
		}
	}
}

// TestOrgTypos: the organisation's own words misspelt by a letter, not
// its words for what it is, nor short words, whose variants are other words.
func TestOrgTypos(t *testing.T) {
	got := orgTypos([]string{"Kinderopvang De Zonnebloem", "Het Vlindertje", "BSO Rups"})
	for _, w := range []string{"kinderopvang de zonneblom", "kinderopvang de zonnebleom", "kinderopvang de onnebloem", "het vlindrtje", "het vlindetrje",
		"kinderopvang de zonnenbloem", "kinderopvang de zonnebloeem"} {
		if !slices.Contains(got, w) {
			t.Errorf("orgTypos lacks %q", w)
		}
	}
	for _, w := range []string{"kinderopvang de zonnebloem", "kindropvang de zonnebloem", "kinderopvang d zonnebloem", "bso rup", "het vlindertje",
		"het vlindertjes"} {
		if slices.Contains(got, w) {
			t.Errorf("orgTypos has %q", w)
		}
	}
	if n := len(got); n != len(slices.Compact(slices.Sorted(slices.Values(got)))) {
		t.Errorf("orgTypos has duplicates: %q", got)
	}
	checkScans(t, testDetector(t), []scanCase{
		{"juf Sanne van de Zonneblom", "E001 name low"},
		{"juf Sanne van De Zonnebleom", "E001 name low"},
		{"juf Sanne van de Zonnenbloem", "E001 name low"}, // a letter too many
		{"juf Sanne van de Zonnebloemm", "E001 name low"}, // its last doubled; not a letter after it ("Vlindertjes", a plural)
		// The own name alone, misspelt, with its capital as it needs.
		{"Zonneblom in Utrecht: juf Sanne is echt niet aardig", "E001 name low"},
		{"zonneblom in Utrecht: juf Sanne is echt niet aardig", ""},
	})
}

func TestDiminutives(t *testing.T) {
	for first, want := range map[string]string{
		"sanne": "sannetje",
		"kees":  "keesje",
		"daan":  "daantje",
		"tom":   "tommetje",
		"kim":   "kimpje",
		"mieke": "miekske",
		"anouk": "anoukske",
		"bram":  "bramke",
	} {
		if got := diminutives(first); !slices.Contains(got, want) {
			t.Errorf("diminutives(%q) = %q, lacks %q", first, got, want)
		}
	}
	// Found at those words, but they are not first names.
	d := testDetector(t)
	for w, want := range map[string]bool{"sanne": true, "sannetje": false, "sannes": false, "anne": true} {
		if got := d.isFirstName(w); got != want {
			t.Errorf("isFirstName(%q) = %v", w, got)
		}
	}
}

// TestNotWordBefore: the quick test before a phrase's last word is sure
// only where the full check (wordsEndAt) could not match.
func TestNotWordBefore(t *testing.T) {
	for _, tt := range []struct {
		text, want string
		sure       bool
	}{
		{"we komen langs", "komen", false},
		{"we gaan langs", "komen", true},
		{"langs", "komen", true},            // no word before
		{"we komen. Langs", "komen", true},  // a sentence ends between
		{"we komen\nlangs", "komen", true},  // a line ends between
		{"we komen, langs", "komen", false}, // a comma may stand in a phrase
		{"we kómen langs", "komen", false},  // not a plain word: the full check decides
		{"\"komen\" langs", "komen", false}, // not a plain word before the quote
		{"v.d. zonnebloem", "d", false},     // a letter that shortens a word
		{"plan b. zonnebloem", "d", true},
	} {
		pos := strings.LastIndexAny(tt.text, " \n") + 1 // the phrase's last word
		if got := notWordBefore(tt.text, pos, tt.want); got != tt.sure {
			t.Errorf("notWordBefore(%q, %q) = %v", tt.text, tt.want, got)
		}
	}
}

// TestNamesAsListsAndMarriagesWriteThem: the orders of official lists,
// and a partner's name before one's own.
func TestNamesAsListsAndMarriagesWriteThem(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nE1,Łukasz,Kowalczyk\nE2,Priya,Ramdin\nE3,Sanne,van den Berg\nE4,Noor,de Vries\nE5,Noor,Jansen\nE6,Mohamed,Benali\nE7,Rachid,El Idrissi\nE8,Piet,Janssen\n", Options{Organisation: []string{"Kinderopvang De Zonnebloem", "De Zonnebloem"}})
	checkScans(t, d, []scanCase{
		{"KOWALCZYK Łukasz", "E1 name low"},
		{"VAN DEN BERG Sanne", "E3 name low"},
		{"Benali M. (groep 2)", "E6 name low"}, // no comma, as class lists write names
		{"Benali M.", "E6 name low"},
		{"El Idrissi R. (kdv)", "E7 name low"}, // a surname of two words
		{"El Idrissi M.", ""},                  // another's initial
		// Sorted full names, also misspelt: the quick test before each
		// person's surname is read lets them through.
		{"El Idrisi, Rachid", "E7 name low"},
		{"Owalczyk, Łukasz", "E1 name low"},
		{"Jansens, Noor", "E5 name low"},
		{"Janssen, Noor", ""}, // someone's surname, not a typo of hers
		// First names spelt from Arabic another way.
		{"Mohammad Benali", "E6 name low"},
		{"Rashid El Idrissi", "E7 name low"},
		{"Rashid Benali", ""},
		// Surname first in small letters, as a search or a list of tags
		// types a name; not a surname that is also a word.
		{"ramdin priya", "E2 name low"},
		{"el idrissi rachid", "E7 name low"},
		{"ramdin noor", ""},
		{"Van den Berg S. en Benali M.", "E3 name low; E6 name low"},
		{"Benali K.", ""},
		{"benali m.", ""},
		{"Benali M", ""},
		{"Berg, S. van den", "E3 name low"}, // the particles after the initials, as official lists put them
		{"Berg, S.M. van den (groepsleiding)", "E3 name low"},
		{"Berg, S. v.d.", "E3 name low"},
		{"Berg, S. van der", ""},
		{"Berg, S.; van den Broek, T.", ""},
		{"Kowalczyk, Ł.", "E1 name low"},
		{"Kowalczyk Łukasz", ""},            // without capitals or a comma the order is not sure
		{"KOWALCZYK ŁUKASZ", "E1 name low"}, // alone on its line, as a list in capitals writes it
		{"KOWALCZYK ŁUKASZ ZEI HET", ""},
		{"pan Kowalczyk z przedszkola De Zonnebloem", "E1 name medium"},
		{"Frau Kowalczyk von der Zonnebloem Kita", "E1 name medium"},
		{"Madame Kowalczyk de la crèche Zonnebloem", "E1 name medium"},
		{"Madame Kowalczyk", ""}, // a title alone names someone only where the organisation is named
		{"Priya Sewdien-Ramdin", "E2 name low"},
		{"Sanne Bakker-van den Berg", "E3 name low"},
		{"Sanne de Groot-van den Berg", "E3 name low"}, // the partner's name with its particle
		{"Sanne van der Groot-van den Berg", "E3 name low"},
		{"Sanne de Groot-Jansen", ""},
		{"Sanne Vandenberg-Jansen", "E3 name low"}, // spelt otherwise, a partner's name after it
		{"Sanne van den Berg-Jansen", "E3 name low"},
		{"Noor Jansen-de Vries", "E5 name low"}, // Noor Jansen, married: not also Noor de Vries's partner's name
		{"Priya Sewdien", ""},
	})
}

// TestNearIndex: in a group of many refs, the refs nearest gives are all
// those mayStandBefore takes, and few of the others: a sorted list of
// common first names reads only those.
func TestNearIndex(t *testing.T) {
	surnames := []string{"Jansen", "Janssen", "de Vries", "van den Berg", "El Idrissi", "Bos", "Kowalczyk", "Öztürk",
		"Ait Taleb", "Visser", "Smit", "Smits", "Bakker", "de Jong", "Hendriks", "Meijer"}
	var csv strings.Builder
	csv.WriteString("id,first_name,last_name\n")
	for i := range 3 * nearMin {
		fmt.Fprintf(&csv, "F%d,Fatima,%s%s\n", i, surnames[i%len(surnames)], strings.Repeat("a", i/len(surnames)))
	}
	d := newDetector(t, csv.String(), Options{})
	g := d.keys["fatima"].firsts[0]
	if len(g.refs) < nearMin {
		t.Fatalf("%d refs, want %d or more", len(g.refs), nearMin)
	}
	// Each surname's first word, and every word one edit from it.
	words := map[string]bool{"de": true, "el": true, "ait": true, "x": true}
	for _, r := range g.refs {
		c := r.core
		words[c], words[c+"s"] = true, true
		for k := range len(c) + 1 {
			words[c[:k]+"x"+c[k:]] = true
			if k < len(c) {
				words[c[:k]+c[k+1:]] = true
				words[c[:k]+"x"+c[k+1:]] = true
			}
			if k+1 < len(c) {
				words[c[:k]+c[k+1:k+2]+c[k:k+1]+c[k+2:]] = true
			}
		}
	}
	s := &scan{d: d}
	for w := range words {
		for _, text := range []string{w + ", Fatima", w + " den Berg, Fatima", "El " + w + ", Fatima"} {
			toks := fold.Tokens(text, 0)
			i := slices.IndexFunc(toks, func(t fold.Token) bool { return t.Text == "fatima" })
			if !s.nearest(g, toks, i) {
				t.Fatal("a group of many refs is not indexed")
			}
			if len(s.near) > len(g.refs)/4 {
				t.Errorf("%q: %d refs of %d near", text, len(s.near), len(g.refs))
			}
			for p, r := range g.refs {
				if s.mayStandBefore(r, toks, i) && !slices.Contains(s.near, int32(p)) {
					t.Errorf("%q: %s's ref not near", text, d.people[r.emp].id)
				}
			}
		}
	}
	checkScans(t, d, []scanCase{
		{"Jasnen, Fatima", "F0 name low"},
		{"El Idrisi, Fatima", "F4 name low"},
		{"Kowalczik, Fatima", "F6 name low"},
		{"Janssen, Fatima", "F1 name low"}, // not also Fatima Jansen's typo
	})
}

// TestFirstNamesWaitForTheWholeText: a first name alone is scored at the
// end of the text, however many names come between: a later namesake
// ("een andere Sanne") makes it no one's, and a name in an e-mail address
// written in words does not crowd it out.
func TestFirstNamesWaitForTheWholeText(t *testing.T) {
	d, _ := evalDetector(t)
	other := strings.Repeat("Bram van Leeuwen. ", scoreBatch+10) // scored as they come
	first := "Sanne zei het al, typisch Zonnebloem. "
	for _, tc := range []struct {
		text      string
		want, not []string
	}{
		{other + first + other + "Sanne de Vries, een andere Sanne. ", []string{"E013 name"}, []string{"E001"}},
		{other + first + other + "Mail femke punt wijnands at gmail punt com", []string{"E001 name low", "E020 name high"}, nil},
	} {
		got := summary(d.ScanAll(tc.text))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("ScanAll(%q) = %q, want %q", tc.text[len(tc.text)-60:], got, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("ScanAll(%q) = %q, want no %q", tc.text[len(tc.text)-60:], got, n)
			}
		}
	}
}

// TestOthersBounded: ScanAll lists at most maxOthers other places in all
// its findings; a finding past that says it has more.
func TestOthersBounded(t *testing.T) {
	d := testDetector(t)
	sanne := "Sanne van den Berg\n"
	for _, tc := range []struct {
		sannes                     int
		wantOthers                 int
		wantSanneCut, wantMiekeCut bool
	}{
		{sannes: 10, wantOthers: 9},
		{sannes: maxOthers + 1, wantOthers: maxOthers, wantMiekeCut: true}, // Mieke's second place is past the bound
		{sannes: maxOthers + 3, wantOthers: maxOthers, wantSanneCut: true, wantMiekeCut: true},
	} {
		fs := d.ScanAll(strings.Repeat(sanne, tc.sannes) + "Mieke Bakker\nMieke Bakker\n")
		got := map[string]model.Finding{}
		for _, f := range fs {
			got[f.EmployeeID] = f
		}
		s, m := got["E001"], got["E004"]
		if len(s.Others) != tc.wantOthers || s.OthersCut != tc.wantSanneCut || m.OthersCut != tc.wantMiekeCut {
			t.Errorf("%d times: Sanne %d others, cut %v; Mieke %d others, cut %v; want %d, %v, %v", tc.sannes,
				len(s.Others), s.OthersCut, len(m.Others), m.OthersCut, tc.wantOthers, tc.wantSanneCut, tc.wantMiekeCut)
		}
		if !tc.wantMiekeCut && len(m.Others) != 1 || s.Others[len(s.Others)-1][0] != (len(s.Others))*len(sanne) {
			t.Errorf("%d times: the places listed are not the first in order: Mieke %v, Sanne's last %v", tc.sannes, m.Others, s.Others[len(s.Others)-1])
		}
	}
	// A place two forms name someone at (a title with the surname, and the
	// surname near the organisation) is listed once.
	ed, _ := evalDetector(t)
	line := "mevr. Dijkstra van kdv de zonnebloem reageert nooit\n"
	fs := ed.ScanAll(line + line)
	n := len(line)
	if want := [][2]int{{6, 14}, {n, n + 14}, {n + 6, n + 14}}; len(fs) != 1 || !slices.Equal(fs[0].Others, want) {
		t.Errorf("ScanAll(%q twice) = %v, want others %v", line, fs, want)
	}
}

// TestAnchorList: anchors pushed are read back in order across blocks,
// and search finds the first at or after a place.
func TestAnchorList(t *testing.T) {
	e := &entry{}
	for _, n := range []int{0, 1, anchorBlock, 3*anchorBlock + 5} {
		var l anchorList
		for i := range n {
			l.push(2*i, 2*i+1, e)
		}
		if l.len() != n {
			t.Fatalf("%d pushed, len %d", n, l.len())
		}
		for i := range n {
			if h := l.at(i); h != (anchorHit{2 * i, 2*i + 1, e}) || l.startOf(i) != 2*i {
				t.Fatalf("%d pushed: at(%d) = %v", n, i, h)
			}
		}
		for _, pos := range []int{-1, 0, 1, 2, 2*anchorBlock - 1, 2 * anchorBlock, 2*n - 1, 2 * n} {
			if got, want := l.search(pos), min(n, max(0, (pos+1)/2)); got != want {
				t.Errorf("%d pushed: search(%d) = %d, want %d", n, pos, got, want)
			}
		}
		kept := l.emptied()
		if kept.len() != 0 || (n > 0 && n <= anchorBlock) != (len(kept.blocks) == 1) {
			t.Errorf("%d pushed: emptied keeps %d blocks", n, len(kept.blocks))
		}
	}
}

// TestWaitingFirst: a first name alone waits in less room and comes back
// the same match.
func TestWaitingFirst(t *testing.T) {
	g := &firstGroup{words: []string{"sanne"}}
	s := &scan{}
	for _, m := range []nameMatch{
		{emp: -1, start: 10, end: 15, form: formFirst, group: g},
		{emp: -1, start: 1 << 24, end: 1<<24 + 5, form: formFirst, group: g, initial: 'b', particle: 'v', skip: []int{3, 7}},
		{emp: -1, start: 20, end: 25, form: formFirst, group: g, skip: []int{1}},
	} {
		if got := s.unwait(s.wait(m)); !reflect.DeepEqual(got, m) {
			t.Errorf("unwait(wait(%+v)) = %+v", m, got)
		}
	}
	if size := unsafe.Sizeof(waitingFirst{}); size > 24 {
		t.Errorf("a waiting first name takes %d bytes", size)
	}
}

func TestWithinTwoEdits(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"sanne", "sanne", true}, {"sana", "sanne", true}, {"san", "sanne", true}, {"sa", "sanne", false},
		{"snane", "sanne", true}, {"kes", "kees", true}, {"noor", "noek", true}, {"anna", "kees", false},
		{"abcdef", "badcfe", false}, {"", "ab", true}, {"", "abc", false},
	} {
		if got := withinTwoEdits(tc.a, tc.b); got != tc.want || withinTwoEdits(tc.b, tc.a) != tc.want {
			t.Errorf("withinTwoEdits(%q, %q) = %v, want %v (either way)", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestHashIndex: every key is found by its hash and nothing else is; two
// keys of one hash make the index ambiguous, and the scan then reads the
// map of words, with the same findings.
func TestHashIndex(t *testing.T) {
	d := testDetector(t)
	for k, e := range d.keys {
		if got := d.byHash.find(fold.HashString(k)); got != e {
			t.Fatalf("find(%q) is not its entry", k)
		}
	}
	for _, w := range []string{"zonnebloemen", "sannes2", "gisteren", ""} {
		if d.keys[w] == nil && d.byHash.find(fold.HashString(w)) != nil {
			t.Errorf("find(%q) found an entry", w)
		}
	}
	x := newHashIndex(2)
	x.add(7, &entry{})
	if x.add(7, &entry{}); !x.ambiguous {
		t.Error("two keys of one hash did not make the index ambiguous")
	}
	texts := []string{"Sanne van den Berg woont op Kerkstraat 12a", "#SannevandenBerg en juf Mieke van De Zonnebloem", "@sannevdberg82"}
	var want []string
	for _, text := range texts {
		want = append(want, summary(d.Scan(text)))
	}
	d.byHash.ambiguous = true
	for i, text := range texts {
		if got := summary(d.Scan(text)); got != want[i] || got == "" {
			t.Errorf("Scan(%q) with the map = %q, with the hash index %q", text, got, want[i])
		}
	}
}

// TestGroupsLookUpBySurnameKeys checks what forwardForms leans on: a first
// name's group is looked up only by words that are a surname's key, so a
// word that is none is no one's surname after that first name.
func TestGroupsLookUpBySurnameKeys(t *testing.T) {
	d, _ := evalDetector(t)
	real := mustRoster(genRealRoster(rand.New(rand.NewPCG(5, 6)), 2000))
	dr, err := New(real, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*Detector{d, dr} {
		groups := 0
		for _, e := range d.keys {
			for _, g := range e.firsts {
				groups++
				for core := range g.byCore {
					if !d.isSurname(core) {
						t.Errorf("group %q is looked up by %q, no surname's key", g.words, core)
					}
				}
			}
		}
		if groups == 0 {
			t.Fatal("no first names indexed")
		}
	}
}

// TestTransliterations: a first name spelt from Arabic or Turkish another
// way is the employee's, unless someone has that spelling with that
// surname.
func TestTransliterations(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nE1,Yusuf,Öztürk\nE2,Youssef,Öztürk\nE3,Fatima,Koç\nE4,Lucas,Jansen\n", Options{})
	checkScans(t, d, []scanCase{
		{"Youssef Öztürk", "E2 name low"}, // the one so spelt
		{"Yusuf Öztürk", "E1 name low"},
		{"Yousef Öztürk", "E1 name low; E2 name low"}, // neither so spelt
		{"Fatma Koç", "E3 name low"},
		{"Fatma Jansen", ""},
	})
}

// TestWordSet holds the set's quick test by length and first byte to the
// map behind it: a word is in the set exactly when the map has it, also
// for words that share a length and a first byte with a member, and for
// words longer than the quick test tells apart.
func TestWordSet(t *testing.T) {
	set := setOf("van", "de", "t", "onderwijsassistente", "pedagogisch-medewerker")
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"van", true},
		{"de", true},
		{"t", true},
		{"onderwijsassistente", true},
		{"pedagogisch-medewerker", true},
		{"", false},
		{"vos", false},                     // length and first byte of "van"
		{"da", false},                      // of "de"
		{"s", false},                       // one byte, another
		{"onderwijsassistentes", false},    // longer than the quick test tells: the map decides
		{"pedagogisch-medewerkers", false}, // the same
		{"VAN", false},                     // folded words only
		{"vanden", false},
	} {
		if got := set.has(tc.word); got != tc.want {
			t.Errorf("has(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}

// TestSharedSurnames: a surname alone names someone only where at most
// maxShared people of the roster have it; a first name before it names
// her however many share it.
// A short surname misspelt right after a first name is hers only where
// the organisation is named right after it; not where the word is a first
// name, as at the end of a list of first names.
func TestShortSurnameTypoBeforeOrg(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name,known_as,phone,email,address,location\n"+
		"T0,Tom,Smit,,,,,Utrecht\nP0,Petra,Dam,,,,,Utrecht\nK0,Kees,Visser,,,,,Utrecht\nD0,Dan,Bos,,,,,Utrecht\n",
		Options{Organisation: []string{"Kinderopvang De Zonnebloem"}})
	checkScans(t, d, []scanCase{
		{"Tom Smith from Zonnebloem", "T0 name low"},
		{"Tom Smith (Zonnebloem)", "T0 name low"},
		{"Tom Smith", ""},
		{"Tom Smith uit Zonnebloem", ""},
		{"Petra Dom (Zonnebloem)", "P0 name low"},
		{"Petra Dan (Zonnebloem)", "D0 name low"}, // Dan is a first name: two people, she not one of them
		// The organisation's own name alone after "van" or "from", as in
		// brackets, after a surname alone.
		{"Visser from Zonnebloem", "K0 name medium"},
	})
}

func TestSharedSurnames(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("id,first_name,last_name,known_as,phone,email,address,location\n")
	firsts := []string{"Anna", "Bea", "Carla", "Dirk", "Evert", "Frits", "Gijs"}
	for i, f := range firsts[:maxShared+1] {
		fmt.Fprintf(&csv, "H%d,%s,Hoekstra,,,,,Utrecht\n", i, f)
	}
	for i, f := range firsts[:2] {
		fmt.Fprintf(&csv, "K%d,%s,Kowalczyk,,,,,Utrecht\n", i, f)
	}
	// A word that starts surnames many share and one few do: each is
	// counted as itself.
	for i, f := range firsts[:maxShared+1] {
		fmt.Fprintf(&csv, "B%d,%s,Berg,,,,,Utrecht\n", i, f)
	}
	csv.WriteString("V0,Sanne,van den Berg,,,,,Utrecht\n")
	d := newDetector(t, csv.String(), Options{Organisation: []string{"Kinderopvang De Zonnebloem"}})
	for _, tc := range []struct{ text, want string }{
		{"Hoekstra heeft weer eens geen tijd, typisch Zonnebloem", ""},
		{"Hoekstra (Zonnebloem) heeft geen tijd", ""},
		{"Kowalczyk heeft weer eens geen tijd, typisch Zonnebloem", "K0 name low; K1 name low"},
		{"Kowalczyk (Zonnebloem) heeft geen tijd", "K0 name medium; K1 name medium"},
		{"Gijs Hoekstra", ""},
		{"Frits Hoekstra (Zonnebloem)", "H5 name medium"},
		{"mevrouw Hoekstra van De Zonnebloem", ""},
		{"mevrouw Kowalczyk van De Zonnebloem", "K0 name medium; K1 name medium"},
		{"F. Hoekstra van De Zonnebloem", "H5 name medium"},
		{"Hoekstra, F. (Zonnebloem)", "H5 name medium"},
		{"Hoekstra, B.C. (Zonnebloem)", "H1 name medium; H2 name medium"},
		{"Van den Berg heeft geen tijd, typisch Zonnebloem", "V0 name low"},
		{"Berg heeft geen tijd, typisch Zonnebloem", ""},
		{"Berg heet ie, typisch Zonnebloem", ""},
		{"mevrouw Berg heet ie, van De Zonnebloem", ""}, // read for each Berg (heet ie), still a title's form
	} {
		if got := summary(d.Scan(tc.text)); got != tc.want {
			t.Errorf("Scan(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestEqualNamesKeepTheFirst: a name found twice with equal severity is
// found where the text gives it first, with the other place beside it,
// though names are scored as they are found and first names alone only
// at the end of the text (scoreSoFar).
func TestEqualNamesKeepTheFirst(t *testing.T) {
	d, _ := evalDetector(t)
	// Another's name, over and over, after the text and before it: more
	// than scoreBatch matches each, so that the text's names are scored
	// while others wait.
	other := strings.Repeat("Bram van Leeuwen. ", scoreBatch+10)
	for _, tc := range []struct {
		text, reason string
		at, other    [2]int
	}{
		// The first name alone first, scored last.
		{"Sanne zei het al. Later zei Sanne Berg van De Zonnebloem het weer. ", "first name with the organisation named", [2]int{0, 5}, [2]int{28, 38}},
		// The loose name first, scored first.
		{"Sanne Berg zei het al. Later zei Sanne het weer, van De Zonnebloem. ", "name written loosely, with the organisation named", [2]int{0, 10}, [2]int{33, 38}},
	} {
		for _, text := range []string{tc.text, other + tc.text + other} {
			var f *model.Finding
			for _, g := range d.ScanAll(text) {
				if g.EmployeeID == "E001" {
					f = &g
				}
			}
			off := strings.Index(text, tc.text)
			if f == nil {
				t.Fatalf("ScanAll(%q...): no finding of E001", text[:min(len(text), 40)])
			}
			if f.Reason != tc.reason || [2]int{f.Start - off, f.End - off} != tc.at || len(f.Others) != 1 || f.Others[0] != [2]int{tc.other[0] + off, tc.other[1] + off} {
				t.Errorf("ScanAll(%q) at %d: %q at %d-%d, others %v; want %q at %v, others [%v]", tc.text, off, f.Reason, f.Start-off, f.End-off, f.Others, tc.reason, tc.at, tc.other)
			}
		}
	}
}

// TestInitialsAtOrg: initials alone before the organisation's name, a
// first name's and a surname's, or a first name's after a title, name each
// of the few who have them, low; not where many do, nor one initial
// without a title, nor three, nor before another organisation.
func TestInitialsAtOrg(t *testing.T) {
	checkScans(t, testDetector(t), []scanCase{
		{"S.B. van De Zonnebloem", "E001 name low"},
		{"juf S. van de zonnebloem", "E001 name low"},
		{"A.J. van De Zonnebloem", "E002 name low"},
		{"juf A. van De Zonnebloem", "E002 name low; E006 name low"},
		{"S. van De Zonnebloem", ""},
		{"K.O.V. van De Zonnebloem", ""},
		{"S.B. van De Regenboog", ""},
		{"S.B. van de bakker", ""},
		{"K.S.B. van De Zonnebloem", ""},
		{"hoi S. van De Zonnebloem", ""},
		{"S.B. over De Zonnebloem", ""},
		{"De Zonnebloem zegt: S.B. van een zonnebloem", ""},
		{"P. van Dam en S.B. over De Zonnebloem", ""},
		{"s.b. van De Zonnebloem", ""}, // in small letters: an abbreviation's ("i.v.m.")
		{"S B. van De Zonnebloem", ""},
		// Of those who have them, the one the text names otherwise is the
		// one meant, wherever it names her.
		{"Anouk Jansen belde. Juf A. van De Zonnebloem dus", "E002 name medium"},
		{"Juf A. van De Zonnebloem, Anne Marie 't Hart dus", "E006 name medium"},
		{"Juf Anouk of juf A. van De Zonnebloem", "E002 name low"},
		{"Juf A. van De Zonnebloem en Pieter de Wit", "E002 name low; E006 name low; E005 name medium"},
	})
	d := crowdDetector(t, "E1,Yusuf,Öztürk\n", "S%d,Sanne,Bakker%c\n")
	checkScans(t, d, []scanCase{
		{"Y.Ö. van De Zonnebloem", "E1 name low"},
		{"S.B. van De Zonnebloem", ""}, // six have them: no one could tell who
	})
}

// TestNamesInMockery: a first name stretched before her surname, as angry
// or cheerful posts write it, and her surname as a diminutive where the
// organisation is named, are hers (low); not another first name
// stretched, nor a word that only starts like her surname.
func TestNamesInMockery(t *testing.T) {
	checkScans(t, testDetector(t), []scanCase{
		{"Sanneeee van den Berg", "E001 name low"},
		{"Keeeees Visser", "E007 name low"},
		{"Miiiieke Bakker, 0612121212", "E004 name high; E004 phone critical"},
		{"Kaaaas Visser", ""},
		{"juf Mieke Bakkertje van De Zonnebloem", "E004 name low"},
		{"Kees Vissertje (Zonnebloem)", "E007 name low"},
		{"Pieter de Witje van De Zonnebloem", "E005 name low"},
		{"Mieke Bakkertje", ""},
		{"juf Mieke Bakkerij van De Zonnebloem", ""},
	})
}

// TestCodesAtOrg: a code of initials as an office writes it (a paraf),
// where the organisation is named, names each of the few who have it,
// low: with its capitals where they are, or all in capitals; not in
// small letters, nor with its capitals elsewhere, nor a code of capitals
// alone (an abbreviation as often), nor without the organisation.
func TestCodesAtOrg(t *testing.T) {
	checkScans(t, testDetector(t), []scanCase{
		{"Rooster De Zonnebloem: ma SvdB/PdW, di AJdV", "E001 name low; E005 name low; E002 name low"},
		{"Gewijzigd door SVDB (Kinderopvang De Zonnebloem)", "E001 name low"},
		{"AMtH heeft de directie van De Zonnebloem", "E006 name low"},
		{"IvdMdB (Zonnebloem), Prins Hendriklaan 55", "E009 name low; E009 address critical"},
		{"Sanne van den Berg (SvdB) van De Zonnebloem", "E001 name medium"},
		{"SvdB", ""},
		{"svdb van De Zonnebloem", ""},
		{"SvDB van De Zonnebloem", ""},
		{"PDW van De Zonnebloem", ""},
		{"MB van De Zonnebloem", ""},
	})
	d := crowdDetector(t, "", "S%d,Sanne,van den Berg%c\n")
	checkScans(t, d, []scanCase{
		{"SvdB van De Zonnebloem", ""}, // six have it: no one could tell who
	})
}

// crowdDetector is a detector for De Zonnebloem over the roster rows
// first and then one more than maxShared people, each a row of format
// (its id's number and a letter that sets their surnames apart), who
// share what a reader could not tell them apart by.
func crowdDetector(t *testing.T, first, format string) *Detector {
	var roster strings.Builder
	roster.WriteString("id,first_name,last_name\n" + first)
	for i := range maxShared + 1 {
		fmt.Fprintf(&roster, format, i, 'a'+i)
	}
	return newDetector(t, roster.String(), Options{Organisation: []string{"De Zonnebloem"}})
}

// TestNamesAcrossCells: a row of an export or a spreadsheet gives the
// first name and the surname in cells of their own ("Sanne,van den
// Berg", quoted as CSV quotes them, or after a semicolon); not a first
// name in prose with a comma after it, nor cells that do not start a row
// or follow a cell.
func TestNamesAcrossCells(t *testing.T) {
	checkScans(t, testDetector(t), []scanCase{
		{"voornaam,achternaam,mobiel\nSanne,van den Berg,06-12345678", "E001 name high; E001 phone critical"},
		{"Mieke;Bakker;Zeist", "E004 name low"},
		{"Anne Marie,'t Hart,Rotterdam", "E006 name low"},
		{`"Anne Marie";"'t Hart";"Rotterdam"`, "E006 name low"},
		{"\"Kees\",\"Visser\",\"Dorpsweg\",\"3\",\"Zeist\"", "E007 name high; E007 address critical"},
		{"E004,Mieke,Bakker,0612121212", "E004 name high; E004 phone critical"},
		{"Sanne,van den Berg,Kerkstraat,12a,1234 AB,Utrecht", "E001 name high; E001 address critical"},
		{"Anouk,Jansen-de Vries,+31 6 23456789", "E002 name high; E002 phone critical"}, // not a link's "+" for a space
		{"https://www.google.com/maps/place/Kerkstraat+12a,+1234+AB+Utrecht", "E001 address critical"},
		{"Hoi Sanne,Bakker hier", ""},
		{"Mieke, Bakker", ""},
		{"Mieke,bakker", ""},
	})
}

// TestFirstNameOfOneNamed: a first name alone that several employees
// have, where the organisation is named, is each of theirs (low), but
// where the text names one of them otherwise, before or after, hers.
func TestFirstNameOfOneNamed(t *testing.T) {
	d := newDetector(t, "id,first_name,last_name\nS1,Sanne,Bakker\nS2,Sanne,Visser\nS3,Mieke,Smit\n", Options{Organisation: []string{"De Zonnebloem"}})
	checkScans(t, d, []scanCase{
		{"Sanne van De Zonnebloem is ziek", "S1 name low; S2 name low"},
		{"Sanne Bakker werkt bij De Zonnebloem. Sanne is ziek", "S1 name medium"},
		{"Sanne is ziek, zegt De Zonnebloem. Ik bedoel Sanne Visser", "S2 name medium"},
		{"Sanne en Mieke Smit van De Zonnebloem", "S1 name low; S2 name low; S3 name medium"},
	})
}

func TestCollapse(t *testing.T) {
	for _, tt := range []struct {
		in                  string
		trimLeft, trimRight bool
		want                string
	}{
		{"bel Sanne  op", false, false, "bel Sanne op"},
		{"bel\nSanne\r\n\top", false, false, "bel Sanne op"},
		{"\n  bel Sanne\n", false, false, " bel Sanne "},
		{"\n  bel Sanne\n", true, true, "bel Sanne"},
		{"  ", true, false, ""},
		{"  ", false, false, " "},
		{"José\u00a0Sánchez", false, false, "José Sánchez"},
		{"a\x00b\x7fc", false, false, "a\uFFFDb\x7fc"},
		{"a\xffb\n", false, true, "a\uFFFDb"},
		{"06-12345678\n\nSanne", false, false, "06-12345678 Sanne"},
	} {
		var b strings.Builder
		if collapseTo(&b, tt.in, tt.trimLeft, tt.trimRight); b.String() != tt.want {
			t.Errorf("collapseTo(%q, %v, %v) = %q, want %q", tt.in, tt.trimLeft, tt.trimRight, b.String(), tt.want)
		}
	}
}
