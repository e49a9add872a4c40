//go:build race

package memtest

// raceFactor: the race detector makes every allocation cost several times
// its size (measured here: 2.7 to 3.3 times on the hostile cases).
const raceFactor = 4
