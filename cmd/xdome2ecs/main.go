// Command xdome2ecs converts Claroty xDome CEF syslog to ECS NDJSON.
//
// Usage:
//
//	xdome2ecs [flags] [file ...]
//
// It reads the lines of each file in turn (standard input when there is no
// file or the file is "-"; gzip, told by its magic bytes, is decompressed,
// on standard input too, with zero padding after it ignored)
// and writes one ECS JSON document per xDome record to standard output, in
// input order, even when it parses in parallel. A line that is not an xDome
// CEF record is reported on standard error as FILE:LINE: error (standard
// input is named <stdin>), skipped, and with -rejects written to a file as
// it was read. Blank lines are skipped without a word. A line ends at
// "\n", "\r\n" or a lone "\r".
//
// Flags:
//
//	-o FILE         write the documents to FILE instead of standard output
//	-rejects FILE   write every rejected line to FILE, byte for byte, with
//	                its line ending ("\n" is added to a last line without one)
//	-strict         stop at the first bad line (or unreadable input)
//	-workers N      parse on N goroutines (default: the number of CPUs;
//	                at most 4 per CPU)
//	-max-line N     longest line accepted, in bytes (default 1 MiB: xDome
//	                records are 1-3 KB; at most 256 MiB); a longer one is
//	                reported, and passed to -rejects, without being held
//	                in memory
//	-q              no summary line at the end
//	-demo           convert the built-in sample events instead of files
//	-keep-unmapped  keep the extension keys that no ECS field takes, under
//	                claroty.xdome.unmapped
//	-location ZONE  read the times that a record writes without an offset
//	                as local times in ZONE, an IANA name (Europe/Berlin)
//	                or Local; the default is UTC
//	-normalize-mac  write MAC addresses as ECS asks: 00-50-56-94-2B-94
//
// The last three are the options of the library's xdome.Parser.
//
// An output that is the same file as an input, or as the other output, is
// refused with exit status 2 before anything is written: the outputs are
// opened (or created) first and compared with the inputs and each other by
// device and inode, so links, bind mounts, /dev/fd/N and an output named
// again as an input all count (see paths.go). Whatever stops the
// command, every output ends with a whole line: SIGINT, SIGTERM and the
// other catchable signals that would end it stop it after writing what its
// workers have, and a further signal after the write in progress (see
// signals.go).
//
// Exit status: 0 when every line parsed, 1 when some did not (or a gzip
// stream was cut short), 2 for a usage error or an I/O error (an input
// that cannot be opened or read, or that has trailing garbage after its
// gzip data, or output that cannot be written; the other
// inputs are still converted; a closed output pipe is such an error, on
// standard output as with -o), 128 plus the signal number after a signal
// (130 after SIGINT, 143 after SIGTERM).
//
// At the end a summary goes to standard error (lines, events and how many
// of them have field problems, rejected, seconds, lines/s, MB/s of
// input), unless -q; when standard error is a
// terminal, a progress line updates in place while a long job runs.
//
// Memory follows the work in flight, not the input (see limits.go): unless
// GOMEMLIMIT is set, the runtime's soft memory limit is 1 GiB.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"
	_ "time/tzdata" // -location names work on a machine without a zone database

	"github.com/cefecs/xdome"
)

// demoLog holds the sample events of -demo: the six Event Samples of the
// vendor's integration page and some of the library's catalogue samples
// (one with an RFC 5424 syslog header, one with CRLF framing, and one of
// each record kind: alert, device change, vulnerability, server incident,
// and an alert in the standard CEF keys).
//
//go:embed demo.log
var demoLog []byte

// chunkSize is the input of one batch, handed to a worker in one piece (a
// variable so that the tests can make batch edges fall everywhere).
var chunkSize = 256 << 10

const (
	// defaultMaxLine is the default of -max-line: xDome's records are 1
	// to 3 KB, and 1 MiB leaves room for the longest lists one may carry
	// while bounding what one line costs.
	defaultMaxLine = 1 << 20
	// stdinName names standard input in messages.
	stdinName = "<stdin>"
)

func main() {
	sigs := notifyStop() // first: a signal before it would kill the job mid-line
	setMemoryLimit()
	os.Exit(runSignals(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, sigs))
}

// Exit statuses.
const (
	exitOK    = 0 // every line parsed
	exitBad   = 1 // some lines did not
	exitFatal = 2 // usage or I/O error
)

// config is the command line.
type config struct {
	out, rejects string
	strict       bool
	quiet        bool
	demo         bool
	workers      int
	maxLine      int
	files        []string
	// The library's options: -keep-unmapped, -location, -normalize-mac.
	parser   xdome.Parser
	location string
}

