package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
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

// The workers: each converts the lines of one batch at a time.

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
