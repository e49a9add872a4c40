package hugeheap

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// vma is a mapping of /proc/self/smaps: its addresses, whether it is
// advised for huge pages ("hg" in its VmFlags) and how much of it huge
// pages back.
type vma struct {
	start, end uintptr
	advised    bool
	hugeKB     int
}

func mappings(t *testing.T) []vma {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var out []vma
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		switch {
		case len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			lo, hi, _ := strings.Cut(fields[0], "-")
			start, err1 := strconv.ParseUint(lo, 16, 64)
			end, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("smaps: cannot read %q", line)
			}
			out = append(out, vma{start: uintptr(start), end: uintptr(end)})
		case len(out) == 0:
		case fields[0] == "AnonHugePages:":
			out[len(out)-1].hugeKB, _ = strconv.Atoi(fields[1])
		case fields[0] == "VmFlags:":
			out[len(out)-1].advised = strings.Contains(line, " hg")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func containing(t *testing.T, maps []vma, p unsafe.Pointer) vma {
	t.Helper()
	for _, m := range maps {
		if m.start <= uintptr(p) && uintptr(p) < m.end {
			return m
		}
	}
	t.Fatalf("no mapping holds %p", p)
	return vma{}
}

// thpMode is the kernel's setting for transparent huge pages ("always",
// "madvise", "never"); the test is skipped where the kernel has none.
func thpMode(t *testing.T) string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		t.Skipf("no transparent huge pages in this kernel: %v", err)
	}
	_, rest, _ := strings.Cut(string(b), "[")
	mode, _, _ := strings.Cut(rest, "]")
	return mode
}

// What is allocated after init, small or large, lies in the advised
// region, and the kernel backs what the heap touched with huge pages;
// with DOXWATCH_HUGEPAGES=off (TestOff runs this test so) nothing is
// advised.
//
// Small objects are counted, not taken one by one, because a little of
// the heap lies outside the region and is filled first: the heap mapped
// before init (1 to 1.5 MiB below the region), and the pages the running
// P took into its page cache while the region was still allocated (64
// pages, 512 KiB above it; the collector flushes only idle Ps' caches).
// Of 8 MiB of small objects, kept alive so that a collection during the
// loop cannot hand the same slots out again, most must lie in the region.
func TestHeapIsAdvised(t *testing.T) {
	mode := thpMode(t)
	off := os.Getenv(Env) == "off"
	small := make([]*[64]byte, 1<<17)
	for i := range small {
		small[i] = new([64]byte)
	}
	large := make([]byte, 8<<20)
	for i := range large {
		large[i] = byte(i)
	}
	maps := mappings(t)
	m := containing(t, maps, unsafe.Pointer(&large[0]))
	advised := 0
	for _, p := range small {
		if containing(t, maps, unsafe.Pointer(p)).advised {
			advised++
		}
	}
	switch {
	case off && (advised > 0 || m.advised):
		t.Errorf("%s=off, but %d of %d small objects and the large one (%t) lie in memory advised for huge pages",
			Env, advised, len(small), m.advised)
	case off:
	case !m.advised:
		t.Errorf("the large object at %p (mapping %#x-%#x) is not advised for huge pages", &large[0], m.start, m.end)
	case mode != "never" && m.hugeKB == 0:
		t.Errorf("THP %q: the large object at %p is advised, but no huge page backs its mapping", mode, &large[0])
	case advised < len(small)/2:
		t.Errorf("only %d of %d small objects lie in memory advised for huge pages", advised, len(small))
	}
}

func TestOff(t *testing.T) {
	thpMode(t)
	if os.Getenv(Env) == "off" {
		t.Skip("already the child")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHeapIsAdvised$", "-test.v")
	cmd.Env = append(os.Environ(), Env+"=off")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestHeapIsAdvised") {
		t.Fatalf("with %s=off: %v\n%s", Env, err, out)
	}
}
