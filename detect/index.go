package detect

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers/v2"

	"github.com/doxwatch/doxwatch/address"
	"github.com/doxwatch/doxwatch/config"
	"github.com/doxwatch/doxwatch/fold"
	"github.com/doxwatch/doxwatch/roster"
)

// Options are the parts of the configuration detection needs.
type Options struct {
	// Region is the phone region for numbers without a country code.
	Region string
	// Organisation is the employer's name and aliases: their presence in a
	// text is "organisation context".
	Organisation []string
	// OwnPhones, OwnAddresses and OwnEmailDomains are the organisation's
	// work contact details, never doxing.
	OwnPhones       []string
	OwnAddresses    []string
	OwnEmailDomains []string
	// Threats are phrases that make a named post high severity.
	Threats []string
	// CommonSurnames are added to the built-in list of surnames that are
	// also ordinary words.
	CommonSurnames []string
}

// OptionsFromConfig takes detection's options from the configuration.
func OptionsFromConfig(c *config.Config) Options {
	org := append([]string{c.Organisation.Name}, c.Organisation.Aliases...)
	return Options{
		Region:          c.Region,
		Organisation:    org,
		OwnPhones:       c.Organisation.OwnContacts.Phones,
		OwnAddresses:    c.Organisation.OwnContacts.Addresses,
		OwnEmailDomains: c.Organisation.OwnContacts.EmailDomains,
		Threats:         c.Detect.Threats,
		CommonSurnames:  c.Detect.CommonSurnames,
	}
}

// Detector is an index of a roster, built once and used for many scans.
type Detector struct {
	region string
	cc     string // the region's country calling code, "31"
	ocr    bool   // built by NewOCR: text is canonicalised before scanning
	people []person
	keys   map[string]*entry
	// entries is the block the next key's entry is taken from (entry).
	entries []entry
	// bloom is a Bloom filter of the keys (two bits from each key's hash,
	// see bloomAt), so most words of a text cost a bit test instead of a
	// map lookup; bloomMask masks an index into it.
	bloom     []uint64
	bloomMask uint64
	// byHash finds a key's entry by its word's hash, as the fast phase
	// has it (see hashIndex).
	byHash hashIndex

	// typos holds every surname core word of five letters or more and each
	// of its one-letter deletions: a word within one edit of such a core has
	// itself or one of its deletions here (the SymSpell trick).
	typos map[string]struct{}
	// typoSeen remembers maybeTypo's recent answers (see typoCache).
	typoSeen *typoCache
	// scans are finished scans, whose lists the next scan reuses.
	scans *sync.Pool

	phones map[string][]int // E.164 → people
	// phoneLens has bit n set when a number of n bytes is in phones: a
	// number in the text is looked up only at the lengths the roster's
	// have, one or two lookups instead of nine.
	phoneLens uint64
	// dotted are the people by first name and surname (with its particles
	// written in), keyed by dottedKey: "kees visser", "sanne vandenberg";
	// dottedParts by first name and a part of a double surname, "anouk
	// jansen", which count only where no one's whole name stands written
	// so.
	dotted, dottedParts map[string][]int
	// byInitials are the people by the initials of their first name and
	// surname ({'y', 'o'} for Yusuf Öztürk), and by that of their first
	// name alone ({'s', 0}): only initials few have (maxShared), which a
	// reader at the organisation could tell (see initialsAtOrg).
	byInitials map[[2]byte][]int
	// byCode are the people by the code of initials an office writes for
	// them (see codeOf), folded: only codes few have (maxShared).
	byCode    map[string][]codeRef
	emails    map[string][]int
	addresses []addrRef

	// fingerprint identifies what this detector searches for; made on
	// first use, since `check` has no use for it.
	fingerprint func() string

	ownPhones  map[string]bool
	ownAddrs   []address.Address
	ownDomains map[string]bool
	// townWords are the first words of the towns where the roster's
	// people work or live, folded: the quick test of a town after a
	// first name (mayBeName, firstWithTown).
	townWords map[string]bool

	orgPhrases phrases

	// forImages builds the OCR-tolerant detector of the same roster and
	// options once, when the first image is read (see ForImages).
	forImages func() *Detector
	// masks maps each word of a name with one letter hidden by "*"
	// ("s*nne") to the words it may be (see unmask); built when the first
	// text with such a word is read.
	masks func() map[string][]string
	// streetSpellings finds the roster's streets by a word one letter
	// from their last word (see misspeltStreets); made on first use.
	streetSpellings func() *streetIndex
	// streetHeads holds the first letters of the roster's streets that
	// misspeltStreets looks for (see mayHeadStreet).
	streetHeads []uint64
}

// unmask is the word of the roster's names and streets, the particles of
// surnames or the organisation's names that word, with one letter hidden
// by "*", stands for, folded; "" when none does. When more than one does
// ("l*tte": Lotte or Lotje), the first name that the word after it (next,
// folded) is the surname of someone with: "L*tte Verhoeven".
func (d *Detector) unmask(word, next string) string {
	ws := d.masks()[strings.ToLower(word)]
	if len(ws) == 1 {
		return ws[0]
	}
	found := ""
	for _, w := range ws {
		e := d.keys[w]
		if e == nil {
			continue
		}
		for _, g := range e.firsts {
			if len(g.words) == 1 && len(g.byCore[next]) > 0 {
				if found != "" {
					return "" // still more than one
				}
				found = w
			}
		}
	}
	return found
}

// maskIndex builds the map of unmask: each such word of three letters or
// more, with each of its letters hidden in turn.
func (d *Detector) maskIndex() map[string][]string {
	m := map[string][]string{}
	add := func(w string) {
		if len(w) < 3 || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) {
			return
		}
		for k := range len(w) {
			key := w[:k] + "*" + w[k+1:]
			if !slices.Contains(m[key], w) {
				m[key] = append(m[key], w) // "b*rg": Berg or Borg
			}
		}
	}
	for _, p := range []string{"van", "den", "der", "het", "ten", "ter"} {
		add(p) // the particles of Dutch surnames: "v*n" is van, not von
	}
	for _, list := range d.orgPhrases {
		for _, ph := range list {
			for _, w := range ph {
				add(w)
			}
		}
	}
	for _, a := range d.addresses {
		for _, w := range fold.Words(a.addr.Street) {
			add(w) // "K*rkstraat 12a"
		}
	}
	for i := range d.people {
		p := &d.people[i]
		for _, words := range p.firsts {
			for _, w := range words {
				add(w)
			}
		}
		for k := 0; k <= len(p.others); k++ {
			for _, w := range p.surnameAt(k).core {
				add(w)
			}
		}
	}
	return m
}

// ForImages returns the detector for text read from images (NewOCR) of
// the same roster and options. It is built on first use: most runs read
// no image, and building it doubles the start-up time and the index.
func (d *Detector) ForImages() *Detector {
	if d.ocr {
		return d
	}
	return d.forImages()
}

type person struct {
	id string
	// firsts are the first name and the known_as aliases, folded to words;
	// firsts[0] is the first name.
	firsts  [][]string
	initial byte
	surname
	// others are the other surnames the person is written with: each of
	// a double surname ("Jansen-de Vries"), which people use alone ("Anouk
	// Jansen", "Anouk de Vries"), the other spellings of the surname
	// (surnameSpellings) and the ways that are not quite it (looseSurnames).
	others []surname
	// town is where the roster says the person works (its location),
	// folded; the towns of her addresses are in Detector.addresses.
	town string
}

