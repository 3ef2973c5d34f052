// Command xdome2ecs converts Claroty xDome CEF syslog to ECS NDJSON.
//
// Usage:
//
//	xdome2ecs [flags] [file ...]
//
// It reads the lines of each file in turn (standard input when there is no
// file or the file is "-"; a file whose name ends in ".gz" is decompressed)
// and writes one ECS JSON document per xDome record to standard output, in
// input order, even when it parses in parallel. A line that is not an xDome
// CEF record is reported on standard error as FILE:LINE: error (standard
// input is named <stdin>), skipped, and with -rejects written to a file as
// it was read. Blank lines are skipped without a word.
//
// Flags:
//
//	-o FILE         write the documents to FILE instead of standard output
//	-rejects FILE   write every rejected line to FILE, byte for byte, with
//	                its line ending ("\n" is added to a last line without one)
//	-strict         stop at the first bad line (or unreadable input)
//	-workers N      parse on N goroutines (default: the number of CPUs)
//	-max-line N     longest line accepted, in bytes (default 64 MiB); a
//	                longer one is reported and rejected, not fatal
//	-q              no summary line at the end
//	-demo           convert the built-in sample events instead of files
//
// Exit status: 0 when every line parsed, 1 when some did not, 2 for a usage
// error or an I/O error (an input that cannot be opened or read, or output
// that cannot be written; the other inputs are still converted).
//
// At the end a summary goes to standard error (lines, events, rejected,
// seconds, lines/s, MB/s of input), unless -q; when standard error is a
// terminal, a progress line updates in place while a long job runs.
//
// Unless the GOGC environment variable is set, the garbage collector runs
// at GOGC=400: less CPU time for a few tens of MB more memory.
package main

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cefecs/xdome"
)

// demoLog holds the sample events of -demo: the six Event Samples of the
// vendor's integration page and some of the library's catalogue samples
// (one with an RFC 5424 syslog header, one with CRLF framing).
//
//go:embed demo.log
var demoLog []byte

// chunkSize is the input of one batch, handed to a worker in one piece (a
// variable so that the tests can make batch edges fall everywhere).
var chunkSize = 256 << 10

const (
	// defaultMaxLine is the default of -max-line.
	defaultMaxLine = 64 << 20
	// stdinName names standard input in messages.
	stdinName = "<stdin>"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// The heap is small (the batches in flight) but every line
		// allocates its message: at the default of 100, garbage collection
		// took a fifth of the CPU time. 400 cuts that to a twentieth for
		// some tens of MB more memory.
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
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
}

