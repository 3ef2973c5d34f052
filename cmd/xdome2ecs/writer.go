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
	problems                int       // events with field problems
	bytes                   int64     // input read, uncompressed
	fatal                   bool      // an I/O error happened
	signal                  os.Signal // the signal that stopped the job, if any
}

func (st *stats) summary(d time.Duration) string {
	sec := d.Seconds()
	if sec <= 0 {
		sec = 1e-9
	}
	return fmt.Sprintf("xdome2ecs: %d lines, %d events (%d with field problems), %d rejected, %.3f s, %.0f lines/s, %.1f MB/s",
		st.lines, st.events, st.problems, st.rejected, sec, float64(st.lines)/sec, float64(st.bytes)/sec/1e6)
}

// sink is an output: the documents or the rejects. Whatever stops the
// command, a file ends with a whole line: a write that fails part way is
// cut back to its last whole line, and so is an over-long line whose
// pieces stop coming.
type sink struct {
	name  string // for messages
	w     io.Writer
	f     *os.File // w, when it is a file: used to cut a partial line off
	n     int64    // bytes written
	whole int64    // bytes written up to the end of the last whole line
}

// write writes data, which starts a line if the last write ended one, and
// ends one if ends. It returns how many bytes of data are in the output
// as whole lines.
func (s *sink) write(data []byte, ends bool) (int, error) {
	atStart := s.n == s.whole
	n, err := s.w.Write(data)
	s.n += int64(n)
	if err == nil && n == len(data) {
		if ends {
			s.whole = s.n
		}
		if !atStart {
			return 0, nil
		}
		return n, nil
	}
	if err == nil {
		err = io.ErrShortWrite
	}
	good := 0
	if atStart {
		good = wholeLines(data[:n], n == len(data))
		if n < len(data) && n > 0 && data[n-1] == '\r' && data[n] != '\n' {
			good = n // a lone "\r" ended the line
		}
		s.whole += int64(good)
	}
	if cerr := s.cut(); cerr != nil {
		err = fmt.Errorf("%w (and the partial line stays: %v)", err, cerr)
	}
	return good, err
}

// cut removes what follows the last whole line, if the output is a file.
func (s *sink) cut() error {
	if s.n == s.whole || s.f == nil {
		return nil
	}
	fi, err := s.f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return nil // a pipe or a device: what is written is gone
	}
	pos, err := s.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	end := pos - (s.n - s.whole)
	if err := s.f.Truncate(end); err != nil {
		return err
	}
	if _, err := s.f.Seek(end, io.SeekStart); err != nil {
		return err
	}
	s.n = s.whole
	return nil
}

// The writer: it puts the batches back in order and writes them out.