// surname is a surname as folded words: its particles and its core.
type surname struct {
	particles []string
	core      []string
	// forms are the ways the particles may be written (see particleForms).
	forms  [][]string
	common bool
	kind   surnameKind
	// shared is how many people of the roster have this surname (its
	// particles and core), up to maxShared+1 (see countShared).
	shared uint16
}

// maxShared is how many people may share a surname for it to name one of
// them alone, without a first name or an initial ("Hoekstra (Zonnebloem)",
// "Hoekstra heeft weer geen tijd, typisch Zonnebloem"): where more have
// it, a reader cannot tell who is meant, and a finding for each would
// bury the alert. It also bounds the work at such a surname: a roster of
// thousands has hundreds of Jansens, and each was read at each "Jansen".
const maxShared = 5

// surnameKind is what a person's surname (or one of its others) is to the
// surname the roster gives.
type surnameKind uint8

const (
	asGiven  surnameKind = iota // the roster's
	part                        // one part of a double surname
	spelling                    // spelt another way: "Dykstra", "Vandenberg"
	// loose is written so that a reader who knows her would know her,
	// but is not quite her surname (looseSurnames). It is looked for only
	// after her first name, and a name so written is less sure (formLoose).
	loose
)

// newSurname splits a folded surname into its particles and its core.
func newSurname(words []string, common map[string]bool) surname {
	i := 0
	for i < len(words)-1 && particles.has(words[i]) {
		i++
	}
	sn := surname{particles: words[:i], core: words[i:], common: common[strings.Join(words, " ")]}
	sn.forms = particleForms(&sn)
	return sn
}

// orgKinds are families of words for what an organisation is, each of
// which people use for the others.
var orgKinds = [][]string{
	{"kinderopvang", "opvang", "kdv", "kinderdagverblijf", "bso", "buitenschoolse opvang", "peuterspeelzaal", "psz", "peuteropvang",
		"peutergroep", "creche", "daycare", "nursery"},
	{"school", "basisschool", "obs", "cbs", "primary school"},
	municipalities: {"gemeente", "municipality"},
}

// kindWord reports whether a folded word is a word for what an
// organisation is, of any kind of orgKinds ("school", "opvang").
func kindWord(w string) bool {
	return slices.ContainsFunc(orgKinds, func(kind []string) bool { return slices.Contains(kind, w) })
}

// municipalities is the kind in orgKinds whose own names are places.
const municipalities = 2

// kindNames are the organisation's own name (a name less its words for
// what it is and its article: "zonnebloem" of "Kinderopvang De
// Zonnebloem") with the other words of the same kind before it ("bso
// zonnebloem") and after it ("zonnebloem daycare", as the phrase of the
// own name then the kind's words). Only a kind one of its names gives: a
// school's name is no daycare's; and not when the own name is a place's.
func kindNames(names []string) (before []string, after []phraseRef) {
	var own [][]string
	var kinds []int // of orgKinds
	for _, name := range names {
		w := fold.Words(name)
		k, municipality := 0, false
		for ; k < len(w)-1; k++ {
			i := slices.IndexFunc(orgKinds, func(kind []string) bool { return slices.Contains(kind, w[k]) })
			if i < 0 {
				break
			}
			if !slices.Contains(kinds, i) {
				kinds = append(kinds, i)
			}
			municipality = i == municipalities
		}
		kindEnd := k // where the words for what it is end: its article, or its own name
		if k < len(w)-1 && (w[k] == "de" || w[k] == "het" || w[k] == "t") {
			k++
		}
		if _, n := address.PlaceAt(w[k:]); n == len(w)-k && !municipality {
			continue // "Kinderopvang Utrecht": "bso utrecht" may be any in the town
		}
		if k == 0 {
			continue
		}
		// The own name with its article too: "bso de zonnebloem".
		for _, o := range [][]string{w[k:], w[kindEnd:]} {
			if !slices.ContainsFunc(own, func(x []string) bool { return slices.Equal(x, o) }) {
				own = append(own, o)
			}
		}
	}
	for _, o := range own {
		for _, i := range kinds {
			for _, kind := range orgKinds[i] {
				before = append(before, kind+" "+strings.Join(o, " "))
				after = append(after, phraseRef{words: o, then: strings.Fields(kind)})
			}
		}
	}
	return before, after
}

// orgTypos are the organisation's names with one of their own words (of
// eight letters or more, not a word for what it is) misspelt as people
// type it: a letter left out, two letters swapped or a letter too many
// ("De Zonneblom", "De Zonnebleom", "de zonnenbloem"). Only the name is
// varied, not the text: a few hundred keys for a name, where a shorter
// word's variants would be other words.
func orgTypos(names []string) []string {
	var out []string
	for _, name := range names {
		w := fold.Words(name)
		for k, word := range w {
			r := []rune(word)
			if len(r) < 8 || kindWord(word) {
				continue
			}
			var variants []string
			for i := range r {
				variants = append(variants, string(r[:i])+string(r[i+1:]))
				if i+1 < len(r) && r[i] != r[i+1] {
					variants = append(variants, string(r[:i])+string(r[i+1])+string(r[i])+string(r[i+2:]))
				}
			}
			for i := range r { // not after its end: "Vlindertjes" is the plural
				for c := 'a'; c <= 'z'; c++ {
					variants = append(variants, string(r[:i])+string(c)+string(r[i:]))
				}
			}
			slices.Sort(variants)
			for _, v := range slices.Compact(variants) {
				out = append(out, strings.Join(slices.Concat(w[:k], []string{v}, w[k+1:]), " "))
			}
		}
	}
	return out
}

// surnameSpellings are the other ways people spell the surname last,
// folded as words, as words: "ij" as "y" ("Dykstra"), "ö", "ü" and "ä" as
// "oe", "ue" and "ae" ("Oeztuerk"), its words run together ("Vandenberg",
// "Elamrani"), and "van de", "van den" or "van der" shortened and run on
// to the rest ("vdBerg"). A double surname is spelt so only in its parts.
// Most surnames have none, and cost no allocation.
func surnameSpellings(last string, words []string) [][]string {
	ij := slices.ContainsFunc(words, func(w string) bool { return strings.Contains(w, "ij") })
	umlaut := strings.ContainsAny(last, "öüäÖÜÄ")
	if !ij && !umlaut && len(words) < 2 || strings.Contains(last, "-") {
		return nil
	}
	var out [][]string
	if ij {
		y := make([]string, len(words))
		for i, w := range words {
			y[i] = strings.ReplaceAll(w, "ij", "y")
		}
		out = append(out, y)
	}
	if umlaut {
		if v := fold.Words(umlauts.Replace(last)); !slices.Equal(v, words) {
			out = append(out, v)
		}
	}
	if len(words) > 1 {
		out = append(out, []string{strings.Join(words, "")})
	}
	if len(words) > 2 && words[0] == "van" && (words[1] == "de" || words[1] == "den" || words[1] == "der") {
		out = append(out, []string{"vd" + strings.Join(words[2:], "")})
	}
	return out
}

// looseSurnames are the ways people write a surname that are not quite it,
// as words: its particles left out ("Annemarie Hart" for 't Hart, "Sanne
// Berg"), "der" for "den" and the other way ("Sanne van der Berg"), and the
// Arabic article of its core left out ("Rachid Idrissi" for El Idrissi).
func looseSurnames(sn *surname) [][]string {
	var out [][]string
	if len(sn.particles) > 0 {
		out = append(out, sn.core)
		last := len(sn.particles) - 1
		for _, swap := range [][2]string{{"den", "der"}, {"der", "den"}} {
			if sn.particles[last] == swap[0] {
				out = append(out, slices.Concat(sn.particles[:last], []string{swap[1]}, sn.core))
			}
		}
	}
	if len(sn.core) > 1 && (sn.core[0] == "el" || sn.core[0] == "al") {
		out = append(out, sn.core[1:])
	}
	return out
}

