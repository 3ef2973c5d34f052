package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// The reader: it cuts the inputs into numbered batches of whole lines.

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
