// Package hugeheap backs the Go heap with huge pages of 2 MiB where Linux
// leaves them to the program (transparent_hugepage set to "madvise", as
// Debian and Ubuntu ship it), instead of pages of 4 KiB.
//
// Why: memory a program touches for the first time costs a page fault per
// page, and on a virtual machine a fault costs 10 µs or more (12.7 µs on
// the machines doxwatch is built on). Building the index of a roster of
// 10,000 touches some 28 MB: 7,000 faults, half of the start-up of `doxwatch
// check`; and `check` over 50 MB of files touched 120 MB more, another
// 30,000. A huge page costs one fault for what 512 small ones cost.
//
// How: the package's init, which runs before the packages that allocate
// much at init (it imports only the standard library), takes
// one large region from the runtime, which maps it fresh from the kernel
// without touching it, advises the kernel to back it with huge pages,
// and frees it again. The runtime's page allocator hands out the lowest
// free addresses first, so the heap grows into the advised region. A
// little of it stays outside, under 2 MiB: what the heap held before init
// and the pages the running P took into its page cache while the region
// was allocated. Where the kernel has no transparent huge pages, or has
// them always or never, the advice changes nothing.
//
// Set DOXWATCH_HUGEPAGES=off to leave the heap to the kernel's default:
// memory the runtime returns to the kernel inside a huge page may be
// collapsed into a huge page again by the kernel's khugepaged, so a
// long-running daemon's resident memory stays near its peak rather than
// shrinking after it.
package hugeheap

// Region is the size of the advised region: room for the index of 50,000
// employees and `check` on large files. It is address space only; the
// kernel backs each 2 MiB of it with memory when the heap first uses it.
const Region = 256 << 20

// Env names the environment variable that turns the advice off ("off").
const Env = "DOXWATCH_HUGEPAGES"
