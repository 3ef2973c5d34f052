package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cefecs/xdome"
)

// The reader: it cuts the inputs into numbered batches of whole lines,
// with the library's LineReader, so that the command and the programs
// that embed the library read logs alike.
//
// A line ends at "\n", "\r\n" or a lone "\r" (two records joined by a
// lone CR are two lines). A "\r" at the end of what has been read so far
// may be the first half of a "\r\n": it ends a line only at the end of
// the input, or once the next byte is known. Input that starts with the
// gzip magic bytes is decompressed, whatever its name, standard input too.
// The reader records where each line ends (batch.ends), so that nothing
// after it splits lines again.

// wholeLines returns the length of the longest prefix of data made of
// whole lines, by the rules above: a "\r" at the end ends a line only at
// the end of the input (eof).
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
		if err := checkInput(p.outs, f); err != nil {
			return p.sendError(name, err, seq)
		}
		src = f
		if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
			live = true // a named pipe
		}
	}
	rd := &inputReader{p: p, name: name, seq: seq}
	if live {
		// Before the reader may wait for more input, the lines it has
		// go to the workers.
		src = &handOverFirst{r: src, rd: rd}
	}
	lr := xdome.NewLineReader(src, p.cfg.maxLine)
	lr.OnLongLine(rd.long)
	rd.lr = lr
	return rd.run()
}

func (p *pipeline) sendError(name string, err error, seq *int) bool {
	b := p.getBatch()
	if b == nil {
		return false
	}
	b.kind, b.name, b.err, b.buf, b.data = kindError, name, err, b.buf[:0], nil
	return p.send(b, seq)
}

// errStopped ends the reading of an input once the writer has stopped.
var errStopped = errors.New("stopped")

// errTruncated is the error of the line a gzip stream ends in.
var errTruncated = xdome.ErrTruncatedGzip

// inputReader gathers the lines of one input into kindLines batches of
// about chunkSize bytes; an over-long line goes out in kindLong pieces as
// it is read, so that it reaches -rejects whole without being held in
// memory.
type inputReader struct {
	p       *pipeline
	name    string
	seq     *int
	lr      *xdome.LineReader
	b       *batch // the batch being filled, if any
	inLong  bool   // the pieces of an over-long line are being passed on
	last    int    // the number of the last whole line read
	stopped bool   // the writer has stopped
}

// handOverFirst hands the lines read so far over before each read of a
// live input.
type handOverFirst struct {
	r  io.Reader
	rd *inputReader
}

func (h *handOverFirst) Read(p []byte) (int, error) {
	if !h.rd.flush() {
		return 0, errStopped
	}
	return h.r.Read(p)
}

func (rd *inputReader) run() bool {
	lr := rd.lr
	for lr.Next() {
		err := lr.Err()
		if err == nil {
			if !rd.add(lr.Bytes(), lr.Number()) {
				return false
			}
			continue
		}
		if errors.Is(err, xdome.ErrLineTooLong) {
			rd.last = lr.Number() // its pieces are on their way
			continue
		}
		// The last line, cut off by a read error.
		var le *xdome.LineError
		errors.As(err, &le)
		cut := le.Err
		if !errors.Is(cut, xdome.ErrTruncatedGzip) {
			cut = fmt.Errorf("line cut by a read error: %w", cut)
		}
		if !rd.flush() || !rd.sendPiece(kindPartial, lr.Bytes(), lr.Number(), cut) {
			return false
		}
		rd.last = -lr.Number() // reported
	}
	if rd.stopped || !rd.flush() {
		return false
	}
	if rd.b != nil {
		rd.p.free <- rd.b
		rd.b = nil
	}
	err := lr.Err()
	if err == nil {
		return true
	}
	cause := errors.Unwrap(err)
	if errors.Is(cause, errStopped) {
		return false
	}
	last := rd.last
	if last < 0 {
		last = -last - 1 // after a cut line: the one before it
	} else if errors.Is(cause, xdome.ErrTruncatedGzip) {
		// Cut at a line end: nothing to reject, but the stream is short.
		return rd.sendPiece(kindPartial, nil, last+1, errTruncated)
	}
	if errors.Is(cause, xdome.ErrTruncatedGzip) {
		return true
	}
	where := "before line 1" // the last good line, for the message
	if last > 0 {
		where = fmt.Sprintf("after line %d", last)
	}
	if errors.Is(cause, xdome.ErrTrailingGarbage) {
		return rd.p.sendError(rd.name, fmt.Errorf("%w, %s", cause, where), rd.seq)
	}
	return rd.p.sendError(rd.name, fmt.Errorf("read error %s: %w", where, cause), rd.seq)
}

// add appends one whole line to the batch being filled, which goes to
// the workers once it holds chunkSize bytes.
func (rd *inputReader) add(raw []byte, num int) bool {
	rd.last = num
	if rd.b == nil {
		if rd.b = rd.p.getBatch(); rd.b == nil {
			rd.stopped = true
			return false
		}
		b := rd.b
		if cap(b.buf) < rd.p.chunk {
			b.buf = make([]byte, 0, rd.p.chunk)
		}
		b.buf, b.ends = b.buf[:0], b.ends[:0]
		b.kind, b.name, b.err, b.line = kindLines, rd.name, nil, num
		b.first, b.last = false, false
	}
	if len(rd.b.buf) == 0 {
		rd.b.line = num
	}
	rd.b.buf = append(rd.b.buf, raw...)
	rd.b.ends = append(rd.b.ends, len(rd.b.buf))
	if len(rd.b.buf) >= rd.p.chunk {
		return rd.flush()
	}
	return true
}

// flush hands the lines gathered over to the workers.
func (rd *inputReader) flush() bool {
	if rd.stopped {
		return false
	}
	b := rd.b
	if b == nil || len(b.buf) == 0 {
		return true
	}
	rd.b = nil
	b.data = b.buf
	if !rd.p.send(b, rd.seq) {
		rd.stopped = true
		return false
	}
	return true
}

// long passes a piece of an over-long line on, after the lines before it.
func (rd *inputReader) long(piece []byte, last bool) error {
	first := !rd.inLong
	if first && !rd.flush() {
		return errStopped
	}
	rd.inLong = !last
	b := rd.p.getBatch()
	if b == nil {
		rd.stopped = true
		return errStopped
	}
	b.first, b.last = first, last
	if !rd.sendBatch(b, kindLong, piece, rd.lr.Number(), nil) {
		return errStopped
	}
	return nil
}

// sendPiece sends data (copied) as a batch of kind k.
func (rd *inputReader) sendPiece(k batchKind, data []byte, line int, err error) bool {
	b := rd.p.getBatch()
	if b == nil {
		rd.stopped = true
		return false
	}
	b.first, b.last = false, false
	return rd.sendBatch(b, k, data, line, err)
}

func (rd *inputReader) sendBatch(b *batch, k batchKind, data []byte, line int, err error) bool {
	b.buf = append(b.buf[:0], data...)
	b.kind, b.name, b.err, b.line, b.data = k, rd.name, err, line, b.buf
	if !rd.p.send(b, rd.seq) {
		rd.stopped = true
		return false
	}
	return true
}
