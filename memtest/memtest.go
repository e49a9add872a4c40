// Package memtest measures the peak memory (RSS) of a test case by running
// it in a child process of the test binary, so each case has a high-water
// mark of its own. scripts/hostile prints what it measures.
package memtest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Env names the case a child runs.
const Env = "DOXWATCH_MEMTEST_CASE"

// Case is the case this process runs as a child, or "".
func Case() string { return os.Getenv(Env) }

// Report ends a child: it prints a result line and the peak RSS.
func Report(result string) {
	fmt.Printf("memtest result %s\n", result)
	fmt.Printf("memtest peak_rss_kb=%d\n", PeakRSS())
}

// PeakRSS is this process's peak resident set size in KiB (VmHWM), or 0
// where /proc does not tell.
func PeakRSS() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

// Limit is a peak-RSS bound of mb MiB for this build: the same in a
// normal build, raised by what the race detector adds in a race build (the
// test command's), so one test holds both to the bound. scripts/hostile
// measures without the race detector.
func Limit(mb int) int { return mb * raceFactor }

// Run runs the test named child in a new process of the test binary with
// the case name and extra environment, and returns its peak RSS in MiB and
// its result line. It fails t if the child fails or reports nothing.
func Run(t *testing.T, child, name string, env ...string) (mb int, result string) {
	t.Helper()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("peak RSS is read from /proc, which this system has not")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+child+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), Env+"="+name), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	kb := 0
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "memtest peak_rss_kb="); ok {
			kb, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(line, "memtest result "); ok {
			result = v
		}
	}
	if kb == 0 {
		t.Fatalf("%s: the child reported no peak RSS\n%s", name, out)
	}
	return kb >> 10, result
}
