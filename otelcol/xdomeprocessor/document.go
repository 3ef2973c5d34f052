package xdomeprocessor

import (
	"net/netip"
	"strings"
	"unicode/utf8"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/cefecs/xdome"
)

// The ECS document as a pcommon.Map, written field by field from the
// Event as the library's AppendJSON writes the JSON document: the same
// keys, the same nesting, the same order, the same fields left out. Typed
// values keep their types: ports and severity are Int, scores Double,
// booleans Bool, lists Slice; times, addresses and MACs are the strings of
// the JSON document. The members come from putDocument (document_gen.go),
// generated from the library's description of the document; this file has
// the writer it uses.

// putEvent writes the document of ev into body. A non-empty original goes
// to event.original.
func putEvent(body pcommon.Map, ev *xdome.Event, original string) {
	body.EnsureCapacity(documentMembers)
	var w writer
	putDocument(newRoot(&w, body), ev)
	if original == "" {
		return
	}
	// Parse always sets event.kind, so the event object is there.
	event, ok := body.Get("event")
	if !ok || event.Type() != pcommon.ValueTypeMap {
		event = body.PutEmpty("event")
		event.SetEmptyMap()
	}
	event.Map().PutStr("original", validUTF8(original))
}

// obj is one object of the document. It is created in its parent at its
// first member, so that an object without members is left out, as
// AppendJSON leaves it out. The members below leave out what AppendJSON
// leaves out: empty strings and lists, nil numbers, zero times, invalid
// addresses.
//
// The objects of a document live in one array of its writer and name
// their parent by index: with pointers between them, escape analysis
// would move every obj to the heap.
type obj struct {
	w *writer
	i int
}

type writer struct {
	nodes [documentObjects]node
	n     int

	// text holds the document's new text: the addresses and times, which
	// the Event holds as values, not text. Each string is a slice of what
	// it has accumulated, so they cost one allocation for the document, not
	// one each. That is sound because a strings.Builder only ever appends:
	// bytes it has written never change (when it grows, it copies them to
	// a new array and leaves the old one to the strings that use it).
	text strings.Builder
	// The addresses written so far and their text: related.ip repeats the
	// source, destination and host addresses.
	seen  [8]seenAddr
	nSeen int
}

type seenAddr struct {
	a    netip.Addr
	text string
}

// textSize is the room text is first made with: @timestamp and a few
// addresses, with room to spare.
const textSize = 256

// newText returns b as a string of w's text.
func (w *writer) newText(b []byte) string {
	if w.text.Cap() == 0 {
		w.text.Grow(textSize)
	}
	start := w.text.Len()
	w.text.Write(b)
	return w.text.String()[start:]
}

// addrText is the text of a as the JSON document has it; an address seen
// before in the document gets the same string.
func (w *writer) addrText(a netip.Addr) string {
	for _, s := range w.seen[:w.nSeen] {
		if s.a == a {
			return s.text
		}
	}
	var buf [48]byte
	text := w.newText(a.AppendTo(buf[:0]))
	if a.Zone() != "" {
		// Only the zone of an IPv6 address (which Parse never gives) can
		// be text that is not valid UTF-8.
		text = validUTF8(text)
	}
	if w.nSeen < len(w.seen) {
		w.seen[w.nSeen] = seenAddr{a, text}
		w.nSeen++
	}
	return text
}

type node struct {
	key    string
	parent int
	size   int
	m      pcommon.Map
	made   bool
}

func newRoot(w *writer, body pcommon.Map) obj {
	w.nodes[0] = node{m: body, made: true}
	w.n = 1
	return obj{w, 0}
}

// child is the object key of o; size is how many members it can have,
// so that its map is made with room for them.
func (o obj) child(key string, size int) obj {
	w := o.w
	if w.n == len(w.nodes) {
		panic("xdomeprocessor: more objects than writer.nodes holds")
	}
	w.nodes[w.n] = node{key: key, parent: o.i, size: size}
	w.n++
	return obj{w, w.n - 1}
}

// mp returns the map of o, creating it and every ancestor not yet made.
func (o obj) mp() pcommon.Map {
	nodes := &o.w.nodes
	if nodes[o.i].made {
		return nodes[o.i].m
	}
	var chain [documentDepth]int
	n := 0
	for i := o.i; !nodes[i].made; i = nodes[i].parent {
		chain[n] = i
		n++
	}
	for n--; n >= 0; n-- {
		c := &nodes[chain[n]]
		c.m = nodes[c.parent].m.PutEmptyMap(c.key)
		if c.size > 1 {
			c.m.EnsureCapacity(c.size)
		}
		c.made = true
	}
	return nodes[o.i].m
}

func (o obj) str(key, v string) {
	if v != "" {
		o.mp().PutStr(key, validUTF8(v))
	}
}

func (o obj) strs(key string, v []string) {
	if len(v) == 0 {
		return
	}
	s := o.mp().PutEmptySlice(key)
	s.EnsureCapacity(len(v))
	for _, x := range v {
		s.AppendEmpty().SetStr(validUTF8(x))
	}
}

func (o obj) int(key string, v *int) {
	if v != nil {
		o.mp().PutInt(key, int64(*v))
	}
}

func (o obj) float(key string, v *float64) {
	if v != nil {
		o.mp().PutDouble(key, *v)
	}
}

func (o obj) bool(key string, v *bool) {
	if v != nil {
		o.mp().PutBool(key, *v)
	}
}

// time writes t as the JSON document has it (RFC 3339, UTC, "Z", six
// fraction digits when not zero): see xdome.Time.
func (o obj) time(key string, t xdome.Time) {
	if !t.IsZero() {
		var buf [32]byte
		text, _ := t.AppendText(buf[:0])
		o.mp().PutStr(key, o.w.newText(text))
	}
}

func (o obj) addr(key string, a netip.Addr) {
	if a.IsValid() {
		o.mp().PutStr(key, o.w.addrText(a))
	}
}

func (o obj) addrs(key string, v []netip.Addr) {
	if len(v) == 0 {
		return
	}
	s := o.mp().PutEmptySlice(key)
	s.EnsureCapacity(len(v))
	for _, a := range v {
		s.AppendEmpty().SetStr(o.w.addrText(a))
	}
}

// unmapped writes claroty.xdome.unmapped: an object of each key to its
// value, or to the list of a list literal, as AppendJSON writes it.
func (o obj) unmapped(key string, v xdome.Unmapped) {
	if len(v) == 0 {
		return
	}
	m := o.mp().PutEmptyMap(key)
	m.EnsureCapacity(len(v))
	for _, f := range v {
		if f.List == nil {
			m.PutStr(f.Key, validUTF8(f.Value))
			continue
		}
		s := m.PutEmptySlice(f.Key)
		s.EnsureCapacity(len(f.List))
		for _, x := range f.List {
			s.AppendEmpty().SetStr(validUTF8(x))
		}
	}
}

// validUTF8 returns s as the library's JSON document has it: s itself
// when it is valid UTF-8 (nearly always, and then it costs one scan), else
// a copy with each byte that does not start a valid UTF-8 sequence
// replaced by U+FFFD, one for one, exactly where AppendJSON writes
// \ufffd (as encoding/json does; strings.ToValidUTF8 would make one U+FFFD
// of a run of bad bytes). A map string must be valid UTF-8: protobuf
// requires it of a string field, and a strict decoder on the receiving
// side rejects the whole message otherwise.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*utf8.UTFMax)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
