package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cefecs/xdome"
)

// input is one source of lines: a file name, "-" for standard input, or
// built-in data.
type input struct {
	name string
	data []byte // the lines themselves, for -demo
}

// The pipeline: one reader goroutine cuts the inputs into batches of whole
// lines and numbers them; the workers parse the lines of a batch into ECS
// NDJSON (and collect its bad lines); one writer puts the batches back in
// order and writes them out. Batches come from a fixed pool that the
// writer refills, and what they hold, input and documents, is bounded in
// bytes (inFlight), so the memory used follows the work in flight, not
// the input size.

// inFlight bounds what the batches handed over and not yet written hold,
// in bytes: their input, and once converted their documents and rejects
// (a variable for the tests). The reader waits while it is spent; one
// batch is always let through, however large (a line of up to -max-line
// bytes), and a batch's documents are counted when they are made, so the
// most held is inFlight plus the documents of the batches converting.
var inFlight int64 = 64 << 20

// batchKind tells what a batch carries.
type batchKind uint8

const (
	kindLines   batchKind = iota // whole lines, to convert
	kindLong                     // a piece of a line longer than the buffer may grow
	kindPartial                  // the start of a line cut off by a read error (err says why)
	kindError                    // an input that cannot be opened or read
)

// batch is the unit of work and of output.
type batch struct {
	seq    int
	kind   batchKind
	name   string // input name, for messages
	line   int    // number of the first line in data
	data   []byte // kindLines: whole lines (the last may lack its end at EOF); kindLong, kindPartial: the piece
	ends   []int  // kindLines: where each line of data ends, its line end included
	buf    []byte // backing store of data
	weight int64  // what it holds of the inFlight budget

	first, last bool  // kindLong: first and last piece of the line
	err         error // kindError, kindPartial

	// Filled by a worker for kindLines.
	out      []byte    // the NDJSON documents, one per line
	rej      []byte    // the bad lines, as read
	bad      []badLine // the bad lines
	lines    int       // lines in data
	problems int       // documents in out with field problems
}

// badLine is one line of a batch that did not convert.
type badLine struct {
	line   int    // line number in the input
	n      int    // lines of the batch up to and including it
	outEnd int    // len(out) when it was met
	rejEnd int    // its end in rej
	probs  int    // documents with field problems before it
	msg    string // the error
}

// trim drops buffers grown for a long line, so that the pool does not
// keep them.
func (b *batch) trim(chunk int) {
	keep := max(8*chunk, 1<<20)
	if cap(b.buf) > keep {
		b.buf = nil
	}
	if cap(b.out) > keep {
		b.out = nil
	}
	if cap(b.rej) > keep {
		b.rej = nil
	}
	b.data = nil
}

type pipeline struct {
	cfg     config
	stdin   io.Reader
	out     *sink
	rejects *sink // nil without -rejects
	errw    *errWriter
	sigs    <-chan os.Signal // SIGINT, SIGTERM: stop after what is finished
	outs    []place          // the outputs, compared with each input opened

	chunk   int // chunkSize when the pipeline was made
	nbatch  int
	free    chan *batch
	work    chan *batch
	results chan *batch
	done    chan struct{} // closed when the writer stops early
	budget  *budget
	sent    atomic.Int64 // batches handed to the workers

	start        time.Time
	progress     bool // stderr is a terminal and -q is off
	shown        bool // a progress line is on the screen
	lastProgress time.Time
}

func newPipeline(cfg config, stdin io.Reader, out, rejects *sink, stderr io.Writer) *pipeline {
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
	p.budget = newBudget(inFlight)
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

// budget is a count of bytes in flight that blocks its takers above max.
type budget struct {
	mu      sync.Mutex
	cond    sync.Cond
	used    int64
	max     int64
	stopped bool
}

func newBudget(max int64) *budget {
	b := &budget{max: max}
	b.cond.L = &b.mu
	return b
}

// take waits until n bytes fit (or nothing else is in flight); false once
// stopped.
func (b *budget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.used > 0 && b.used+n > b.max && !b.stopped {
		b.cond.Wait()
	}
	b.used += n
	return !b.stopped
}

// add counts n more bytes at once, over the budget if need be: takers
// then wait until the writer has given them back.
func (b *budget) add(n int64) {
	b.mu.Lock()
	b.used += n
	b.mu.Unlock()
}

func (b *budget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) stop() {
	b.mu.Lock()
	b.stopped = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

// The workers: each converts the lines of one batch at a time.

// convert parses batches until there are no more.
func (p *pipeline) convert() {
	for b := range p.work {
		if b.kind == kindLines {
			p.convertBatch(b)
			// The documents wait for the writer too: they count,
			// without waiting (the writer may need this very batch to
			// free the budget), and the reader waits for them.
			extra := int64(cap(b.out) + cap(b.rej))
			b.weight += extra
			p.budget.add(extra)
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

// convertLine appends the document of one line (without its line end) to
// dst: the one place where a line becomes JSON. AppendECS reads the line
// in place (the batch's buffer is not touched until the batch is written)
// and builds no Event of ours. A document with field problems (an ECS
// error.message) adds one to *problems.
func convertLine(parser *xdome.Parser, dst, text []byte, problems *int) ([]byte, error) {
	start := len(dst)
	dst, err := parser.AppendECS(dst, text)
	if err != nil {
		return dst, err
	}
	if bytes.Contains(dst[start:], errorMessageKey) {
		*problems++
	}
	return append(dst, '\n'), nil
}

// errorMessageKey starts the top-level ECS error object of a document. It
// cannot occur inside a JSON string, where every quote is escaped, and
// error is the one object of that name (TestSummaryProblems compares the
// count with the library's Event.Error).
var errorMessageKey = []byte(`,"error":{"message":`)

// splitEnd returns the text of raw, a line as the LineReader gave it,
// without its line end (but with the "\r" of a "\r\n", as the library
// takes it), and its length without any line end.
func splitEnd(raw []byte) (text []byte, length int) {
	n := len(raw)
	text = raw
	if n > 0 && (raw[n-1] == '\n' || raw[n-1] == '\r') {
		text = raw[:n-1]
	}
	length = len(text)
	if length > 0 && text[length-1] == '\r' {
		length--
	}
	return text, length
}

func (p *pipeline) convertBatch(b *batch) {
	b.out, b.rej, b.bad = b.out[:0], b.rej[:0], b.bad[:0]
	b.lines, b.problems = 0, 0
	start := 0
	for _, end := range b.ends {
		raw := b.data[start:end]
		start = end
		text, length := splitEnd(raw)
		b.lines++
		var err error
		if length > p.cfg.maxLine {
			err = errTooLong(p.cfg.maxLine)
		} else if b.out, err = convertLine(&p.cfg.parser, b.out, text, &b.problems); err == nil {
			continue
		} else if errors.Is(err, xdome.ErrEmpty) {
			continue // a blank line
		}
		b.rej = appendReject(b.rej, raw)
		b.bad = append(b.bad, badLine{
			line:   b.line + b.lines - 1,
			n:      b.lines,
			outEnd: len(b.out),
			rejEnd: len(b.rej),
			probs:  b.problems,
			msg:    err.Error(),
		})
	}
}

// appendReject appends a rejected line as read, with "\n" if it has no
// line end (the last line of an input).
func appendReject(dst, raw []byte) []byte {
	dst = append(dst, raw...)
	if len(raw) == 0 || !bytes.ContainsAny(raw[len(raw)-1:], "\r\n") {
		dst = append(dst, '\n')
	}
	return dst
}
