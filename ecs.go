package xdome

// The Event type and its field sets are generated into ecs_gen.go from the
// description of the document, internal/shape/document.go: add or change a
// field there. This file has what an Event holds beyond the document (its
// storage, what ParseInto keeps), the Time type, and Clone.

import (
	"net/netip"
	"time"
)

// store holds what the exported fields of an Event point into. The arrays
// are sized for the usual xDome record (a source, a destination and one
// asset address), since every byte here is allocated with each Event: the
// Event fills the heap's 2 688-byte size class (TestEventSizeClass).
type store struct {
	// The items of the string lists (event.category and event.type,
	// host.mac, the related lists, MITRE techniques, CVE ids, tags...),
	// each list a run of them in the order the mapper makes the lists (see
	// mapper.strBuf); a list that does not fit grows on the heap.
	strs      [9]string
	severity  int
	srcPort   int
	dstPort   int
	hostIP    [2]netip.Addr
	relatedIP [4]netip.Addr
	score     float64
	exploited bool
	syslog    [3]int  // priority, facility, severity
	tls       TLSPeer // the tls.* side of a certificate record
}

// Time is a point in time that encodes as the ECS documents of the vendor
// integration show: RFC 3339 in UTC with a "Z", and a fraction of exactly
// six digits (microseconds, truncated) when it is not zero, as in
// "2022-02-06T14:24:10.146720Z".
type Time struct {
	time.Time
}

// IsZero reports whether t is absent: the zero time.Time, and only that.
// Unlike time.Time.IsZero it keeps an instant of January 1 of year 1 that
// was parsed from the input (a record may carry it), since encoding/json's
// omitzero and [Event.AppendJSON] would otherwise drop it without a trace.
func (t Time) IsZero() bool { return t.Time == time.Time{} }

// MarshalJSON encodes t as a JSON string in the format described at [Time].
func (t Time) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 32)
	b = append(b, '"')
	b = t.appendText(b)
	return append(b, '"'), nil
}

// MarshalText encodes t in the format described at [Time].
func (t Time) MarshalText() ([]byte, error) {
	return t.appendText(make([]byte, 0, 30)), nil
}

// AppendText appends t to b in the format described at [Time], as
// MarshalText writes it, without allocating when b has room: it is
// encoding.TextAppender for Time. Without it, Time would get time.Time's
// AppendText through the embedded field, which writes nanoseconds and the
// zone, another text than MarshalText's for any encoder that prefers an
// appender.
func (t Time) AppendText(b []byte) ([]byte, error) {
	return t.appendText(b), nil
}

// String returns t in the format described at [Time].
func (t Time) String() string {
	return string(t.appendText(make([]byte, 0, 30)))
}

// Clone returns a deep copy of ev that shares no storage with it, so that
// it survives the next [ParseInto] on ev.
func (ev *Event) Clone() *Event {
	c := new(Event)
	*c = *ev
	c.store = store{}
	c.cloneRefs()
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
