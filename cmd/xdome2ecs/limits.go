package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// The limits: memory follows the work in flight, not the input. The
// batches in flight hold about inFlight bytes of input and of documents
// waiting to be written (one line of up to -max-line bytes always
// passes); a line over -max-line (default 1 MiB) is passed on in pieces,
// never held whole; the library allocates at most 8 times a line and its
// document; -workers and -max-line are clamped to ranges that keep that
// true; and the garbage collector works against a memory limit rather
// than a larger GOGC. Under the default flags the peak resident memory
// stays in the hundreds of MiB whatever the input: measured with
// /usr/bin/time -v on 2 CPUs, 18 MiB for files of three 64 MiB lines of
// "<" or of "::," (rejected as over-long), 300 MiB for 150 lines of 1 MiB
// of "<" (documents twelve times their lines), 610 MiB for those with
// -workers 8.

const (
	// maxMaxLine is the largest -max-line: one such line, its document and
	// the library's work on it take about 1 GiB.
	maxMaxLine = 256 << 20
	// memoryLimit is the soft memory limit set unless GOMEMLIMIT is.
	memoryLimit = 1 << 30
)

// maxWorkers is the largest -workers: more goroutines than this many per
// CPU only cost memory.
func maxWorkers() int { return 4 * runtime.NumCPU() }

// setMemoryLimit sets the runtime's soft memory limit, unless the user
// chose one with GOMEMLIMIT. GOGC stays as the user set it (default 100):
// the limit, not a larger GOGC, is what keeps a job of long lines bounded.
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// clampFlags brings -workers and -max-line into range, saying so.
func clampFlags(cfg *config, stderr io.Writer) {
	if m := maxWorkers(); cfg.workers > m {
		fmt.Fprintf(stderr, "xdome2ecs: -workers %d: using %d, the most (4 per CPU)\n", cfg.workers, m)
		cfg.workers = m
	}
	if cfg.maxLine > maxMaxLine {
		fmt.Fprintf(stderr, "xdome2ecs: -max-line %d: using %d (256 MiB), the most\n", cfg.maxLine, maxMaxLine)
		cfg.maxLine = maxMaxLine
	}
}
