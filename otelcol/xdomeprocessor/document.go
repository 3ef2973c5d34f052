package xdomeprocessor

import (
	"net/netip"
	"strings"
	"unicode/utf8"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/cefecs/xdome"
)

// The ECS document as a pcommon.Map, written field by field from the
// Event as the library's AppendJSON writes the JSON document (json.go):
// the same keys, the same nesting, the same order, the same fields left
// out. Typed values keep their types: ports and severity are Int, scores
// Double, booleans Bool, lists Slice; times, addresses and MACs are the
// strings of the JSON document.
// Each ECS object is one small function, in the order of json.go, so the
// two are read side by side.

// putEvent writes the document of ev into body. A non-empty original goes
// to event.original.
func putEvent(body pcommon.Map, ev *xdome.Event, original string) {
	body.EnsureCapacity(17)
	var w writer
	root := newRoot(&w, body)
	root.str("message", ev.Message)
	root.time("@timestamp", ev.Timestamp)
	putEventFields(root.child("event", 7), &ev.Event, original)
	putObserver(root.child("observer", 3), &ev.Observer)
	putSource(root.child("source", 5), &ev.Source)
	putDestination(root.child("destination", 8), &ev.Destination)
	putUser(root.child("user", 1), &ev.User)
	putNetwork(root.child("network", 2), &ev.Network)
	putHost(root.child("host", 5), &ev.Host)
	putDevice(root.child("device", 3), &ev.Device)
	putFile(root.child("file", 2), &ev.File)
	putTLS(root.child("tls", 1), &ev.TLS) // one side only: Parse sets client or server, never both
	putThreat(root.child("threat", 2), &ev.Threat)
	putVulnerability(root.child("vulnerability", 5), &ev.Vulnerability)
	putError(root.child("error", 1), &ev.Error)
	putClaroty(root.child("claroty", 1), &ev.Claroty)
	putRelated(root.child("related", 4), &ev.Related)
}

func putEventFields(o obj, e *xdome.EventFields, original string) {
	o.str("kind", e.Kind)
	o.strs("category", e.Category)
	o.strs("type", e.Type)
	o.int("severity", e.Severity)
	o.str("reason", e.Reason)
	o.str("code", e.Code)
	o.str("original", original)
}

func putObserver(o obj, v *xdome.Observer) {
	o.str("vendor", v.Vendor)
	o.str("product", v.Product)
	o.str("version", v.Version)
}

func putSource(o obj, s *xdome.Source) {
	o.addr("ip", s.IP)
	o.str("mac", s.MAC)
	o.int("port", s.Port)
	o.str("address", s.Address)
	o.str("domain", s.Domain)
}

func putDestination(o obj, d *xdome.Destination) {
	o.addr("ip", d.IP)
	o.str("mac", d.MAC)
	o.int("port", d.Port)
	o.str("domain", d.Domain)
	o.str("address", d.Address)
	o.str("top_level_domain", d.TopLevelDomain)
	o.str("subdomain", d.Subdomain)
	o.str("registered_domain", d.RegisteredDomain)
}

func putUser(o obj, u *xdome.User) {
	o.str("name", u.Name)
}

func putNetwork(o obj, n *xdome.Network) {
	o.str("protocol", n.Protocol)
	o.str("transport", n.Transport)
}

func putHost(o obj, h *xdome.Host) {
	o.strs("mac", h.MAC)
	o.addrs("ip", h.IP)
	o.str("type", h.Type)
	os := o.child("os", 1)
	os.str("full", h.OS.Full)
	o.str("name", h.Name)
}

func putDevice(o obj, d *xdome.Device) {
	o.str("id", d.ID)
	o.str("manufacturer", d.Manufacturer)
	model := o.child("model", 1)
	model.str("name", d.Model.Name)
}

func putFile(o obj, f *xdome.File) {
	o.str("name", f.Name)
	o.str("type", f.Type)
}

func putTLS(o obj, t *xdome.TLS) {
	putTLSPeer(o.child("client", 2), t.Client)
	putTLSPeer(o.child("server", 2), t.Server)
}