const usageText = `usage: xdome2ecs [flags] [file ...]

Convert Claroty xDome CEF syslog to ECS NDJSON: one JSON document per line,
in input order. With no file, or "-", standard input is read; gzip input
is decompressed. Bad lines are reported on standard error as FILE:LINE:
error and skipped. Exit status: 0 all lines parsed, 1 some did not, 2 usage
or I/O error.

Try: xdome2ecs -demo

Flags:
`

// parseFlags reads the command line; it returns ok false after reporting a
// usage error (or printing the help, with status 0).
func parseFlags(args []string, stderr io.Writer) (cfg config, status int, ok bool) {
	fs := flag.NewFlagSet("xdome2ecs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageText)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.out, "o", "", "write the documents to `FILE` instead of standard output")
	fs.StringVar(&cfg.rejects, "rejects", "", "write rejected lines to `FILE`, byte for byte")
	fs.BoolVar(&cfg.strict, "strict", false, "stop at the first bad line")
	fs.IntVar(&cfg.workers, "workers", runtime.NumCPU(), "parse on `N` goroutines")
	fs.IntVar(&cfg.maxLine, "max-line", defaultMaxLine, "longest line accepted, in `bytes` (xDome records are 1-3 KB); longer ones are rejected")
	fs.BoolVar(&cfg.quiet, "q", false, "no summary on standard error")
	fs.BoolVar(&cfg.demo, "demo", false, "convert the built-in sample events")
	fs.BoolVar(&cfg.parser.KeepUnmapped, "keep-unmapped", false, "keep the keys that no ECS field takes, under claroty.xdome.unmapped")
	fs.StringVar(&cfg.location, "location", "", "read times written without an offset in time `ZONE` (an IANA name such as Europe/Berlin, or Local; default UTC)")
	fs.BoolVar(&cfg.parser.NormalizeMAC, "normalize-mac", false, "write MAC addresses as ECS asks (00-50-56-94-2B-94)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, exitOK, false
		}
		return cfg, exitFatal, false // the flag package has said why
	}
	cfg.files = fs.Args()
	usage := func(msg string) (config, int, bool) {
		fmt.Fprintf(stderr, "xdome2ecs: %s\n", msg)
		fs.Usage()
		return cfg, exitFatal, false
	}
	switch {
	case cfg.workers < 1:
		return usage(fmt.Sprintf("-workers %d: want at least 1", cfg.workers))
	case cfg.maxLine < 1:
		return usage(fmt.Sprintf("-max-line %d: want at least 1", cfg.maxLine))
	case cfg.demo && len(cfg.files) > 0:
		return usage("-demo takes no file")
	}
	if cfg.location != "" {
		loc, err := time.LoadLocation(cfg.location)
		if err != nil {
			return usage(fmt.Sprintf("-location %q: not a time zone", cfg.location))
		}
		cfg.parser.Location = loc
	}
	clampFlags(&cfg, stderr)
	return cfg, exitOK, true
}

// run is the command: main with its environment as arguments, so that the
// tests run it in-process. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runSignals(args, stdin, stdout, stderr, nil)
}

// runSignals is run, stopped cleanly by the first signal on sigs.
func runSignals(args []string, stdin io.Reader, stdout, stderr io.Writer, sigs <-chan os.Signal) int {
	cfg, status, ok := parseFlags(args, stderr)
	if !ok {
		return status
	}

	var inputs []input
	switch {
	case cfg.demo:
		inputs = []input{{name: "demo.log", data: demoLog}}
	case len(cfg.files) == 0:
		inputs = []input{{name: "-"}}
	default:
		for _, name := range cfg.files {
			inputs = append(inputs, input{name: name})
		}
	}
	// Nothing is written before every output is known to be neither an
	// input nor another output.
	outFile, rejFile, outs, err := openOutputs(cfg, inputs, stdin, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "xdome2ecs: %v\n", err)
		return exitFatal
	}
	startWriting()
	out := &sink{name: "standard output", w: stdout}
	out.f, _ = stdout.(*os.File)
	var files []*os.File
	if outFile != nil {
		out = &sink{name: cfg.out, w: outFile, f: outFile}
		files = append(files, outFile)
	}
	var rejects *sink
	if rejFile != nil {
		rejects = &sink{name: cfg.rejects, w: rejFile, f: rejFile}
		files = append(files, rejFile)
	}

	p := newPipeline(cfg, stdin, out, rejects, stderr)
	p.sigs = sigs
	p.outs = outs
	st := p.run(inputs)
	for _, f := range files {
		if err := f.Close(); err != nil && !st.fatal {
			p.errorf("%v", err)
			st.fatal = true
		}
	}
	if !cfg.quiet {
		p.clearProgress()
		p.errw.WriteString(st.summary(time.Since(p.start)) + "\n")
	}
	p.errw.Flush()

	switch {
	case st.signal != nil:
		return signalStatus(st.signal)
	case st.fatal:
		return exitFatal
	case st.rejected > 0:
		return exitBad
	}
	return exitOK
}
