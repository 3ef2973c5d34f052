package xdome

import (
	"reflect"
	"sync"
	"unsafe"
)

// AppendECS appends the ECS document of one xDome CEF line to dst and
// returns the result: the bytes of json.Marshal(Parse(line)), without the
// Event. It is the path for programs that want bytes out, such as a
// collector writing NDJSON: it copies nothing of line and, once warm,
// allocates nothing (a line with escape sequences, or a list longer than
// the usual record's, may still allocate a little).
//
// On error dst is returned unchanged with a *[ParseError], as from Parse.
// line is only read, and only during the call: AppendECS keeps nothing of
// it, so the caller may reuse its buffer as soon as AppendECS returns. It
// is safe for concurrent use.
//
// dst and line may share memory: AppendECS(buf[:0], buf), which writes the
// document over the line it comes from, gives the same bytes as separate
// buffers would. When the free capacity of dst overlaps line, the
// document is built in a scratch buffer first and then copied into dst,
// which costs one copy of the document.
func AppendECS(dst, line []byte) ([]byte, error) {
	return appendECS(dst, line, Parser{})
}

// appendECS is AppendECS with options.
func appendECS(dst, line []byte, opt Parser) ([]byte, error) {
	if overlaps(dst[len(dst):cap(dst)], line) {
		return appendECSOverlap(dst, line, opt)
	}
	ev := eventPool.Get().(*Event)
	dst, err := ev.appendECS(dst, line, opt)
	eventPool.Put(ev)
	return dst, err
}

// appendECSOverlap is AppendECS for a dst whose free capacity is line's
// memory: the document goes to a pooled scratch buffer, then to dst once
// line has been read to the end.
func appendECSOverlap(dst, line []byte, opt Parser) ([]byte, error) {
	sp := scratchPool.Get().(*[]byte)
	ev := eventPool.Get().(*Event)
	doc, err := ev.appendECS((*sp)[:0], line, opt)
	eventPool.Put(ev)
	if err == nil {
		dst = append(dst, doc...)
	}
	if cap(doc) <= maxScratch {
		*sp = doc[:0]
		scratchPool.Put(sp)
	}
	return dst, err
}

// scratchPool holds the buffers of appendECSOverlap; one that grew past
// maxScratch for a long line is dropped rather than kept.
var scratchPool = sync.Pool{New: func() any { return new([]byte) }}

const maxScratch = 1 << 20

// overlaps reports whether a and b share memory. The addresses come from
// reflect rather than unsafe: only their order is used.
func overlaps(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	// An array pointer, unlike a slice, goes into an interface without
	// being copied to the heap.
	pa := reflect.ValueOf((*[1]byte)(a)).Pointer()
	pb := reflect.ValueOf((*[1]byte)(b)).Pointer()
	return pa < pb+uintptr(len(b)) && pb < pa+uintptr(len(a))
}

// eventPool holds the Events that AppendECS builds its documents in, so
// that a line costs no Event: each holds nothing of a line between calls
// (see release), only the storage ParseInto would reuse.
var eventPool = sync.Pool{New: func() any { return new(Event) }}

// appendECS is AppendECS on ev, which it leaves released.
func (ev *Event) appendECS(dst, line []byte, opt Parser) ([]byte, error) {
	trimmed, base := trimLine(line)
	err := ev.parseMessage(viewString(trimmed), base, opt)
	if err == nil {
		dst = ev.appendJSON(dst, escapeFreeLong(ev.Message))
	}
	ev.release()
	return dst, err
}

// release clears every view of a line that ev holds.
func (ev *Event) release() {
	*ev = Event{}
}

// viewString returns a string that shares b's bytes instead of copying
// them: the one use of unsafe in this package.
//
// Why it is safe: a Go string must never change, so the view is sound
// only while b is not written and only as long as nothing keeps it.
//   - b is the caller's line, which AppendECS only reads and documents as
//     not to be modified during the call; nothing in this package writes
//     to it while a view is alive. When dst's free capacity is the line's
//     memory, AppendECS builds the document elsewhere and writes it into
//     dst only after the Event is released (appendECSOverlap).
//   - Every string of the Event built from the view is either a piece of
//     it or a fresh copy (unescaped values, errors, lower-cased text); the
//     Event is written out by AppendJSON, which copies the bytes into dst,
//     and then release clears every string field, so no view survives the
//     call. The one thing kept across calls, the pooled domain memo, holds
//     a copy of its name (domainMemo.parts). Errors quote the input into
//     new strings.
//
// TestAppendECSKeepsNoView checks the second point: after the call it
// overwrites the line and finds no string of the released Event that
// changed or still holds text of the line.
func viewString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