// umlauts writes the umlaut out as German does.
var umlauts = strings.NewReplacer("ö", "oe", "ü", "ue", "ä", "ae", "Ö", "Oe", "Ü", "Ue", "Ä", "Ae")

type addrRef struct {
	emp  int
	addr address.Address
	// words is the number of words of the street's name.
	words int
	value string // addr as findings name it
	// postcode is addr's postcode in lower case, as the text's words are
	// folded ("" without one).
	postcode string
}

// streetRef is an address on a street (of d.addresses) with its house
// number beside it: a common street is hundreds of employees', and the
// number the text gives is looked up among them without reading each.
type streetRef struct{ number, addr int32 }

// entry is everything a folded word of the text may be the start of.
type entry struct {
	firsts   []*firstGroup // first names and aliases starting with this word
	surnames []surnameRef  // people whose surname core starts with this word
	// fewShare are those of surnames with a surname starting here that
	// at most maxShared people have (surnames itself when that is all).
	fewShare  []surnameRef
	streets   []streetRef // addresses whose street ends with this word, by house number
	postcodes []int       // addresses with this postcode (or its digits)
	phrases   []phraseRef // organisation names and threats ending with this word
	// joined are the people whose full name, written as one word, is this
	// word.
	joined []joinedRef
	// dottedEnd: the word is a surname (with its particles written in)
	// that may follow a first name and a dot, as in "kees.visser".
	dottedEnd bool
	// code: the word is someone's code of initials ("svdb", byCode).
	code bool
}

// surnameRef is a person whose surname (or one of its others) starts with
// an entry's word, with the initial of the person's first name: a sorted
// list's "Jansen, S." is read for the Jansens whose initial is S without
// reading the record of each of the hundreds of Jansens a large roster
// has (as many misses of the cache).
type surnameRef struct {
	emp     int32
	initial byte
}

// joinedRef is a person whose full name written as one word is an entry;
// rest are the words of a double surname that follow it apart.
type joinedRef struct {
	emp  int
	form nameForm
	rest []string
	// part: the first name with one part of a double surname
	// ("#AnoukJansen"), which counts only where no one's whole name
	// stands written so (see checkJoinedAll).
	part bool
}

// phraseRef is an organisation name or a threat, as folded words.
type phraseRef struct {
	words  []string
	threat bool
	// then are the words that must follow the phrase's words.
	then []string
	// capital: the phrase counts only with a capital, as a name: the
	// organisation's own name alone ("Ouders Zonnebloem", "(Zonnebloem)"),
	// which is also a word ("een zonnebloem").
	capital bool
}

// firstGroup is everyone who has one first name (or alias), so a first name
// in the text is checked once however many people share it.
type firstGroup struct {
	words []string
	refs  []firstRef
	// byCore finds the people whose surname starts with a given word.
	byCore map[string][]firstRef
	// parts are the parts of five letters or more of the double surnames
	// of refs' people, in refs' order, looked for misspelt after the
	// first name: reading them off each person there was 8% of the slow
	// phase on prose full of first names.
	parts []firstRef
	// near finds refs by the first word of their surname's core, in a
	// group of many refs (see nearest).
	near nearIndex
}

// nearIndex finds the refs of a group whose core's first word a word of
// the text may be (coreAt: the word itself, with a possessive s, or one
// edit away). Its keys are each such word and the word with one letter
// left out; a word asks its own letters and each with one letter left
// out, and two words one edit apart (a letter more, less, another, or
// two swapped) meet at one key. A common first name in a sorted list
// ("Jansen, Fatima", "Visser, Fatima") is hundreds of people's: asking
// each of them was nine tenths of the time such a list took. Made on first
// use, so the roster's start-up does not pay for first names no text
// gives so.
type nearIndex struct {
	once sync.Once
	// keys[n-1] are the keys of the cores of n words: positions in refs,
	// ascending. Most groups have few cores of two words or more, and
	// their map is small or none.
	keys []map[string][]int32
}

// nearMin is the fewest refs a group has for nearIndex to be made: below
// it, asking every ref is as quick.
const nearMin = 24

// indexNear makes g.near (nearIndex).
func (g *firstGroup) indexNear() {
	for p, r := range g.refs {
		for len(g.near.keys) < int(r.words) {
			g.near.keys = append(g.near.keys, nil)
		}
		keys := g.near.keys[r.words-1]
		if keys == nil {
			keys = map[string][]int32{}
			g.near.keys[r.words-1] = keys
		}
		put := func(key string) {
			if ps := keys[key]; len(ps) == 0 || ps[len(ps)-1] != int32(p) {
				keys[key] = append(ps, int32(p))
			}
		}
		put(r.core)
		if len(r.core) < 5 {
			continue // coreAt takes no typo of a shorter word
		}
		for k := range len(r.core) {
			put(r.core[:k] + r.core[k+1:])
		}
	}
}

type firstRef struct {
	emp  int
	form nameForm
	// initial and particle are the initials of the surname as the roster
	// gives it: of its core and of its first particle (0 if none); words
	// is how many words its core has (in the group's refs, where core is
	// its first).
	initial, particle, words byte
	core                     string // the first word of the person's surname core
	// other is 0 for the surname as the roster gives it, k for the
	// person's others[k-1].
	other int
}

// surnameOf is the surname r names.
func (d *Detector) surnameOf(r firstRef) *surname { return d.people[r.emp].surnameAt(r.other) }

// surnameAt is p's surname as the roster gives it (0) or one of its
// others.
func (p *person) surnameAt(k int) *surname {
	if k > 0 {
		return &p.others[k-1]
	}
	return &p.surname
}

// particles are the Dutch (and some other) surname prefixes, tussenvoegsels.
var particles = setOf("van", "de", "den", "der", "het", "t", "te", "ten", "ter", "in", "op", "aan",
	"bij", "onder", "uit", "voor", "d", "l", "la", "le", "du", "des", "da", "di", "dos", "das", "von", "zu", "vd",
	"vanden", "vander", "vande", "vant") // written as one word: "Sanne vanden Berg"

// commonSurnames are surnames that are also ordinary words: they match only
// where the casing shows a name.
var commonSurnames = []string{
	"bakker", "visser", "de wit", "de jong", "kok", "de kok", "bos", "vos", "de vos", "de groot", "de haan",
	"t hart", "de boer", "boer", "mulder", "brouwer", "dekker", "koster", "kuiper", "schipper",
	"molenaar", "timmerman", "hoek", "de bruin", "de lange", "groen", "de graaf", "koning", "keizer",
	"prins", "de ridder", "vogel", "mol", "kramer", "de klein", "klein", "groot", "post", "veld", "visscher",
	"de bakker",
}

// wordSet is a small set of folded words, which the checks ask of the
// words around every anchor ("is it a particle, a title, a word for a
// child?"). Most words asked are in no such set, and their length with
// their first byte says so: that is read first, before the map hashes
// the word (a map of strings cost a quarter of a scan of prose in which
// every word is a first name).
type wordSet struct {
	m map[string]bool
	// heads[n] has bit c&63 for each word of n bytes (n < len(heads); the
	// last entry is the longer words') that starts with byte c.
	heads [16]uint64
}

func setOf(words ...string) wordSet {
	s := wordSet{m: make(map[string]bool, len(words))}
	for _, w := range words {
		s.m[w] = true
		s.heads[min(len(w), len(s.heads)-1)] |= 1 << (w[0] & 63)
	}
	return s
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	return len(w) > 0 && s.heads[min(len(w), len(s.heads)-1)]>>(w[0]&63)&1 != 0 && s.m[w]
}