// write puts the batches back in order and writes them out; it returns the
// totals when the work is done or stopped. After a stop signal it writes
// the batches already handed to the workers and stops; after another, it
// stops once the write in progress is done (see signals.go).
func (p *pipeline) write() stats {
	var st stats
	pending := make([]*batch, p.nbatch)
	next := 0
	stopAtLongEnd := false // -strict met an over-long line: stop after its last piece
	limit := -1            // after a signal: the batches to write
	var lastName string    // the last line written, for the message after a signal
	lastLine := 0
	stop := func() stats {
		close(p.done)
		p.budget.stop()
		for _, s := range []*sink{p.out, p.rejects} {
			if s == nil {
				continue
			}
			if err := s.cut(); err != nil {
				p.errorf("%s: cannot cut off a partial line: %v", s.name, err)
				st.fatal = true
			}
		}
		if st.signal != nil {
			where := "before the first line"
			if lastName != "" {
				where = "after " + lastName + ":" + strconv.Itoa(lastLine)
			}
			p.errorf("%v: stopped %s; every line up to there is written", st.signal, where)
		}
		p.errw.Flush()
		return st
	}
	for {
		if limit >= 0 && next >= limit {
			return stop()
		}
		var b *batch
		select {
		case b = <-p.results:
		case sig := <-p.sigs:
			limit = p.signaled(&st, sig, next)
			continue
		}
		if b == nil {
			return stop() // every batch is written
		}
		pending[b.seq%p.nbatch] = b
		for {
			select {
			case sig := <-p.sigs:
				limit = p.signaled(&st, sig, next)
			default:
			}
			b := pending[next%p.nbatch]
			if b == nil || b.seq != next || limit >= 0 && next >= limit {
				break
			}
			pending[next%p.nbatch] = nil
			next++
			halt := false
			switch b.kind {
			case kindLines:
				halt = p.writeLines(b, &st)
				if b.lines > 0 {
					lastName, lastLine = b.name, b.line+b.lines-1
				}
			case kindLong:
				st.bytes += int64(len(b.data))
				if b.first {
					st.lines++
					st.rejected++
					p.report(b.name, b.line, errTooLong(p.cfg.maxLine).Error())
					stopAtLongEnd = p.cfg.strict
				}
				data := b.data
				if b.last {
					data = appendReject(b.rej[:0], b.data)
					b.rej = data
					lastName, lastLine = b.name, b.line
				}
				halt = !p.writeRejects(data, b.last, &st)
				halt = halt || b.last && stopAtLongEnd
			case kindPartial:
				st.bytes += int64(len(b.data))
				st.lines++
				st.rejected++
				p.report(b.name, b.line, b.err.Error())
				if len(b.data) > 0 {
					b.rej = appendReject(b.rej[:0], b.data)
					halt = !p.writeRejects(b.rej, true, &st)
				}
				halt = halt || p.cfg.strict
				lastName, lastLine = b.name, b.line
			case kindError:
				p.errorf("%v", named(b.name, b.err))
				st.fatal = true
				halt = p.cfg.strict
			}
			p.budget.give(b.weight)
			b.trim(p.chunk)
			p.free <- b
			p.errw.Flush()
			if halt {
				return stop()
			}
		}
		p.showProgress(&st)
	}
}

// signaled returns the number of batches to write after sig, given that
// next is the next to write: those already handed to the workers after the
// first signal, none more after another.
func (p *pipeline) signaled(st *stats, sig os.Signal, next int) int {
	if st.signal == nil {
		st.signal = sig
		return int(p.sent.Load())
	}
	return next
}

// writeLines writes the documents and bad lines of b; true to stop.
func (p *pipeline) writeLines(b *batch, st *stats) bool {
	if p.cfg.strict && len(b.bad) > 0 {
		bad := b.bad[0]
		st.lines += bad.n
		st.rejected++
		st.bytes += int64(lineStart(b, bad.n))
		if !p.writeOut(b.out[:bad.outEnd], st) {
			return true
		}
		st.problems += bad.probs
		p.report(b.name, bad.line, bad.msg)
		p.writeRejects(b.rej[:bad.rejEnd], true, st)
		return true
	}
	st.lines += b.lines
	st.rejected += len(b.bad)
	st.bytes += int64(len(b.data))
	if !p.writeOut(b.out, st) {
		return true
	}
	st.problems += b.problems
	for _, bad := range b.bad {
		p.report(b.name, bad.line, bad.msg)
	}
	return !p.writeRejects(b.rej, true, st)
}

// writeError tells of an output that cannot be written.
func (p *pipeline) writeError(s *sink, err error) {
	p.errorf("%v", named("write "+s.name, err))
}

// named returns err as it is if it names its file (an *fs.PathError), and
// prefixed with what otherwise.
func named(what string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

// lineStart returns the offset in b.data just after its first n lines.
func lineStart(b *batch, n int) int {
	switch {
	case n <= 0:
		return 0
	case n > len(b.ends):
		return len(b.data)
	}
	return b.ends[n-1]
}

// writeOut writes documents, counting those written; false on error.
func (p *pipeline) writeOut(data []byte, st *stats) bool {
	if len(data) == 0 {
		return true
	}
	n, err := p.out.write(data, true)
	st.events += bytes.Count(data[:n], nl)
	if err != nil {
		p.writeError(p.out, err)
		st.fatal = true
		return false
	}
	return true
}

// writeRejects writes rejected lines (or a piece of one, unless ends);
// false on error.
func (p *pipeline) writeRejects(data []byte, ends bool, st *stats) bool {
	if p.rejects == nil || len(data) == 0 {
		return true
	}
	if _, err := p.rejects.write(data, ends); err != nil {
		p.writeError(p.rejects, err)
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
	fi := fileStat(w)
	return fi != nil && fi.Mode()&os.ModeCharDevice != 0
}
