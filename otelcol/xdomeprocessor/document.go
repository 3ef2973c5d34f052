package xdomeprocessor

import (
	"net/netip"

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
	body.EnsureCapacity(17)
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
	event.Map().PutStr("original", original)
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
	nodes [64]node // the document has about 40 objects
	n     int
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
	var chain [8]int // the document nests 4 deep
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
		o.mp().PutStr(key, v)
	}
}

func (o obj) strs(key string, v []string) {
	if len(v) == 0 {
		return
	}
	s := o.mp().PutEmptySlice(key)
	s.EnsureCapacity(len(v))
	for _, x := range v {
		s.AppendEmpty().SetStr(x)
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
		o.mp().PutStr(key, t.String())
	}
}

func (o obj) addr(key string, a netip.Addr) {
	if a.IsValid() {
		o.mp().PutStr(key, a.String())
	}
}

func (o obj) addrs(key string, v []netip.Addr) {
	if len(v) == 0 {
		return
	}
	s := o.mp().PutEmptySlice(key)
	s.EnsureCapacity(len(v))
	for _, a := range v {
		s.AppendEmpty().SetStr(a.String())
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
			m.PutStr(f.Key, f.Value)
			continue
		}
		s := m.PutEmptySlice(f.Key)
		s.EnsureCapacity(len(f.List))
		for _, x := range f.List {
			s.AppendEmpty().SetStr(x)
		}
	}
}