// Fingerprint identifies what the detector searches for: the roster and
// every detection setting. Pages scanned with another fingerprint are
// scanned again, so a new employee, phone number or alias is looked for in
// what was read before.
func (d *Detector) Fingerprint() string { return d.fingerprint() }

func searchFingerprint(r *roster.Roster, opts Options) string {
	h := sha256.New()
	// JSON of plain structs and slices is deterministic, covers every
	// field, and is six times quicker than %#v for a large roster.
	// The employees are encoded one by one (as one array, byte for byte)
	// so no buffer holds the whole roster.
	h.Write([]byte("["))
	for i, e := range r.Employees {
		if i > 0 {
			h.Write([]byte(","))
		}
		b, err := json.Marshal(e)
		if err != nil {
			panic(err) // strings and slices of them always encode
		}
		h.Write(b)
	}
	h.Write([]byte("]\n"))
	if err := json.NewEncoder(h).Encode(opts); err != nil {
		panic(err)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// New builds the index of r.
func New(r *roster.Roster, opts Options) (*Detector, error) {
	if opts.Region == "" {
		opts.Region = "NL"
	}
	d := &Detector{
		fingerprint: sync.OnceValue(func() string { return searchFingerprint(r, opts) }),
		region:      opts.Region,
		cc:          fmt.Sprint(phonenumbers.GetCountryCodeForRegion(opts.Region)),
		// Sized for the roster up front: growing a map of 25,000 keys
		// rehashes it a dozen times, a tenth of start-up. An employee
		// gives about 2.6 keys (first name, surname, the name as one
		// word, street, postcode), a phone, an e-mail address and a
		// dotted name.
		keys:        make(map[string]*entry, 3*len(r.Employees)),
		people:      make([]person, 0, len(r.Employees)),
		addresses:   make([]addrRef, 0, len(r.Employees)),
		streetHeads: make([]uint64, streetHeadBits/64),
		phones:      make(map[string][]int, len(r.Employees)),
		emails:      make(map[string][]int, len(r.Employees)),
		dotted:      make(map[string][]int, len(r.Employees)),
		dottedParts: map[string][]int{},
		ownPhones:   map[string]bool{},
		ownDomains:  map[string]bool{},
	}
	common := setOf(commonSurnames...).m // a map of its own, added to
	for _, s := range opts.CommonSurnames {
		common[fold.String(s)] = true
	}
	for _, p := range opts.OwnPhones {
		n, err := phonenumbers.Parse(p, d.region)
		if err != nil {
			return nil, fmt.Errorf("own contact phone %q: %w", p, err)
		}
		d.ownPhones[phonenumbers.Format(n, phonenumbers.E164)] = true
	}
	for _, a := range opts.OwnAddresses {
		pa, err := address.Parse(a)
		if err != nil {
			return nil, fmt.Errorf("own contact address: %w", err)
		}
		d.ownAddrs = append(d.ownAddrs, pa)
	}
	for _, dom := range opts.OwnEmailDomains {
		d.ownDomains[strings.ToLower(strings.TrimPrefix(dom, "@"))] = true
	}
	// The organisation's names also as hashtags write them ("#DeZonnebloem")
	// and with "van de" shortened before them ("Sanne vd Zonnebloem"), and
	// its own name with the other words for what it is ("the Zonnebloem
	// daycare", "bso Zonnebloem").
	orgNames := slices.Clone(opts.Organisation)
	for _, name := range opts.Organisation {
		w := fold.Words(name)
		if len(w) > 1 {
			orgNames = append(orgNames, strings.Join(w, ""))
		}
		if len(w) > 1 && (w[0] == "de" || w[0] == "het") {
			// "vd", and "v.d." or "v/d", which are read as two words.
			orgNames = append(orgNames, "v"+w[0][:1]+" "+strings.Join(w[1:], " "), "v "+w[0][:1]+" "+strings.Join(w[1:], " "))
		}
	}
	kindBefore, kindAfter := kindNames(opts.Organisation)
	orgNames = append(orgNames, kindBefore...)
	for _, ph := range kindAfter {
		// As one word, as handles and hashtags write it: "#zonnebloemkdv".
		orgNames = append(orgNames, strings.Join(ph.words, "")+strings.Join(ph.then, ""))
	}
	orgNames = append(orgNames, orgTypos(opts.Organisation)...)
	d.orgPhrases = newPhrases(orgNames)
	for _, ph := range kindAfter {
		d.orgPhrases.add(slices.Concat(ph.words, ph.then))
	}
	for _, list := range []struct {
		phrases []string
		threat  bool
	}{{orgNames, false}, {opts.Threats, true}} {
		for _, ph := range list.phrases {
			if w := fold.Words(ph); len(w) > 0 {
				e := d.entry(w[len(w)-1])
				e.phrases = append(e.phrases, phraseRef{words: w, threat: list.threat})
			}
		}
	}
	// The own name then the word for what it is ("zonnebloem daycare") is
	// found at the own name, not at that word: "opvang" is common.
	var own [][]string
	for _, ph := range kindAfter {
		e := d.entry(ph.words[len(ph.words)-1])
		e.phrases = append(e.phrases, ph)
		if !slices.ContainsFunc(own, func(o []string) bool { return slices.Equal(o, ph.words) }) {
			own = append(own, ph.words)
		}
	}
	// The own name alone, as people shorten it: one word of six letters
	// or more, with a capital ("meester Gert (Zonnebloem)"); a shorter
	// one ("Zon") or one of more words is too likely something else. Of
	// eight letters or more, also misspelt as the whole name is
	// (orgTypos): "Zonneblom in Utrecht: juf Sanne".
	for _, o := range own {
		if len(o) == 1 && len(o[0]) >= 6 {
			for _, w := range append([]string{o[0]}, orgTypos(o)...) {
				e := d.entry(w)
				e.phrases = append(e.phrases, phraseRef{words: []string{w}, capital: true})
			}
		}
	}
	// The roster's full names as spelt, of the first names that have other
	// spellings: another spelling is no one's alias where someone has that
	// spelling with that surname.
	spelt := map[string]bool{}
	for _, e := range r.Employees {
		if f := fold.String(e.FirstName); spellings[f] != nil {
			spelt[f+" "+fold.String(e.LastName)] = true
		}
	}
	for _, e := range r.Employees {
		d.addPerson(e, common, spelt)
	}
	d.townWords = map[string]bool{}
	for _, p := range d.people {
		if w, _, _ := strings.Cut(p.town, " "); w != "" {
			d.townWords[w] = true
		}
	}
	for _, a := range d.addresses {
		if w, _, _ := strings.Cut(a.addr.City, " "); w != "" {
			d.townWords[w] = true
		}
	}
	d.typos, d.typoSeen, d.scans = typos(d.people), newTypoCache(), &sync.Pool{}
	d.masks = sync.OnceValue(d.maskIndex)
	d.streetSpellings = sync.OnceValue(d.streetSpellingIndex)
	d.forImages = sync.OnceValue(func() *Detector {
		od, err := NewOCR(r, opts)
		if err != nil {
			// NewOCR checks what New checked, unchanged: it cannot fail
			// where New succeeded.
			panic("detect: the index for images failed where the index for text did not: " + err.Error())
		}
		return od
	})
	d.indexCodes()
	nbits := uint64(1 << 16)
	for nbits < uint64(len(d.keys))*16 {
		nbits <<= 1
	}
	d.countShared()
	d.indexInitials()
	d.bloom, d.bloomMask = make([]uint64, nbits/64), nbits/64-1
	d.byHash = newHashIndex(len(d.keys))
	for k, en := range d.keys {
		// By house number: the text gives one, and a common street is
		// hundreds of employees'.
		slices.SortStableFunc(en.streets, func(a, b streetRef) int { return int(a.number - b.number) })
		h := fold.HashString(k)
		at, bits := d.bloomAt(h)
		d.bloom[at] |= bits
		d.byHash.add(h, en)
	}
	return d, nil
}

// codeRef is a person whose code of initials is a byCode key; shape has
// a bit set for each of its letters that is a capital.
type codeRef struct {
	emp   int32
	shape uint16
}

// codeOf is the code of initials an office writes for p, a paraf: the
// initials of the first name's words in capitals, then of each part of
// the surname those of its particles in small letters and of its core's
// words in capitals: "SvdB" for Sanne van den Berg, "AJdV" for Anouk
// Jansen-de Vries, "AMtH" for Anne Marie 't Hart. Folded, with the shape
// of its capitals; none ("") for a surname without particles: a code of
// capitals alone ("MB", "PR") is as often an abbreviation.
func (p *person) codeOf() (code string, shape uint16) {
	if len(p.firsts) == 0 {
		return "", 0
	}
	var b []byte
	lower := false
	add := func(w string, capital bool) {
		if capital && len(b) < 16 {
			shape |= 1 << len(b)
		}
		lower = lower || !capital
		b = append(b, w[0])
	}
	for _, w := range p.firsts[0] {
		add(w, true)
	}
	parts := []surname{p.surname}
	if len(p.others) > 0 && p.others[0].kind == part {
		parts = parts[:0]
		for _, o := range p.others {
			if o.kind == part {
				parts = append(parts, o)
			}
		}
	}
	for _, sn := range parts {
		for _, w := range sn.particles {
			add(w, false)
		}
		for _, w := range sn.core {
			add(w, true)
		}
	}
	if !lower || len(b) > 16 {
		return "", 0
	}
	return string(b), shape
}

// indexCodes makes byCode and marks its keys in the index of words.
func (d *Detector) indexCodes() {
	all := map[string][]codeRef{}
	for i := range d.people {
		if code, shape := d.people[i].codeOf(); code != "" {
			all[code] = append(all[code], codeRef{emp: int32(i), shape: shape})
		}
	}
	d.byCode = map[string][]codeRef{}
	for code, refs := range all {
		if len(refs) <= maxShared {
			d.byCode[code] = refs
			d.entry(code).code = true
		}
	}
}

// indexInitials makes byInitials.
func (d *Detector) indexInitials() {
	all := map[[2]byte][]int{}
	for i := range d.people {
		p := &d.people[i]
		if p.initial == 0 || len(p.core) == 0 {
			continue
		}
		all[[2]byte{p.initial, 0}] = append(all[[2]byte{p.initial, 0}], i)
		all[[2]byte{p.initial, p.core[0][0]}] = append(all[[2]byte{p.initial, p.core[0][0]}], i)
	}
	d.byInitials = map[[2]byte][]int{}
	for k, people := range all {
		if len(people) <= maxShared {
			d.byInitials[k] = people
		}
	}
}

// countShared sets how many people share each surname (surname.shared)
// and, at each surname's first word, who has one that few share
// (entry.fewShare).
func (d *Detector) countShared() {
	// By a hash of its words, as the index finds its keys (hashIndex):
	// joining them into strings was a tenth of start-up.
	key := func(sn *surname) uint64 {
		h := uint64(len(sn.particles))
		for _, w := range sn.particles {
			h = h*0x9E3779B97F4A7C15 ^ fold.HashString(w)
		}
		for _, w := range sn.core {
			h = h*0x9E3779B97F4A7C15 ^ fold.HashString(w)
		}
		return h
	}
	count := make(map[uint64]int, len(d.people))
	var keys []uint64 // each surname's, in the order both loops read them
	for i := range d.people {
		p := &d.people[i]
		for k := 0; k <= len(p.others); k++ {
			h := key(p.surnameAt(k))
			count[h]++
			keys = append(keys, h)
		}
	}
	n := 0
	for i := range d.people {
		p := &d.people[i]
		for k := 0; k <= len(p.others); k++ {
			p.surnameAt(k).shared = uint16(min(count[keys[n]], maxShared+1))
			n++
		}
	}
	for _, en := range d.keys {
		if len(en.surnames) == 0 {
			continue
		}
		few := en.surnames[:0:0]
		for _, r := range en.surnames {
			p := &d.people[r.emp]
			for k := 0; k <= len(p.others); k++ {
				if sn := p.surnameAt(k); sn.shared <= maxShared && d.keys[sn.core[0]] == en {
					few = append(few, r)
					break
				}
			}
		}
		if len(few) == len(en.surnames) {
			few = en.surnames
		}
		en.fewShare = few
	}
}

// hashIndex finds the entries of the keys by the 64-bit hash of their
// words (fold.HashString, which the scanner gives each word of a text):
// open addressing, at most half full, sixteen bytes a slot. The fast
// phase looks up every word that passes the Bloom filter, 5% of the words
// of prose full of first names; in a map of strings each lookup hashed
// the word again and read the map's group, the key and its bytes from
// memory: a tenth of the scan. A word whose hash is a key's is taken for
// that key without comparing the words: two of 64 bits are equal by chance
// about once in 10^15 lookups, and whoever could make one on purpose
// (knowing the roster) could as well write the name. Were two keys' hashes
// equal, the index would not be used (ambiguous).
type hashIndex struct {
	slots     []hashSlot
	mask      uint64
	ambiguous bool
}

type hashSlot struct {
	h uint64
	e *entry // nil: an empty slot
}

func newHashIndex(keys int) hashIndex {
	n := 16
	for n < 2*keys {
		n <<= 1
	}
	return hashIndex{slots: make([]hashSlot, n), mask: uint64(n - 1)}
}

func (x *hashIndex) add(h uint64, e *entry) {
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		switch sl := &x.slots[i]; {
		case sl.e == nil:
			sl.h, sl.e = h, e
			return
		case sl.h == h:
			x.ambiguous = true
			return
		}
	}
}

// find is the entry of the key whose hash is h; nil if none.
func (x *hashIndex) find(h uint64) *entry {
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		sl := &x.slots[i]
		if sl.e == nil || sl.h == h {
			return sl.e
		}
	}
}

