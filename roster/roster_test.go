package roster

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/doxwatch/doxwatch/address"
	"github.com/nyaruka/phonenumbers/v2"
)

func TestLoadSemicolonBOMCRLF(t *testing.T) {
	r, err := Load(filepath.Join("testdata", "semicolon-bom-crlf.csv"), "NL")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Employees) != 2 {
		t.Fatalf("got %d employees", len(r.Employees))
	}
	e := r.Employees[0]
	want := Employee{
		ID: "E001", FirstName: "Sanne", LastName: "van den Berg",
		Phones:    []string{"+31612345678", "+31301234567"},
		Emails:    []string{"sanne.vdberg82@example.com"},
		Addresses: []address.Address{{Street: "kerkstraat", Number: 12, Addition: "a", Postcode: "1234AB", City: "utrecht"}},
		Location:  "Utrecht Oost",
	}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("employee 0 = %+v\nwant %+v", e, want)
	}
	if got, ok := r.Get("E002"); !ok || got.FirstName != "Joël" || !reflect.DeepEqual(got.KnownAs, []string{"Joe"}) || got.Phones[0] != "+31648765432" {
		t.Errorf("E002 = %+v", got)
	}
}

func TestLoadCommaQuoted(t *testing.T) {
	r, err := Load(filepath.Join("testdata", "comma.csv"), "NL")
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Summary(); s != (Summary{Employees: 3, Phones: 2, Emails: 2, Addresses: 2, Locations: 2}) {
		t.Errorf("summary = %+v", s)
	}
	am, _ := r.Get("E011")
	if am.FirstName != "Anne Marie" || am.LastName != "'t Hart" || !reflect.DeepEqual(am.KnownAs, []string{"Annemarie", "Ria"}) || am.Phones[0] != "+31307654321" {
		t.Errorf("E011 = %+v", am)
	}
	pw, _ := r.Get("E012")
	if pw.Addresses[0] != (address.Address{Street: "oudegracht", Number: 100, Addition: "hs", Postcode: "3511AB", City: "utrecht"}) {
		t.Errorf("multi-line quoted address = %+v", pw.Addresses[0])
	}
}

func TestWindows1252(t *testing.T) {
	csv := "id,first_name,last_name\nE1,Jo\xebl,M\xfcller\n" // ë and ü in Windows-1252
	r, err := Parse("w.csv", strings.NewReader(csv), "NL")
	if err != nil {
		t.Fatal(err)
	}
	if e := r.Employees[0]; e.FirstName != "Joël" || e.LastName != "Müller" {
		t.Errorf("got %q %q", e.FirstName, e.LastName)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"empty", "", []string{"roster t.csv: the file is empty"}},
		{"blank", " \r\n\n", []string{"roster t.csv: the file is empty"}},
		{"header only", "id,first_name,last_name\n", []string{"roster t.csv: no employees after the header"}},
		{"unknown header", "id,first_name,last_name,salary\n", []string{`roster t.csv:1: column 4: unknown header "salary"`}},
		{"missing column", "id,first_name\nE1,A\n", []string{`roster t.csv:1: missing column "last_name"`}},
		{"duplicate header", "id,first_name,last_name,id\n", []string{`roster t.csv:1: column 4: header "id" appears twice`}},
		{"bad phone", "id,first_name,last_name,phone\nE1,A,B,06-12345678\nE2,C,D,06-1234\n",
			[]string{`t.csv:3: phone (column 4): not a valid Dutch number (10 digits expected, 6 given)`}},
		{"unused range", "id,first_name,last_name,phone\nE1,A,B,06-70809010\n",
			[]string{`t.csv:2: phone (column 4): not a valid Dutch number: 10 digits, but no Dutch number starts so (check the area code or the mobile's first digits)`}},
		{"second phone", "id,first_name,last_name,phone\nE1,A,B,06-12345678|0612\n",
			[]string{`t.csv:2: phone (column 4, value 2 of 2): not a valid Dutch number (10 digits expected, 4 given)`}},
		{"bad email and address", "id;first_name;last_name;email;address\nE1;A;B;not-mail;Lindelaan\n",
			[]string{`t.csv:2: email (column 4): not an e-mail address: no @`, `t.csv:2: address (column 5): want street and house number`}},
		{"duplicate id", "id,first_name,last_name\nE1,A,B\nE2,C,D\nE1,E,F\n", []string{`t.csv:4: id "E1" is also on line 2`}},
		// Reported also where the first row has problems of its own.
		{"duplicate id after a bad row", "id,first_name,last_name,phone\nE1,A,B,06-1234\nE1,E,F,\n",
			[]string{`t.csv:2: phone (column 4)`, `t.csv:3: id "E1" is also on line 2`}},
		{"empty required", "id,first_name,last_name\n,A,\n", []string{"t.csv:2: id (column 1): empty", "t.csv:2: last_name (column 3): empty"}},
		{"field count", "id,first_name,last_name\nE1,A,B,extra\nE2,C,D\n", []string{"t.csv:2: 4 fields where the header has 3: a value with a comma in it must be in double quotes"}},
		{"unquoted comma in address", "id,first_name,last_name,address,location\nE1,A,B,Kerkstraat 12, 1234 AB Utrecht,Utrecht\n",
			[]string{`t.csv:2: 6 fields where the header has 5: the address (column 4) has a comma in it; put the value in double quotes`}},
		{"bare quote", "id,first_name,last_name\nE1,A \"x\" B,C\n", []string{`t.csv:2: bare " in non-quoted-field`}},
		// Once a panic (FuzzParse): a quote opened at the last line.
		{"quote never closed", "id,first_name,last_name\n\"", []string{`t.csv:2: extraneous or missing " in quoted-field`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("t.csv", strings.NewReader(tt.csv), "NL")
			if err == nil {
				t.Fatalf("no error; roster %+v", r)
			}
			// No value from the file is repeated in an error.
			for _, secret := range []string{"06-1234", "0612", "not-mail", "Lindelaan"} {
				if strings.Contains(tt.csv, secret) && strings.Contains(err.Error(), secret) && !strings.Contains(tt.name, "comma") {
					t.Errorf("the error repeats %q: %v", secret, err)
				}
			}
			var list []string
			var re *Errors
			if errors.As(err, &re) {
				list = re.List
			} else {
				list = []string{err.Error()}
			}
			if len(list) != len(tt.want) {
				t.Fatalf("errors %q, want %d like %q", list, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(list[i], w) {
					t.Errorf("error %d = %q, want prefix %q", i, list[i], w)
				}
			}
		})
	}
}

