package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"time"
)

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

// The writer: it puts the batches back in order and writes them out.

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