// maybeKey is the Bloom filter's answer for the word of hash h: false if
// it is certainly no key.
func (d *Detector) maybeKey(h uint64) bool {
	at, bits := d.bloomAt(h)
	return d.bloom[at]&bits == bits
}

// lookup is the entry of the scanner's word, whose hash is h; nil if it is
// no key.
func (d *Detector) lookup(h uint64, sc *fold.Scanner) *entry {
	if d.byHash.ambiguous {
		return d.keys[string(sc.Word())]
	}
	return d.byHash.find(h)
}

// keyOf is the entry of the folded word w; nil if it is no key. As the
// fast phase looks up a word: a word that is none, as most are, costs one
// read of the Bloom filter, not a probe of the map of keys.
func (d *Detector) keyOf(w []byte) *entry {
	h := fold.HashString(string(w))
	if !d.maybeKey(h) {
		return nil
	}
	if d.byHash.ambiguous {
		return d.keys[string(w)]
	}
	return d.byHash.find(h)
}

// bloomAt is where in the Bloom filter the word of hash h has its two
// bits, and which: both in one word of it, so a word of the text costs one
// read of memory (the filter is larger than the fastest cache).
func (d *Detector) bloomAt(h uint64) (at, bits uint64) {
	return (h >> 32) & d.bloomMask, 1<<(h&63) | 1<<(h>>6&63)
}