func putTLSPeer(o obj, t *xdome.TLSPeer) {
	if t == nil {
		return
	}
	x509 := o.child("x509", 3)
	subject := x509.child("subject", 6)
	s := &t.X509.Subject
	subject.str("common_name", s.CommonName)
	subject.str("country", s.Country)
	subject.str("locality", s.Locality)
	subject.str("organization", s.Organization)
	subject.str("organizational_unit", s.OrganizationalUnit)
	subject.str("state_or_province", s.StateOrProvince)
	x509.time("not_after", t.X509.NotAfter)
	x509.time("not_before", t.X509.NotBefore)
	hash := o.child("hash", 1)
	hash.str("sha1", t.Hash.SHA1)
}

func putThreat(o obj, t *xdome.Threat) {
	o.str("framework", t.Framework)
	technique := o.child("technique", 2)
	technique.strs("id", t.Technique.ID)
	technique.strs("name", t.Technique.Name)
}

func putVulnerability(o obj, v *xdome.Vulnerability) {
	o.strs("id", v.ID)
	o.str("enumeration", v.Enumeration)
	o.str("description", v.Description)
	score := o.child("score", 2)
	score.float("base", v.Score.Base)
	score.str("version", v.Score.Version)
	o.str("classification", v.Classification)
}

func putError(o obj, e *xdome.Error) {
	o.str("message", e.Message)
}

func putClaroty(o obj, c *xdome.Claroty) {
	putXDome(o.child("xdome", 10), &c.XDome)
}

func putXDome(o obj, x *xdome.XDome) {
	o.str("client_id", x.ClientID)
	o.str("sender_id", x.SenderID)
	o.str("event_id", x.EventID)

	device := o.child("device", 5)
	device.str("uid", x.Device.UID)
	device.str("category", x.Device.Category)
	device.str("subcategory", x.Device.Subcategory)
	device.str("site_name", x.Device.SiteName)
	device.str("type_family", x.Device.TypeFamily)

	alert := o.child("alert", 6)
	alert.str("id", x.Alert.ID)
	alert.str("type", x.Alert.Type)
	alert.str("name", x.Alert.Name)
	alert.str("category", x.Alert.Category)
	alert.str("description", x.Alert.Description)
	alert.str("device_status", x.Alert.DeviceStatus)

	mal := o.child("malicious_ip", 7)
	mal.str("confidence", x.MaliciousIP.Confidence)
	mal.str("severity", x.MaliciousIP.Severity)
	mal.str("type", x.MaliciousIP.Type)
	mal.str("source", x.MaliciousIP.Source)
	mal.str("threat_type", x.MaliciousIP.ThreatType)
	mal.strs("tags", x.MaliciousIP.Tags)
	mal.time("last_update", x.MaliciousIP.LastUpdate)

	change := o.child("change", 4)
	change.str("id", x.Change.ID)
	change.str("type", x.Change.Type)
	change.time("timestamp", x.Change.Timestamp)
	change.str("alerted_attribute", x.Change.AlertedAttribute)

	threat := o.child("threat", 5)
	threat.str("signature_name", x.Threat.SignatureName)
	threat.str("signature_content", x.Threat.SignatureContent)
	threat.str("signature_confidence", x.Threat.SignatureConfidence)
	threat.str("signature_severity", x.Threat.SignatureSeverity)
	threat.str("signature_id", x.Threat.SignatureID)

	vuln := o.child("vulnerability", 4)
	vuln.str("name", x.Vulnerability.Name)
	vuln.time("release_date", x.Vulnerability.ReleaseDate)
	vuln.bool("is_known_exploited", x.Vulnerability.IsKnownExploited)
	vuln.str("relevance", x.Vulnerability.Relevance)

	incident := o.child("incident", 5)
	incident.str("id", x.Incident.ID)
	incident.str("status", x.Incident.Status)
	incident.str("location", x.Incident.Location)
	incident.str("updated_by", x.Incident.UpdatedBy)
	iface := incident.child("interface", 2)
	iface.str("name", x.Incident.Interface.Name)
	iface.str("type", x.Incident.Interface.Type)
}

func putRelated(o obj, r *xdome.Related) {
	o.strs("hash", r.Hash)
	o.addrs("ip", r.IP)
	o.strs("hosts", r.Hosts)
	o.strs("user", r.User)
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
