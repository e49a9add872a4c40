package hugeheap

import (
	"os"
	"runtime"
	"syscall"
)

func init() {
	if os.Getenv(Env) == "off" {
		return
	}
	// A large allocation is page-aligned and fresh from the kernel; the
	// kernel rounds the advice to whole huge pages inside it.
	region := make([]byte, Region)
	_ = syscall.Madvise(region, syscall.MADV_HUGEPAGE) // EINVAL: no huge pages in this kernel; nothing lost
	region = nil
	// Collect now: the region is free for the heap at once, and the
	// collector's goal is set by the small heap of init, not by 256 MiB.
	runtime.GC()
}