func (d *Detector) entry(word string) *entry {
	en := d.keys[word]
	if en == nil {
		// From a block of entries: one allocation for a thousand keys
		// instead of one for each, a tenth of the index's time.
		if len(d.entries) == cap(d.entries) {
			d.entries = make([]entry, 0, 1024)
		}
		d.entries = append(d.entries, entry{})
		en = &d.entries[len(d.entries)-1]
		d.keys[word] = en
	}
	return en
}

// group is the group of the first name words, whose key is word.
func (d *Detector) group(word string, words []string) *firstGroup {
	en := d.entry(word)
	for _, g := range en.firsts {
		if slices.Equal(g.words, words) {
			return g
		}
	}
	g := &firstGroup{words: words, byCore: map[string][]firstRef{}}
	en.firsts = append(en.firsts, g)
	return g
}

// alsoAt makes g, the group of a first name, found at word too.
func (d *Detector) alsoAt(word string, g *firstGroup) {
	if en := d.entry(word); !slices.Contains(en.firsts, g) {
		en.firsts = append(en.firsts, g)
	}
}

// transliterations are the spellings of first names from Arabic and
// Turkish that Dutch writers use for one another, each group one name: a
// post writes "Youssef Öztürk" of the roster's Yusuf Öztürk. Only names
// whose other spellings are no common Dutch name nor word ("Said" is an
// English word, "Lucas" a Dutch name for Łukasz).
var transliterations = [][]string{
	{"mohamed", "mohammed", "muhammad", "mohammad", "muhammed", "mohamad"},
	{"yusuf", "youssef", "yousef", "youssouf", "joesoef", "yussuf", "yousuf"},
	{"ahmed", "ahmet", "ahmad"},
	{"rachid", "rashid", "rasheed", "rachied"},
	{"hassan", "hasan"},
	{"hussein", "huseyin", "husein", "hoessein"},
	{"mustafa", "mostafa", "moestafa"},
	{"ibrahim", "brahim"},
	{"khadija", "khadidja", "hadija"},
	{"fatima", "fatma", "fatimah"},
	{"zeynep", "zeinab", "zainab", "zaynab"},
	{"hamza", "hamsa"},
}

// spellings gives each spelling of transliterations its group: it is
// asked of every employee's first name at start-up.
var spellings = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range transliterations {
		for _, v := range g {
			m[v] = g
		}
	}
	return m
}()

// transliterationsOf are the other spellings of a folded first name.
func transliterationsOf(first string) []string {
	g := spellings[first]
	if g == nil {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(g), func(v string) bool { return v == first })
}

// diminutives are the ways Dutch makes a one-word first name small, as
// children call their juf: "Sannetje", "Keesje", "Daantje", "Kimpje",
// "Tommetje"; and as the south and Flanders say it of anyone: "Sanneke",
// "Miekske", "Keeske", "Anoukske". Not every form is right for every
// name; a wrong one is a word no one writes.
func diminutives(first string) []string {
	last := first[len(first)-1]
	if last == 'e' {
		return []string{first + "tje", first + "ke", first[:len(first)-1] + "ske"}
	}
	if strings.IndexByte("aiouy", last) >= 0 {
		return []string{first + "tje"}
	}
	out := []string{first + "je", first + "tje", first + string(last) + "etje", first + "ke"}
	switch last {
	case 'm':
		out = append(out, first+"pje")
	case 'k', 'g':
		out = append(out, first+"ske")
	}
	return out
}

// addFirst adds ref to the group of the first name words, and gives the
// group.
func (d *Detector) addFirst(word string, words []string, ref firstRef, core string) *firstGroup {
	p := &d.people[ref.emp]
	ref.initial, ref.words = p.core[0][0], byte(min(len(p.core), 255))
	if len(p.particles) > 0 {
		ref.particle = p.particles[0][0]
	}
	g := d.group(word, words)
	g.refs = append(g.refs, ref)
	g.byCore[core] = append(g.byCore[core], ref)
	for k, other := range p.others {
		if c := other.core[0]; other.kind == part && len(c) >= 5 {
			g.parts = append(g.parts, firstRef{emp: ref.emp, form: ref.form, core: c, other: k + 1})
		}
	}
	return g
}

func (d *Detector) addPerson(e roster.Employee, common, spelt map[string]bool) {
	idx := len(d.people)
	p := person{id: e.ID, town: fold.String(e.Location)}
	for _, n := range append([]string{e.FirstName}, e.KnownAs...) {
		if w := fold.Words(n); len(w) > 0 {
			p.firsts = append(p.firsts, w)
		}
	}
	if len(p.firsts) > 0 && len(p.firsts[0]) == 1 {
		for _, v := range transliterationsOf(p.firsts[0][0]) {
			if !spelt[v+" "+fold.String(e.LastName)] {
				p.firsts = append(p.firsts, []string{v}) // aliases
			}
		}
	}
	if len(p.firsts) > 0 {
		p.initial = p.firsts[0][0][0]
	}
	lastWords := fold.Words(e.LastName)
	p.surname = newSurname(lastWords, common)
	if halves := strings.Split(e.LastName, "-"); len(halves) > 1 {
		for _, h := range halves {
			if w := fold.Words(h); len(w) > 0 {
				sn := newSurname(w, common)
				sn.kind = part
				p.others = append(p.others, sn)
			}
		}
		if len(p.others) < 2 {
			p.others = nil // "Jansen-": one part is the whole, looked for already
		}
	}
	for _, v := range surnameSpellings(e.LastName, lastWords) {
		sn := newSurname(v, nil)
		sn.kind = spelling
		p.others = append(p.others, sn)
	}
	for _, v := range looseSurnames(&p.surname) {
		sn := newSurname(v, nil)
		sn.kind = loose
		p.others = append(p.others, sn)
	}
	d.people = append(d.people, p)

	if len(p.core) > 0 {
		for f, words := range p.firsts {
			ref := firstRef{emp: idx, form: formFull, core: p.core[0]}
			if f > 0 {
				ref.form = formAlias
			}
			g := d.addFirst(words[0], words, ref, p.core[0])
			if len(words) == 1 {
				// "Sannes", and after a title "juf Sannetje": the same
				// people, found at another word.
				d.alsoAt(words[0]+"s", g)
				for _, w := range diminutives(words[0]) {
					d.alsoAt(w, g)
				}
			}
			// Each other surname is looked for after the first name too,
			// once the roster's has not matched; it adds no one to the
			// group (who has the first name is unchanged).
			for k, other := range p.others {
				pr := firstRef{emp: idx, form: ref.form, core: other.core[0], other: k + 1}
				g.byCore[pr.core] = append(g.byCore[pr.core], pr)
			}
			if len(words) > 1 {
				// The first of a double first name with the surname, as
				// people shorten it ("Anne 't Hart" for Anne Marie 't
				// Hart): looked for only before the surname; the word
				// alone still names no one.
				first := d.group(words[0], words[:1])
				pr := firstRef{emp: idx, form: formAlias, core: p.core[0]}
				first.byCore[pr.core] = append(first.byCore[pr.core], pr)
			}
		}
		// Written as one word, as hashtags and profile addresses write
		// names: "#SannevandenBerg", "#sannevdberg", "sanne.vandenberg".
		d.addJoined(idx, &p.surname, false)
		for k := range p.others {
			if p.others[k].kind == part {
				// "#AnoukJansen", "anouk.jansen", "@lotje_vdheijden": one part
				// of a double surname, as it counts written apart.
				d.addJoined(idx, &p.others[k], true)
			}
		}
		ref := surnameRef{int32(idx), p.initial}
		en := d.entry(p.core[0])
		en.surnames = append(en.surnames, ref)
		for _, other := range p.others {
			// Once for each word: a first part starts where the whole does.
			// A loose surname is a surname's key too, so a first name
			// before it is read ("Rachid Idrissi"), but it is looked for
			// only after her first name (checkInitials).
			if en := d.entry(other.core[0]); len(en.surnames) == 0 || en.surnames[len(en.surnames)-1] != ref {
				en.surnames = append(en.surnames, ref)
			}
		}
	}
	for _, ph := range e.Phones {
		d.phones[ph] = append(d.phones[ph], idx)
		d.phoneLens |= 1 << min(len(ph), 63)
	}
	for _, em := range e.Emails {
		if d.ownDomains[domainOf(em)] {
			continue // a work address is never doxing
		}
		d.emails[em] = append(d.emails[em], idx)
	}
	for _, a := range e.Addresses {
		if d.isOwnAddress(a) {
			continue
		}
		ai := len(d.addresses)
		d.addresses = append(d.addresses, addrRef{idx, a, strings.Count(a.Street, " ") + 1, a.String(), strings.ToLower(a.Postcode)})
		words := strings.Fields(a.Street)
		last := words[len(words)-1]
		if h, ok := streetHead(last); ok && len(last) >= minMisspeltStreet {
			d.streetHeads[h/64] |= 1 << (h % 64)
		}
		for _, w := range streetForms(last) {
			en := d.entry(w)
			en.streets = append(en.streets, streetRef{int32(a.Number), int32(ai)})
		}
		if a.Postcode != "" {
			for _, w := range []string{d.addresses[ai].postcode, a.Postcode[:4]} {
				en := d.entry(w)
				en.postcodes = append(en.postcodes, ai)
			}
		}
	}
}

