package xdome

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// Errors of a [LineReader].
var (
	// ErrLineTooLong: a line is longer than the LineReader's limit. The
	// LineError of such a line wraps it.
	ErrLineTooLong = errors.New("line too long")
	// ErrTruncatedGzip: a gzip stream ends before its end. It wraps
	// io.ErrUnexpectedEOF.
	ErrTruncatedGzip = wrapSentinel("truncated gzip stream", io.ErrUnexpectedEOF)
	// ErrTrailingGarbage: a gzip stream is followed by bytes that are
	// neither another gzip member nor zero padding.
	ErrTrailingGarbage = errors.New("trailing garbage after gzip data")
)

// LineError is the error of one line of a [LineReader]: a line longer than
// the limit (Err wraps [ErrLineTooLong]), or the last line, cut off by a
// read error (Err is that error, [ErrTruncatedGzip] for a gzip stream
// that ends early).
type LineError struct {
	Line int   // the line's number, from 1
	Err  error // what is wrong with it
}

func (e *LineError) Error() string { return fmt.Sprintf("xdome: line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// tooLong is the Err of an over-long line's LineError.
type tooLong int

func (e tooLong) Error() string        { return fmt.Sprintf("line longer than %d bytes", int(e)) }
func (e tooLong) Is(target error) bool { return target == ErrLineTooLong }

// LineReader reads the lines of an xDome log, one at a time, in the way
// of bufio.Scanner, with the rules of the xdome2ecs command:
//
//   - A line ends at "\n", "\r\n" or a lone "\r": two records joined by a
//     lone CR are two lines. The last line may have no line end.
//   - A line longer than the limit (its line end not counted) is reported,
//     as that line, with a [LineError] wrapping [ErrLineTooLong], and
//     reading goes on with the next line. Such a line is never held in
//     memory whole: the reader's buffer is at most the limit plus its line
//     end, and it grows only as lines need (up to 64 KiB at first).
//   - Input that starts with the gzip magic bytes (1f 8b) is decompressed,
//     whatever its name and on a pipe as well: every member in turn, and
//     zero bytes after the last (padding, which gzip -t accepts) are
//     ignored. Anything else after the last member ends reading with
//     [ErrTrailingGarbage]; a stream cut short, with [ErrTruncatedGzip],
//     after returning the whole lines before the cut and then the part of
//     the line it cut, with a LineError.
//
// A typical loop:
//
//	lr := xdome.NewLineReader(r, 64<<10)
//	for lr.Next() {
//		if err := lr.Err(); err != nil {
//			log.Print(err) // over-long or cut off: count it, go on
//			continue
//		}
//		doc, err := xdome.AppendECS(buf[:0], lr.Line())
//		...
//	}
//	if err := lr.Err(); err != nil { ... } // the input could not be read to its end
//
// The first call of Next waits for two bytes of input (or its end) to
// tell gzip from text; after that, Next returns each line as soon as its
// line end has been read (a final "\r" waits for the next byte, which
// tells whether it is the start of "\r\n"). A LineReader is not safe for
// concurrent use.
type LineReader struct {
	in      io.Reader // as given
	src     io.Reader // the lines' bytes: in, or its decompression
	started bool
	max     int

	buf  []byte
	r, w int   // buf[r:w] is read and not yet returned
	eof  bool  // src is at its end (rerr is its error, nil for io.EOF)
	rerr error // the error that ended src

	num   int    // the current line's number
	raw   []byte // the current line with its line end
	text  []byte // the current line without it
	lerr  error  // the current line's error
	done  bool
	final error // what Err reports once Next returns false

	onLong func(piece []byte, last bool) error
}

// NewLineReader returns a LineReader of the lines of r, which accepts
// lines of up to maxLine bytes (at least 1). xDome's records are 1 to 3 KB;
// a limit of 64 KiB leaves room for long lists while keeping a wrong input
// cheap.
func NewLineReader(r io.Reader, maxLine int) *LineReader {
	return &LineReader{in: r, max: max(maxLine, 1)}
}

// OnLongLine has f called with the bytes of each over-long line, as they
// are read, in pieces (the last with last true and the line end), before
// Next returns that line; for programs that keep rejected lines byte for
// byte. An error from f ends reading: Next returns false and Err returns
// that error.
func (lr *LineReader) OnLongLine(f func(piece []byte, last bool) error) { lr.onLong = f }

// Next advances to the next line, which Line, Bytes and Err then describe;
// it returns false at the end of the input, or when it could not be read
// further (see Err).
func (lr *LineReader) Next() bool {
	lr.raw, lr.text, lr.lerr = nil, nil, nil
	if lr.done {
		lr.lerr = lr.final
		return false
	}
	if !lr.started {
		lr.start()
	}
	lr.num++
	long := false // the line is over-long: its bytes are passed on, not kept
	for {
		data := lr.buf[lr.r:lr.w]
		if n := lineEnd(data, lr.eof); n >= 0 {
			lr.r += n
			if long {
				return lr.longEnd(data[:n])
			}
			lr.raw = data[:n]
			lr.text = trimLineEnd(lr.raw)
			if len(lr.text) > lr.max {
				lr.raw, lr.text = nil, nil
				return lr.longEnd(data[:n])
			}
			return true
		}
		if lr.eof {
			lr.r = lr.w
			switch {
			case long:
				return lr.longEnd(data)
			case len(data) == 0:
				lr.num--
				lr.stop(lr.rerr)
				lr.lerr = lr.final
				return false
			case lr.rerr != nil:
				// A line cut off by the error.
				lr.raw, lr.text = data, data
				lr.num--
				lr.stop(lr.rerr)
				lr.num++
				lr.lerr = &LineError{Line: lr.num, Err: lr.rerr}
				return true
			case len(data) > lr.max:
				return lr.longEnd(data)
			}
			lr.raw, lr.text = data, data
			return true
		}
		// Make room, pass a long line on, or grow the buffer.
		if lr.r > 0 {
			lr.w = copy(lr.buf, data)
			lr.r = 0
		}
		if lr.w == len(lr.buf) {
			switch {
			case len(lr.buf) < lr.limit():
				nb := make([]byte, min(max(2*len(lr.buf), 64<<10), lr.limit()))
				copy(nb, lr.buf[:lr.w])
				lr.buf = nb
			default:
				// Over-long: pass it on, keeping back a final "\r"
				// (it may be the start of "\r\n").
				n := lr.w
				if lr.buf[n-1] == '\r' {
					n--
				}
				if err := lr.passLong(lr.buf[:n], false); err != nil {
					return false
				}
				lr.w = copy(lr.buf, lr.buf[n:lr.w])
				long = true
			}
		}
		lr.fill()
	}
}

// limit is the largest the buffer grows: the longest line and "\r\n".
func (lr *LineReader) limit() int { return lr.max + 2 }

// longEnd ends an over-long line with its last bytes.
func (lr *LineReader) longEnd(last []byte) bool {
	if err := lr.passLong(last, true); err != nil {
		return false
	}
	lr.lerr = &LineError{Line: lr.num, Err: tooLong(lr.max)}
	return true
}

// passLong hands a piece of an over-long line to the OnLongLine func.
func (lr *LineReader) passLong(piece []byte, last bool) error {
	if lr.onLong == nil {
		return nil
	}
	if err := lr.onLong(piece, last); err != nil {
		lr.num--
		lr.stop(err)
		lr.lerr = lr.final
		return err
	}
	return nil
}

// fill reads once into the free end of the buffer.
func (lr *LineReader) fill() {
	for range 100 {
		n, err := lr.src.Read(lr.buf[lr.w:])
		lr.w += n
		if err != nil {
			lr.eof = true
			if err != io.EOF {
				lr.rerr = err
			}
			return
		}
		if n > 0 {
			return
		}
	}
	lr.eof, lr.rerr = true, io.ErrNoProgress
}

// stop ends reading after line lr.num, with err (nil at the end of the
// input) for Err to report once Next returns false.
func (lr *LineReader) stop(err error) {
	lr.done = true
	if err != nil {
		lr.final = fmt.Errorf("xdome: after line %d: %w", lr.num, err)
	}
}

// Line returns the current line without its line end (nil for an
// over-long line). It stays valid until the next call of Next.
func (lr *LineReader) Line() []byte { return lr.text }

// Bytes returns the current line as read, with its line end ("\n",
// "\r\n", "\r", or none for a last line without one); nil for an
// over-long line. It stays valid until the next call of Next.
func (lr *LineReader) Bytes() []byte { return lr.raw }

// Number returns the number of the current line, from 1.
func (lr *LineReader) Number() int { return lr.num }

// Err returns the error of the current line while Next returns true (a
// [*LineError], or nil for a good line), and, once Next has returned
// false, the error that ended reading ("xdome: after line N: ..."), or nil
// at the end of the input.
func (lr *LineReader) Err() error { return lr.lerr }

// lineEnd returns the length of the first line of data with its line end,
// or -1 when data holds no whole line; eof says data ends the input (a
// final "\r" ends a line only then, or once the next byte is known).
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
		return -1
	}
	if lim < len(data) {
		return lim + 1
	}
	return -1
}

