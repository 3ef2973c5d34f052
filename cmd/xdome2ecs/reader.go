package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// The reader: it cuts the inputs into numbered batches of whole lines.
//
// A line ends at "\n", "\r\n" or a lone "\r" (two records joined by a
// lone CR are two lines). A "\r" at the end of what has been read so far
// may be the first half of a "\r\n": it ends a line only at the end of
// the input, or once the next byte is known.

// lineEnd returns the length of the first line of data with its line end,
// or -1 when data holds no whole line; eof says data ends the input.
func lineEnd(data []byte, eof bool) int {
	lim := len(data)
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		lim = i
	}
	if j := bytes.IndexByte(data[:lim], '\r'); j >= 0 {
		switch {
		case j+1 < len(data) && data[j+1] == '\n':
			return j + 2
		case j+1 < len(data) || eof:
			return j + 1
		}
		return -1 // a final "\r": "\r\n" or not, the next read tells
	}
	if lim < len(data) {
		return lim + 1
	}
	return -1
}

// wholeLines returns the length of the longest prefix of data made of
// whole lines (see lineEnd).
func wholeLines(data []byte, eof bool) int {
	i := bytes.LastIndexByte(data, '\n') + 1
	tail := data[i:]
	if !eof && len(tail) > 0 && tail[len(tail)-1] == '\r' {
		tail = tail[:len(tail)-1]
	}
	if k := bytes.LastIndexByte(tail, '\r'); k >= 0 {
		return i + k + 1
	}
	return i
}

// countLines counts the line ends in data, which wholeLines cut.
func countLines(data []byte) int {
	n := bytes.Count(data, nl)
	for off := 0; ; {
		k := bytes.IndexByte(data[off:], '\r')
		if k < 0 {
			return n
		}
		off += k + 1
		if off == len(data) || data[off] != '\n' {
			n++
		}
	}
}

var nl = []byte{'\n'}

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
	b.weight = int64(cap(b.buf))
	if !p.budget.take(b.weight) {
		return false
	}
	b.seq = *seq
	*seq++
	select {
	case p.work <- b:
		p.sent.Store(int64(b.seq + 1))
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
	gz := false
	switch {
	case in.data != nil:
		src = bytes.NewReader(in.data)
	case name == "-":
		name = stdinName
		src = p.stdin
		if fi := fileStat(p.stdin); fi != nil && !fi.Mode().IsRegular() {
			live = true
		}
	default:
		f, err := os.Open(name)
		if err != nil {
			return p.sendError(name, err, seq)
		}
		defer f.Close()
		if err := checkInput(p.outs, name, f); err != nil {
			return p.sendError(name, err, seq)
		}
		src = f
		if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
			live = true // a named pipe
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(f)
			if err != nil {
				return p.sendError(name, fmt.Errorf("gzip: %w", err), seq)
			}
			src, gz = zr, true
		}
	}
	lr := lineReader{p: p, name: name, seq: seq, line: 1, live: live, gz: gz}
	return lr.run(src)
}

func (p *pipeline) sendError(name string, err error, seq *int) bool {
	b := p.getBatch()
	if b == nil {
		return false
	}
	b.kind, b.name, b.err, b.buf, b.data = kindError, name, err, b.buf[:0], nil
	return p.send(b, seq)
}

// lineReader cuts one input into batches. Every kindLines batch starts at
// the start of a line and ends after a line end (or at the end of the
// input); the bytes after the last line end of a full buffer move on to
// the next batch. A line that fills a buffer grown to max-line+2 bytes is
// over-long: it is passed on in kindLong pieces as it is read, so that it
// reaches -rejects whole without being held in memory.
type lineReader struct {
	p     *pipeline
	name  string
	seq   *int
	line  int  // number of the first line of b
	live  bool // hand over complete lines after every short read
	gz    bool // src is a gzip stream
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
			if !lr.step(true) {
				return false
			}
			if err == io.EOF {
				return lr.finish()
			}
			return lr.fail(err)
		}
		if !lr.step(lr.live && n < want) {
			return false
		}
	}
}

// maxBuf is the size a buffer may grow to for one line: the longest line
// accepted and its "\r\n".
func (lr *lineReader) maxBuf() int { return max(lr.p.cfg.maxLine+2, lr.p.chunk) }

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
		lr.line += countLines(b.data)
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

// step hands over what the buffer holds, once it is full (or now, for a
// live input or at the end of one).
func (lr *lineReader) step(now bool) bool {
	for {
		b := lr.b
		full := len(b.buf) == cap(b.buf)
		if lr.long {
			if i := lineEnd(b.buf, false); i >= 0 {
				if !lr.endLong(i) {
					return false
				}
				continue // the rest may hold whole lines
			}
			n := len(b.buf)
			if n > 1 && b.buf[n-1] == '\r' {
				n-- // the next read tells whether it ends the line
			}
			if n == 0 || !full && !now || b.buf[n-1] == '\r' {
				return true
			}
			return lr.handOver(n, kindLong)
		}
		if !full && !now {
			return true
		}
		if i := wholeLines(b.buf, false); i > 0 {
			return lr.handOver(i, kindLines)
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
		// Over-long: pass it on as it comes, keeping back a final "\r".
		b.first = true
		n := len(b.buf)
		if b.buf[n-1] == '\r' {
			n--
		}
		if !lr.handOver(n, kindLong) {
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
		if !lr.endLong(len(b.buf)) {
			return false
		}
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

// endLong ends the over-long line being skipped after the first end bytes
// of the buffer (at its line end, or where the input ends): they go out as
// the last piece of that line.
func (lr *lineReader) endLong(end int) bool {
	lr.b.last = true
	if !lr.handOver(end, kindLong) {
		return false
	}
	lr.long = false
	lr.line++
	return true
}

// errTruncated is the error of the line a gzip stream ends in.
var errTruncated = errors.New("truncated gzip stream")

// fail ends an input that could not be read to its end: the whole lines
// before the damage have been handed over; the line it cut goes to the
// rejects. A gzip stream that just ends early loses nothing that was
// readable (a bad line); anything else is an I/O error that names the last
// good line.
func (lr *lineReader) fail(err error) bool {
	truncated := lr.gz && errors.Is(err, io.ErrUnexpectedEOF)
	b := lr.b
	where := "before line 1" // the last good line, for the message
	if lr.line > 1 {
		where = fmt.Sprintf("after line %d", lr.line-1)
	}
	if lr.long {
		// Already reported as over-long; end it where the input does.
		if !lr.endLong(len(b.buf)) {
			return false
		}
	} else if len(b.buf) > 0 || truncated {
		b.err = errTruncated
		if !truncated {
			b.err = fmt.Errorf("line cut by a read error: %w", err)
		}
		if !lr.handOver(len(b.buf), kindPartial) {
			return false
		}
	}
	lr.p.free <- lr.b
	lr.b = nil
	if truncated {
		return true
	}
	return lr.p.sendError(lr.name, fmt.Errorf("read error %s: %w", where, err), lr.seq)
}