func TestManyErrorsStop(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,first_name,last_name,phone\n")
	for i := 0; i < 200; i++ {
		b.WriteString("E,A,B,123\n")
	}
	_, err := Parse("t.csv", strings.NewReader(b.String()), "NL")
	var re *Errors
	if !errors.As(err, &re) || len(re.List) != maxErrors+1 || !strings.Contains(re.List[maxErrors], "stopped after") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.csv"), "NL")
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.csv") {
		t.Fatalf("err = %v", err)
	}
}

// A file pieced together from a UTF-8 and a Windows-1252 export keeps
// every name right; a NUL byte refuses the row; UTF-16 (Excel's "Unicode
// text") is read.
func TestEncodings(t *testing.T) {
	mixed := "id;first_name;last_name\nE1;Joëlle;Dijkstra\nE2;Ren\xe9e;M\xfcller\n"
	r, err := Parse("mixed.csv", strings.NewReader(mixed), "NL")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := r.Employees[0], r.Employees[1]; a.FirstName != "Joëlle" || b.FirstName != "Renée" || b.LastName != "Müller" {
		t.Errorf("names %q %q %q", a.FirstName, b.FirstName, b.LastName)
	}
	_, err = Parse("nul.csv", strings.NewReader("id;first_name;last_name\nE1;San\x00ne;Berg\n"), "NL")
	if err == nil || !strings.Contains(err.Error(), "nul.csv:2: first_name (column 2): contains a NUL byte") {
		t.Errorf("NUL: %v", err)
	}
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "id\tfirst_name\tlast_name\nE1\tJoëlle\tDijkstra\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	r, err = Parse("unicode.txt", bytes.NewReader(utf16), "NL")
	if err != nil || r.Employees[0].FirstName != "Joëlle" {
		t.Errorf("UTF-16: %v %+v", err, r)
	}
}

// The fast path for Dutch mobiles gives what the phone number library
// gives, for every way of writing a number it takes, and leaves the rest
// to the library.
func TestDutchNumberAgreesWithTheLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	forms := []func(string) string{
		func(n string) string { return "0" + n },
		func(n string) string { return "0" + n[:1] + "-" + n[1:] },
		func(n string) string { return "0" + n[:2] + "-" + n[2:] },
		func(n string) string { return "0" + n[:1] + " " + n[1:3] + " " + n[3:5] + " " + n[5:7] + " " + n[7:] },
		func(n string) string { return "+31 " + n },
		func(n string) string { return "+31" + n[:1] + " " + n[1:] },
		func(n string) string { return "0031 " + n },
		func(n string) string { return "0" + n[:3] + "." + n[3:6] + "." + n[6:] },
		func(n string) string { return "0" + n[:2] + "/" + n[2:] },
		func(n string) string { return "+31 (0)" + n },
		func(n string) string { return "0" + n + " x12" },
	}
	fast, fastOther := 0, 0
	for range 40_000 {
		// Every range (01 … 09, 061 … 069, 0800, 0900), some numbers too
		// short or too long.
		n := fmt.Sprintf("%d%d%07d", 1+r.IntN(9), r.IntN(10), r.IntN(10_000_000))
		switch r.IntN(20) {
		case 0:
			n = n[:len(n)-1]
		case 1:
			n += "7"
		}
		raw := forms[r.IntN(len(forms))](n)
		got, ok := DutchNumber(raw, "NL")
		num, err := phonenumbers.Parse(raw, "NL")
		valid := err == nil && phonenumbers.IsValidNumber(num)
		if !ok {
			if valid && len(n) == 9 && !strings.ContainsAny(raw, "(x") {
				t.Errorf("%q: the fast path refused a valid number of the usual form", raw)
			}
			continue // the library decides
		}
		fast++
		if n[0] != '6' {
			fastOther++
		}
		if !valid || got != phonenumbers.Format(num, phonenumbers.E164) {
			t.Fatalf("%q: fast path %q, library %v (valid %v)", raw, got, num, valid)
		}
	}
	if fast < 15_000 || fastOther < 10_000 { // about 17,500 and 15,000
		t.Errorf("the fast path took only %d of 40,000 numbers, %d of them no mobile", fast, fastOther)
	}
	if _, ok := DutchNumber("06-12345678", "BE"); ok {
		t.Error("the fast path read a number for another region")
	}
}