// addJoined indexes the name of person idx with surname sn (the roster's,
// or a part of a double one) written as one word, as hashtags and profile
// addresses write names ("#SannevandenBerg", "#sannevdberg"), and with the
// first name and surname joined by a dot ("kees.visser",
// "sanne.vandenberg", "sanne.vdberg"), as profile addresses and handles
// write them.
func (d *Detector) addJoined(idx int, sn *surname, isPart bool) {
	p := &d.people[idx]
	core := strings.Join(sn.core, "")
	var joinedParticles []string // each form of the particles as one word, once: "v d" and "vd" join alike
	for _, pf := range sn.forms {
		if j := strings.Join(pf, ""); !slices.Contains(joinedParticles, j) {
			joinedParticles = append(joinedParticles, j)
		}
	}
	for f, words := range p.firsts {
		for _, pj := range joinedParticles {
			form := formFull
			if f > 0 {
				form = formAlias
			}
			en := d.entry(strings.Join(words, "") + pj + core)
			en.joined = append(en.joined, joinedRef{emp: idx, form: form, part: isPart})
			if len(sn.core) > 1 {
				// "#CharlottevanderHeijden-Bos": the hyphen ends the word.
				en := d.entry(strings.Join(words, "") + pj + sn.core[0])
				en.joined = append(en.joined, joinedRef{emp: idx, form: form, rest: sn.core[1:], part: isPart})
			}
		}
	}
	dotted := d.dotted
	if isPart {
		dotted = d.dottedParts
	}
	for _, pj := range joinedParticles {
		surname := pj + core
		d.entry(surname).dottedEnd = true
		for _, words := range p.firsts {
			if len(words) == 1 {
				key := string(dottedKey(nil, words[0], surname))
				dotted[key] = append(dotted[key], idx)
			}
		}
	}
}

// streetForms are the ways the last word of a street is written: in full
// and abbreviated ("kerkstraat", "kerkstr").
func streetForms(word string) []string {
	for _, ab := range [...][2]string{{"straat", "str"}, {"laan", "ln"}} {
		if stem, ok := strings.CutSuffix(word, ab[0]); ok {
			return []string{word, stem + ab[1]}
		}
	}
	return []string{word}
}

func (d *Detector) isOwnAddress(a address.Address) bool {
	for _, o := range d.ownAddrs {
		if o.Key() == a.Key() && o.Number == a.Number && o.Addition == a.Addition {
			return true
		}
	}
	return false
}

func domainOf(email string) string {
	_, dom, _ := strings.Cut(email, "@")
	return dom
}

// isSurname reports whether w is the first word of someone's surname core.
func (d *Detector) isSurname(w string) bool {
	e := d.keys[w]
	return e != nil && len(e.surnames) > 0
}

// nameWord reports whether w is a first name or the first word of a
// surname in the roster (nameWords, for the rewriter).
func (d *Detector) nameWord(w string) bool {
	e := d.keys[w]
	return e != nil && (len(e.firsts) > 0 || len(e.surnames) > 0)
}

// isKey reports whether w is a key of the index (nameWords).
func (d *Detector) isKey(w string) bool { return d.keys[w] != nil }

// dottedKey appends the key of Detector.dotted for a first name and a
// surname, folded, to buf. A map of one string per key is looked up
// without a copy (m[string(b)]) and hashed in one call: keyed by the pair,
// the lookups were half of reading names joined by dots.
func dottedKey(buf []byte, first, surname string) []byte {
	return append(append(append(buf, first...), ' '), surname...)
}

// isFirstName reports whether w is a first name (or alias) in the roster.
// Not a form the group is found at too ("sannes", "sannetje"; alsoAt).
func (d *Detector) isFirstName(w string) bool {
	if e := d.keys[w]; e != nil {
		for _, g := range e.firsts {
			if g.words[0] == w {
				return true
			}
		}
	}
	return false
}

// firstNameWord reports whether w may be a first name in a list of them: a
// word a first name is found at (its first word, its possessive, its
// diminutives).
func (d *Detector) firstNameWord(w string) bool {
	e := d.keys[w]
	return e != nil && len(e.firsts) > 0
}

// maybeTypo reports whether w might be within one edit of a surname core
// of five letters or more; false means it certainly is not. The question
// costs a lookup per letter, and the words after first names ("heeft",
// "zegt", "vond") are few and asked about again and again: the answer is
// remembered.
func (d *Detector) maybeTypo(w []byte) bool {
	if len(w) < 4 || len(w) > maxTypoWord {
		return false
	}
	c := d.typoSeen
	key := maphash.Bytes(c.seed, w) &^ 1
	slot := &c.slots[key>>52] // the high bits: the low one is the answer's
	if v := slot.Load(); v != 0 && v&^1 == key {
		return v&1 == 1
	}
	typo := d.typoLookup(w)
	if typo {
		key |= 1
	}
	slot.Store(key)
	return typo
}

// typoLookup is maybeTypo without the cache.
func (d *Detector) typoLookup(w []byte) bool {
	if _, ok := d.typos[string(w)]; ok {
		return true
	}
	var buf [maxTypoWord]byte
	for i := range w {
		if _, ok := d.typos[string(appendWithout(buf[:0], w, i))]; ok {
			return true
		}
	}
	return false
}