// trimLineEnd returns raw without its line end.
func trimLineEnd(raw []byte) []byte {
	n := len(raw)
	if n > 0 && raw[n-1] == '\n' {
		n--
	}
	if n > 0 && raw[n-1] == '\r' {
		n--
	}
	return raw[:n]
}

// start looks at the first bytes of the input for the gzip magic.
func (lr *LineReader) start() {
	lr.started = true
	br := bufio.NewReaderSize(lr.in, 32<<10)
	lr.src = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		lr.src = &gzipStream{br: br}
	}
}

// gzipStream decompresses the gzip members of br in turn, ignoring zero
// padding after the last.
type gzipStream struct {
	br  *bufio.Reader
	zr  *gzip.Reader
	err error
}

func (z *gzipStream) Read(p []byte) (int, error) {
	for z.err == nil {
		if z.zr == nil {
			z.zr = new(gzip.Reader)
			if z.err = z.zr.Reset(z.br); z.err != nil {
				break
			}
			z.zr.Multistream(false)
		}
		n, err := z.zr.Read(p)
		switch {
		case err == io.EOF:
			z.err = z.next()
		case errors.Is(err, io.ErrUnexpectedEOF):
			z.err = ErrTruncatedGzip
		case err != nil:
			z.err = err
		}
		if n > 0 || z.err != nil {
			return n, nil
		}
	}
	return 0, z.err
}

// next readies the member after the one that ended: io.EOF at the end of
// the input or after zero padding, ErrTrailingGarbage after other bytes.
func (z *gzipStream) next() error {
	head, err := z.br.Peek(2)
	switch {
	case len(head) == 0 && err == io.EOF:
		return io.EOF
	case len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b:
		if err := z.zr.Reset(z.br); err != nil {
			return err
		}
		z.zr.Multistream(false)
		return nil
	}
	for {
		c, err := z.br.ReadByte()
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return err
		}
		if c != 0 {
			return ErrTrailingGarbage
		}
	}
}