// TestLargeRosterInOrder reads a roster long enough to be checked on
// several cores: the employees come out in file order, and the problems in
// line order with their own lines, as from a roster read line by line.
func TestLargeRosterInOrder(t *testing.T) {
	const n = 3000
	bad := map[int]bool{7: true, 700: true, 1501: true, 2999: true} // employee numbers with a bad phone
	var b strings.Builder
	b.WriteString("id,first_name,last_name,phone,email,address\n")
	for i := range n {
		phone := fmt.Sprintf("06-%08d", 10000000+i)
		if bad[i] {
			phone = "06-1234"
		}
		fmt.Fprintf(&b, "E%04d,Sanne,Bakker,%s,s.bakker%d@example.com,\"Kerkstraat %d, 1234 AB Utrecht\"\n", i, phone, i, 1+i%300)
	}
	b.WriteString("E0005,Kees,Visser,,,\n") // a duplicate id on the last line
	_, err := Parse("t.csv", strings.NewReader(b.String()), "NL")
	var re *Errors
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want the roster's problems", err)
	}
	var want []string
	for _, i := range []int{7, 700, 1501, 2999} {
		want = append(want, fmt.Sprintf("t.csv:%d: phone (column 4): not a valid Dutch number", i+2))
	}
	want = append(want, fmt.Sprintf(`t.csv:%d: id "E0005" is also on line 7`, n+2))
	if len(re.List) != len(want) {
		t.Fatalf("problems %q, want %d", re.List, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(re.List[i], w) {
			t.Errorf("problem %d = %q, want %q…", i, re.List[i], w)
		}
	}

	// Without the problems: every employee, in order.
	fixed := strings.ReplaceAll(b.String(), "06-1234,", "06-20000000,")
	fixed = fixed[:strings.LastIndex(strings.TrimSuffix(fixed, "\n"), "\n")+1]
	r, err := Parse("t.csv", strings.NewReader(fixed), "NL")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Employees) != n {
		t.Fatalf("%d employees, want %d", len(r.Employees), n)
	}
	for i, e := range r.Employees {
		if id := fmt.Sprintf("E%04d", i); e.ID != id || len(e.Phones) != 1 || len(e.Addresses) != 1 || e.Addresses[0].Number != 1+i%300 {
			t.Fatalf("employee %d = %+v, want %s with a phone and address number %d", i, e, id, 1+i%300)
		}
	}
}

func TestManyErrorsStopInALargeRoster(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,first_name,last_name,phone\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "E%d,A,B,123\n", i)
	}
	_, err := Parse("t.csv", strings.NewReader(b.String()), "NL")
	var re *Errors
	if !errors.As(err, &re) || len(re.List) != maxErrors+1 || !strings.Contains(re.List[maxErrors], "stopped after") {
		t.Fatalf("err = %v", err)
	}
	for i, e := range re.List[:maxErrors] {
		if want := fmt.Sprintf("t.csv:%d: ", i+2); !strings.HasPrefix(e, want) {
			t.Fatalf("problem %d = %q, want it on line %d", i, e, i+2)
		}
	}
}

// TestDutchRangesByPrefix holds validDutchRanges to the library: for every
// first three digits, numbers of nine digits with any other six are valid
// or not as the table says. A new release of the library with ranges that
// go deeper fails here.
func TestDutchRangesByPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	valid := validDutchRanges()
	for prefix := range 100 {
		if valid[prefix] {
			t.Fatalf("prefix %03d: a national number starts with 1 to 9", prefix)
		}
	}
	for prefix := 100; prefix < 1000; prefix++ {
		tails := []uint64{0, 999_999, 123_456, 500_000}
		for range 8 {
			tails = append(tails, r.Uint64N(1_000_000))
		}
		for _, tail := range tails {
			n := uint64(prefix)*1_000_000 + tail
			if got := validDutch(n); got != valid[prefix] {
				t.Fatalf("0%09d: the library says valid=%v, the table by its first three digits %v", n, got, valid[prefix])
			}
		}
	}
}

// FuzzParse: no file an HR export may be can panic the roster's reading,
// and every error names the file (and so the line or field, see TestErrors).
func FuzzParse(f *testing.F) {
	for _, name := range []string{"comma.csv", "semicolon-bom-crlf.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("id;first_name;last_name;phone\nE1;Sanne;van den Berg;06-12345678|+31 30 123 4567\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("hr.csv", bytes.NewReader(data), "NL")
		if err != nil && !strings.Contains(err.Error(), "hr.csv") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