// typoCache holds maybeTypo's answer for the last word asked about in each
// of its slots: the word's hash (seeded, 63 bits) with the answer as its
// lowest bit, in the slot its highest bits choose. A hash stands for its
// word, as in hashIndex: two words' are equal about once in 10^18 by
// chance, and the seed is the process's own. Held in the slot itself, the
// answer is one read of a table of 32 kB; a pointer to the word and its
// answer was three reads and two misses of the cache, a third of the test
// of a first name. Scans run at once share it without a lock: a slot is
// read and written whole, and an answer overwritten by another scan is
// only asked again.
type typoCache struct {
	seed  maphash.Seed
	slots [1 << 12]atomic.Uint64
}

func newTypoCache() *typoCache { return &typoCache{seed: maphash.MakeSeed()} }

// appendWithout appends w with its byte i left out to buf: the words one
// letter from w that surname typos and misspelt streets are looked up by.
func appendWithout[W ~string | ~[]byte](buf []byte, w W, i int) []byte {
	return append(append(buf, w[:i]...), w[i+1:]...)
}

// maxTypoWord is the longest word looked at for a typo.
const maxTypoWord = 40

// typos is the set of every surname core word of five letters or more
// and each of its one-letter deletions. The words are cut from one string:
// a roster of ten thousand has some 80,000 of them.
func typos(people []person) map[string]struct{} {
	var cores []string
	size := 0
	for _, p := range people {
		if len(p.core) > 0 && len(p.core[0]) >= 5 {
			c := p.core[0]
			cores = append(cores, c)
			size += len(c) * len(c) // itself and its deletions
		}
	}
	buf := make([]byte, 0, size)
	for _, c := range cores {
		buf = append(buf, c...)
		for i := range c {
			buf = appendWithout(buf, c, i)
		}
	}
	// Not sized beforehand: a map made for its size is looked up more
	// slowly (measured: 185 against 140 ns a word).
	all, set := string(buf), map[string]struct{}{}
	k := 0
	for _, c := range cores {
		set[all[k:k+len(c)]] = struct{}{}
		k += len(c)
		for range c {
			set[all[k:k+len(c)-1]] = struct{}{}
			k += len(c) - 1
		}
	}
	return set
}

// townOf reports whether words, folded, start with the name of a town
// where emp works or lives.
func (d *Detector) townOf(emp int, words []string) bool {
	if townAt(words, d.people[emp].town) > 0 {
		return true
	}
	// addresses are in the order of their people; their towns are folded.
	k, _ := slices.BinarySearchFunc(d.addresses, emp, func(a addrRef, emp int) int { return a.emp - emp })
	for ; k < len(d.addresses) && d.addresses[k].emp == emp; k++ {
		if townAt(words, d.addresses[k].addr.City) > 0 {
			return true
		}
	}
	return false
}

// townAt is how many of words, folded, name the town (folded) at their
// start: its name, one of its other names ("utreg" for Utrecht,
// address.OtherNames), or one word within a letter of a name of six
// letters or more ("maarsen", "denhaag") that is no other place's name; 0
// when they do not, or town is empty.
func townAt(words []string, town string) int {
	if n := leadingName(words, town); n > 0 {
		return n
	}
	for _, other := range address.OtherNames(town) {
		if n := leadingName(words, other); n > 0 {
			return n
		}
	}
	if len(words) > 0 && len(town) >= 6 && withinOneEdit(words[0], town) {
		if place, _ := address.PlaceAt(words); place == "" {
			return 1
		}
	}
	return 0
}

// leadingName is how many of words are the words of name ("den haag"),
// folded, when words start with them; 0 when they do not, or name is
// empty.
func leadingName(words []string, name string) int {
	n := 0
	for w := range strings.FieldsSeq(name) {
		if n >= len(words) || words[n] != w {
			return 0
		}
		n++
	}
	return n
}

// streetHeadBits is the number of bits of streetHeads: 32 kB, in which
// the first letters of 30,000 streets leave nine bits in ten clear.
const (
	streetHeadLog  = 18
	streetHeadBits = 1 << streetHeadLog
)

// streetHead hashes the first five letters of w, made small, to a bit of
// streetHeads; false when they are not all ASCII letters.
func streetHead(w string) (uint32, bool) {
	if len(w) < 5 {
		return 0, false
	}
	var k uint64
	for i := range 5 {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return 0, false
		}
		k = k<<8 | uint64(c)
	}
	return uint32(k * 0x9e3779b97f4a7c15 >> (64 - streetHeadLog)), true
}

// mayHeadStreet reports whether the word w, which does not end as a
// street, may be a roster street misspelt in its ending ("Oudegrach
// 210"): it starts as one does. Asking misspeltStreets of every long word
// before a number took 9 to 18% off the scan.
func (d *Detector) mayHeadStreet(w string) bool {
	if h, ok := streetHead(w); ok {
		return d.streetHeads[h/64]&(1<<(h%64)) != 0
	}
	// Letters beyond ASCII among the first five may still fold to a
	// street's ("Éénhoornstraat"): asked. A digit or a sign never is (a
	// phone book's numbers, each before the next, were all asked, and
	// digit-dense text ran at a third of its speed).
	for i := range min(5, len(w)) {
		if c := w[i]; c < utf8.RuneSelf && !asciiLetter(c) {
			return false
		}
	}
	return true
}

// minMisspeltStreet is the least length of a street's last word looked
// for misspelt: in a shorter one a letter otherwise is another street as
// often as a slip ("Dorpweg", "Dorpsweg").
const minMisspeltStreet = 8

// streetIndex finds the last words of the roster's streets of
// minMisspeltStreet letters or more by each of their one-letter deletions
// and themselves: a word one edit from one of them has a deletion in
// common with it, or is one. The forms are kept as hashes in one sorted
// list, 16 bytes each: as strings in a map, the forms of 50,000 streets
// took 63 MB.
type streetIndex struct {
	seed  maphash.Seed
	words []string
	forms []streetForm // by hash
}

type streetForm struct {
	h    uint64
	word int32 // in words
}

func (d *Detector) streetSpellingIndex() *streetIndex {
	x := &streetIndex{seed: maphash.MakeSeed()}
	seen := map[string]bool{}
	var buf []byte
	for _, a := range d.addresses {
		words := strings.Fields(a.addr.Street)
		w := words[len(words)-1]
		if len(w) < minMisspeltStreet || seen[w] {
			continue
		}
		seen[w] = true
		k := int32(len(x.words))
		x.words = append(x.words, w)
		x.forms = append(x.forms, streetForm{maphash.String(x.seed, w), k})
		for i := range len(w) {
			buf = appendWithout(buf[:0], w, i)
			x.forms = append(x.forms, streetForm{maphash.Bytes(x.seed, buf), k})
		}
	}
	slices.SortFunc(x.forms, func(a, b streetForm) int { return cmp.Compare(a.h, b.h) })
	return x
}

// misspeltStreets are the last words of roster streets that the folded
// word x misspells by one letter (left out, added, changed or swapped).
func (d *Detector) misspeltStreets(x string) []string {
	if len(x) < minMisspeltStreet-1 {
		return nil
	}
	sp := d.streetSpellings()
	var out []string
	try := func(h uint64) {
		k, _ := slices.BinarySearchFunc(sp.forms, h, func(f streetForm, h uint64) int { return cmp.Compare(f.h, h) })
		for ; k < len(sp.forms) && sp.forms[k].h == h; k++ {
			// Equal hashes of unequal forms only cost the comparison.
			if w := sp.words[sp.forms[k].word]; w != x && !slices.Contains(out, w) && withinOneEdit(x, w) {
				out = append(out, w)
			}
		}
	}
	try(maphash.String(sp.seed, x))
	buf := make([]byte, 0, len(x))
	for i := range len(x) {
		buf = appendWithout(buf[:0], x, i)
		try(maphash.Bytes(sp.seed, buf))
	}
	return out
}
