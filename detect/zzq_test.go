package detect

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZQ(t *testing.T) {
	d, _ := evalDetector(t)
	b, _ := os.ReadFile("/tmp/q/in.txt")
	for _, text := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		text = strings.ReplaceAll(text, `\n`, "\n")
		var out []string
		for _, f := range d.Scan(text) {
			out = append(out, fmt.Sprint(f.EmployeeID, " ", f.Kind, " ", f.Severity, " ", f.Match, " | ", f.Reason))
		}
		t.Logf("%q => %v", text, out)
	}
}