const usageText = `usage: xdome2ecs [flags] [file ...]

Convert Claroty xDome CEF syslog to ECS NDJSON: one JSON document per line,
in input order. With no file, or "-", standard input is read; *.gz files
are decompressed. Bad lines are reported on standard error as FILE:LINE:
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
	fs.IntVar(&cfg.maxLine, "max-line", defaultMaxLine, "longest line accepted, in `bytes`; longer ones are rejected")
	fs.BoolVar(&cfg.quiet, "q", false, "no summary on standard error")
	fs.BoolVar(&cfg.demo, "demo", false, "convert the built-in sample events")
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
	return cfg, exitOK, true
}

// run is the command: main with its environment as arguments, so that the
// tests run it in-process. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, status, ok := parseFlags(args, stderr)
	if !ok {
		return status
	}

	out := stdout
	var closers []func() error
	if cfg.out != "" {
		f, err := os.Create(cfg.out)
		if err != nil {
			fmt.Fprintf(stderr, "xdome2ecs: %v\n", err)
			return exitFatal
		}
		out = f
		closers = append(closers, f.Close)
	}
	var rejects io.Writer
	if cfg.rejects != "" {
		f, err := os.Create(cfg.rejects)
		if err != nil {
			fmt.Fprintf(stderr, "xdome2ecs: %v\n", err)
			for _, c := range closers {
				c()
			}
			return exitFatal
		}
		rejects = f
		closers = append(closers, f.Close)
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

	p := newPipeline(cfg, stdin, out, rejects, stderr)
	st := p.run(inputs)
	for _, c := range closers {
		if err := c(); err != nil && !st.fatal {
			p.errw.WriteString("xdome2ecs: " + err.Error() + "\n")
			st.fatal = true
		}
	}
	if !cfg.quiet {
		p.clearProgress()
		p.errw.WriteString(st.summary(time.Since(p.start)) + "\n")
	}
	p.errw.Flush()

	switch {
	case st.fatal:
		return exitFatal
	case st.rejected > 0:
		return exitBad
	}
	return exitOK
}

// input is one source of lines: a file name, "-" for standard input, or
// built-in data.
type input struct {
	name string
	data []byte // the lines themselves, for -demo
}

// stats is what the summary line reports.
type stats struct {
	lines, events, rejected int
	bytes                   int64 // input read, uncompressed
	fatal                   bool  // an I/O error happened
}

func (st *stats) summary(d time.Duration) string {
	sec := d.Seconds()
	if sec <= 0 {
		sec = 1e-9
	}
	return fmt.Sprintf("xdome2ecs: %d lines, %d events, %d rejected, %.3f s, %.0f lines/s, %.1f MB/s",
		st.lines, st.events, st.rejected, sec, float64(st.lines)/sec, float64(st.bytes)/sec/1e6)
}

// The pipeline: one reader goroutine cuts the inputs into batches of whole
// lines and numbers them; the workers parse the lines of a batch into ECS
// NDJSON (and collect its bad lines); one writer puts the batches back in
// order and writes them out. Batches come from a fixed pool that the
// writer refills, so the pipeline holds a bounded amount of memory and the
// steady state allocates nothing but what xdome.ParseInto does.

// batchKind tells what a batch carries.
type batchKind uint8

const (
	kindLines batchKind = iota // whole lines, to convert
	kindLong                   // a piece of a line longer than the buffer may grow
	kindError                  // an input that cannot be opened or read
)

// batch is the unit of work and of output.
type batch struct {
	seq  int
	kind batchKind
	name string // input name, for messages
	line int    // number of the first line in data
	data []byte // kindLines: whole lines (the last may lack its "\n" at EOF); kindLong: the piece
	buf  []byte // backing store of data

	first, last bool  // kindLong: first and last piece of the line
	err         error // kindError

	// Filled by a worker for kindLines.
	out    []byte    // the NDJSON documents
	rej    []byte    // the bad lines, as read
	bad    []badLine // the bad lines
	lines  int       // lines in data
	events int       // documents in out
}

// badLine is one line of a batch that did not convert.
type badLine struct {
	line   int    // line number in the input
	n      int    // lines of the batch up to and including it
	events int    // documents of the batch before it
	outEnd int    // len(out) when it was met
	rejEnd int    // its end in rej
	msg    string // the error
}

type pipeline struct {
	cfg     config
	stdin   io.Reader
	out     io.Writer
	rejects io.Writer // nil without -rejects
	errw    *errWriter

	chunk   int // chunkSize when the pipeline was made
	nbatch  int
	free    chan *batch
	work    chan *batch
	results chan *batch
	done    chan struct{} // closed when the writer stops early

	start        time.Time
	progress     bool // stderr is a terminal and -q is off
	shown        bool // a progress line is on the screen
	lastProgress time.Time
}

func newPipeline(cfg config, stdin io.Reader, out, rejects, stderr io.Writer) *pipeline {
	p := &pipeline{
		cfg:     cfg,
		stdin:   stdin,
		out:     out,
		rejects: rejects,
		errw:    &errWriter{w: stderr},
		chunk:   chunkSize,
		nbatch:  2*cfg.workers + 4, // enough to keep every worker busy
		done:    make(chan struct{}),
		start:   time.Now(),
	}
	p.progress = !cfg.quiet && isTerminal(stderr)
	p.free = make(chan *batch, p.nbatch)
	for range p.nbatch {
		p.free <- new(batch)
	}
	p.work = make(chan *batch, p.nbatch)
	p.results = make(chan *batch, p.nbatch)
	return p
}

// run converts the inputs and returns the totals.
func (p *pipeline) run(inputs []input) stats {
	go p.read(inputs)
	var wg sync.WaitGroup
	for range p.cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.convert()
		}()
	}
	go func() {
		wg.Wait()
		close(p.results)
	}()
	// After an early stop, the reader and workers see p.done and wind down
	// by themselves; a reader blocked on a live pipe must not keep the
	// command alive, so they are not waited for.
	return p.write()
}

// ---- reader ----

// getBatch takes an empty batch from the pool; nil once the writer has stopped.
func (p *pipeline) getBatch() *batch {
	select {
	case b := <-p.free:
		return b
	case <-p.done:
		return nil
	}
}

// send hands a batch to the workers; false once the writer has stopped.
func (p *pipeline) send(b *batch, seq *int) bool {
	b.seq = *seq
	*seq++
	select {
	case p.work <- b:
		return true
	case <-p.done:
		return false
	}
}

// read cuts the inputs into batches, in order.
func (p *pipeline) read(inputs []input) {
	defer close(p.work)
	seq := 0
	for _, in := range inputs {
		if !p.readInput(in, &seq) {
			return
		}
	}
}

// readInput reads one input; false once the writer has stopped.
func (p *pipeline) readInput(in input, seq *int) bool {
	name := in.name
	var src io.Reader
	live := false // a pipe or terminal: hand over lines as soon as they come
	switch {
	case in.data != nil:
		src = bytes.NewReader(in.data)
	case name == "-":
		name = stdinName
		src = p.stdin
		if f, ok := p.stdin.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
				live = true
			}
		}
	default:
		f, err := os.Open(name)
		if err != nil {
			return p.sendError(name, err, seq)
		}
		defer f.Close()
		src = f
		if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
			live = true // a named pipe
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(f)
			if err != nil {
				return p.sendError(name, fmt.Errorf("gzip: %w", err), seq)
			}
			src = zr
		}
	}
	lr := lineReader{p: p, name: name, seq: seq, line: 1, live: live}
	return lr.run(src)
}

func (p *pipeline) sendError(name string, err error, seq *int) bool {
	b := p.getBatch()
	if b == nil {
		return false
	}
	b.kind, b.name, b.err = kindError, name, err
	return p.send(b, seq)
}

// lineReader cuts one input into batches. Every kindLines batch starts at
// the start of a line and ends after a "\n" (or at the end of the input);
// the bytes after the last "\n" of a full buffer move on to the next batch.
// A line that fills a buffer grown to max-line+1 bytes is over-long: it is
// passed on in kindLong pieces as it is read, so that it reaches -rejects
// whole without being held in memory.
type lineReader struct {
	p     *pipeline
	name  string
	seq   *int
	line  int  // number of the first line of b
	live  bool // hand over complete lines after every short read
	long  bool // b continues an over-long line
	b     *batch
	carry []byte
}

func (lr *lineReader) run(src io.Reader) bool {
	if lr.b = lr.p.getBatch(); lr.b == nil {
		return false
	}
	lr.reset(lr.b, nil)
	for {
		b := lr.b
		want := cap(b.buf) - len(b.buf)
		n, err := src.Read(b.buf[len(b.buf):cap(b.buf)])
		b.buf = b.buf[:len(b.buf)+n]
		if err != nil {
			if !lr.step(true) || !lr.finish() {
				return false
			}
			if err != io.EOF {
				return lr.p.sendError(lr.name, err, lr.seq)
			}
			return true
		}
		if !lr.step(lr.live && n < want) {
			return false
		}
	}
}

// maxBuf is the size a buffer may grow to for one line: the longest line
// accepted and its "\n".
func (lr *lineReader) maxBuf() int { return max(lr.p.cfg.maxLine+1, lr.p.chunk) }

// reset readies b for new input that starts with carry.
func (lr *lineReader) reset(b *batch, carry []byte) {
	chunk := lr.p.chunk
	size := chunk
	for size < 2*len(carry) {
		size *= 2
	}
	if cap(b.buf) < size || cap(b.buf) > 4*chunk && size <= chunk {
		b.buf = make([]byte, 0, size)
	}
	b.buf = append(b.buf[:0], carry...)
	b.kind, b.name, b.err = kindLines, lr.name, nil
	b.first, b.last = false, false
}

// handOver sends lr.b with data b.buf[:end] and kind k, and starts a new
// batch with the bytes after end.
func (lr *lineReader) handOver(end int, k batchKind) bool {
	b := lr.b
	lr.carry = append(lr.carry[:0], b.buf[end:]...)
	b.kind, b.data, b.line = k, b.buf[:end], lr.line
	if k == kindLines {
		lr.line += bytes.Count(b.data, nl)
	}
	if !lr.p.send(b, lr.seq) {
		return false
	}
	if lr.b = lr.p.getBatch(); lr.b == nil {
		return false
	}
	lr.reset(lr.b, lr.carry)
	return true
}

var nl = []byte{'\n'}

// step hands over what the buffer holds, once it is full (or now, for a
// live input).
func (lr *lineReader) step(now bool) bool {
	for {
		b := lr.b
		full := len(b.buf) == cap(b.buf)
		if lr.long {
			i := bytes.IndexByte(b.buf, '\n')
			if i < 0 {
				if len(b.buf) == 0 || !full && !now {
					return true
				}
				return lr.handOver(len(b.buf), kindLong)
			}
			lr.b.last = true
			if !lr.handOver(i+1, kindLong) {
				return false
			}
			lr.long = false
			lr.line++
			continue // the rest may hold whole lines
		}
		if !full && !now {
			return true
		}
		if i := bytes.LastIndexByte(b.buf, '\n'); i >= 0 {
			return lr.handOver(i+1, kindLines)
		}
		if !full {
			return true
		}
		if cap(b.buf) < lr.maxBuf() {
			// One line fills the buffer: make room for it.
			nb := make([]byte, len(b.buf), min(2*cap(b.buf), lr.maxBuf()))
			copy(nb, b.buf)
			b.buf = nb
			return true
		}
		// Over-long: pass it on as it comes.
		b.first = true
		if !lr.handOver(len(b.buf), kindLong) {
			return false
		}
		lr.long = true
		return true
	}
}

// finish hands over what is left at the end of the input.
func (lr *lineReader) finish() bool {
	b := lr.b
	if lr.long {
		b.last = true
		if !lr.handOver(len(b.buf), kindLong) {
			return false
		}
		lr.long = false
		lr.line++
	} else if len(b.buf) > 0 {
		if !lr.handOver(len(b.buf), kindLines) {
			return false
		}
	}
	// lr.b is a fresh, empty batch: give it back.
	lr.p.free <- lr.b
	lr.b = nil
	return true
}

// ---- workers ----

// convert parses batches until there are no more.
func (p *pipeline) convert() {
	var ev xdome.Event
	for b := range p.work {
		if b.kind == kindLines {
			p.convertBatch(&ev, b)
		}
		select {
		case p.results <- b:
		case <-p.done:
			return
		}
	}
}

// errTooLong reports a line longer than -max-line.
type errTooLong int

func (e errTooLong) Error() string {
	return fmt.Sprintf("line longer than %d bytes", int(e))
}

func (p *pipeline) convertBatch(ev *xdome.Event, b *batch) {
	b.out, b.rej, b.bad = b.out[:0], b.rej[:0], b.bad[:0]
	b.lines, b.events = 0, 0
	data := b.data
	for len(data) > 0 {
		raw, text := data, data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, text, data = data[:i+1], data[:i], data[i+1:]
		} else {
			data = nil
		}
		b.lines++
		var err error
		if len(text) > p.cfg.maxLine {
			err = errTooLong(p.cfg.maxLine)
		} else if err = xdome.ParseInto(ev, text); err == nil {
			b.out = ev.AppendJSON(b.out)
			b.out = append(b.out, '\n')
			b.events++
			continue
		} else if errors.Is(err, xdome.ErrEmpty) {
			continue // a blank line
		}
		b.rej = append(b.rej, raw...)
		if raw[len(raw)-1] != '\n' {
			b.rej = append(b.rej, '\n')
		}
		b.bad = append(b.bad, badLine{
			line:   b.line + b.lines - 1,
			n:      b.lines,
			events: b.events,
			outEnd: len(b.out),
			rejEnd: len(b.rej),
			msg:    err.Error(),
		})
	}
}

// ---- writer ----

// write puts the batches back in order and writes them out; it returns the
// totals when the work is done or stopped.
func (p *pipeline) write() stats {
	var st stats
	pending := make([]*batch, p.nbatch)
	next := 0
	stopAtLongEnd := false // -strict met an over-long line: stop after its last piece
	stop := func() stats {
		close(p.done)
		return st
	}
	for b := range p.results {
		pending[b.seq%p.nbatch] = b
		for {
			b := pending[next%p.nbatch]
			if b == nil || b.seq != next {
				break
			}
			pending[next%p.nbatch] = nil
			next++
			halt := false
			switch b.kind {
			case kindLines:
				halt = p.writeLines(b, &st)
			case kindLong:
				st.bytes += int64(len(b.data))
				if b.first {
					st.lines++
					st.rejected++
					p.report(b.name, b.line, errTooLong(p.cfg.maxLine).Error())
					stopAtLongEnd = p.cfg.strict
				}
				halt = !p.writeRejects(b.data, &st)
				if b.last {
					if len(b.data) == 0 || b.data[len(b.data)-1] != '\n' {
						halt = halt || !p.writeRejects(nl, &st)
					}
					halt = halt || stopAtLongEnd
				}
			case kindError:
				var pe *fs.PathError
				if errors.As(b.err, &pe) {
					p.errorf("%v", b.err) // it names the file
				} else {
					p.errorf("%s: %v", b.name, b.err)
				}
				st.fatal = true
				halt = p.cfg.strict
			}
			p.free <- b
			p.errw.Flush()
			if halt {
				return stop()
			}
		}
		p.showProgress(&st)
	}
	return st
}

// writeLines writes the documents and bad lines of b; true to stop.
func (p *pipeline) writeLines(b *batch, st *stats) bool {
	if p.cfg.strict && len(b.bad) > 0 {
		bad := b.bad[0]
		st.lines += bad.n
		st.events += bad.events
		st.rejected++
		st.bytes += int64(lineStart(b, bad.n))
		if !p.writeOut(b.out[:bad.outEnd], st) {
			return true
		}
		p.report(b.name, bad.line, bad.msg)
		p.writeRejects(b.rej[:bad.rejEnd], st)
		return true
	}
	st.lines += b.lines
	st.events += b.events
	st.rejected += len(b.bad)
	st.bytes += int64(len(b.data))
	if !p.writeOut(b.out, st) {
		return true
	}
	for _, bad := range b.bad {
		p.report(b.name, bad.line, bad.msg)
	}
	return !p.writeRejects(b.rej, st)
}

// lineStart returns the offset in b.data just after its first n lines.
func lineStart(b *batch, n int) int {
	off := 0
	for ; n > 0 && off < len(b.data); n-- {
		i := bytes.IndexByte(b.data[off:], '\n')
		if i < 0 {
			return len(b.data)
		}
		off += i + 1
	}
	return off
}

func (p *pipeline) writeOut(data []byte, st *stats) bool {
	if len(data) == 0 {
		return true
	}
	if _, err := p.out.Write(data); err != nil {
		name := "standard output"
		if p.cfg.out != "" {
			name = p.cfg.out
		}
		p.errorf("write %s: %v", name, err)
		st.fatal = true
		return false
	}
	return true
}

func (p *pipeline) writeRejects(data []byte, st *stats) bool {
	if p.rejects == nil || len(data) == 0 {
		return true
	}
	if _, err := p.rejects.Write(data); err != nil {
		p.errorf("write %s: %v", p.cfg.rejects, err)
		st.fatal = true
		return false
	}
	return true
}

// report tells of a bad line: FILE:LINE: error.
func (p *pipeline) report(name string, line int, msg string) {
	p.clearProgress()
	w := p.errw
	w.WriteString(name)
	w.WriteString(":")
	w.WriteString(strconv.Itoa(line))
	w.WriteString(": ")
	w.WriteString(msg)
	w.WriteString("\n")
}

// errorf tells of an I/O error.
func (p *pipeline) errorf(format string, args ...any) {
	p.clearProgress()
	p.errw.WriteString("xdome2ecs: " + fmt.Sprintf(format, args...) + "\n")
}

// showProgress updates the progress line, on a terminal, a few times a
// second once the job has run for a second.
func (p *pipeline) showProgress(st *stats) {
	if !p.progress {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.lastProgress) < 250*time.Millisecond {
		return
	}
	p.lastProgress = now
	p.errw.WriteString("\r" + st.summary(now.Sub(p.start)) + "\x1b[K")
	p.errw.Flush()
	p.shown = true
}

// clearProgress erases the progress line before another message.
func (p *pipeline) clearProgress() {
	if p.shown {
		p.errw.WriteString("\r\x1b[K")
		p.shown = false
	}
}

// errWriter buffers standard error; write errors are ignored (there is no
// one left to tell).
type errWriter struct {
	w   io.Writer
	buf []byte
}

func (e *errWriter) WriteString(s string) { e.buf = append(e.buf, s...) }

func (e *errWriter) Flush() {
	if len(e.buf) > 0 {
		e.w.Write(e.buf)
		e.buf = e.buf[:0]
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
