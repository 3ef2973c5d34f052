package xdome

import (
	"net/netip"
	"strconv"
	"unicode/utf8"
)

// MarshalJSON encodes ev as its ECS document; it is [Event.AppendJSON] on
// a new buffer.
func (ev *Event) MarshalJSON() ([]byte, error) {
	return ev.AppendJSON(make([]byte, 0, 2048)), nil
}

// AppendJSON appends the ECS document of ev to dst and returns the result.
//
// The output is byte for byte what encoding/json's reflection would make of
// the Event struct (field order, omitted empty fields, HTML-safe string
// escaping, U+FFFD for invalid UTF-8), but it is written directly, field by
// field, without reflection or allocation when dst has room: the encoder
// of a collector's hot loop. The one difference: AppendJSON treats every
// empty slice as absent, while reflection would write an object for a
// non-nil empty slice; Parse never makes those.
func (ev *Event) AppendJSON(dst []byte) []byte {
	e := encoder{b: dst}
	e.b = append(e.b, '{')
	e.first = true

	e.str(`"message":`, ev.Message)
	e.time(`"@timestamp":`, ev.Timestamp)

	m, f := e.begin(`"event":`)
	e.str(`"kind":`, ev.Event.Kind)
	e.strs(`"category":`, ev.Event.Category)
	e.strs(`"type":`, ev.Event.Type)
	e.int(`"severity":`, ev.Event.Severity)
	e.str(`"reason":`, ev.Event.Reason)
	e.str(`"code":`, ev.Event.Code)
	e.end(m, f)

	m, f = e.begin(`"observer":`)
	e.str(`"vendor":`, ev.Observer.Vendor)
	e.str(`"product":`, ev.Observer.Product)
	e.str(`"version":`, ev.Observer.Version)
	e.end(m, f)

	m, f = e.begin(`"source":`)
	e.addr(`"ip":`, ev.Source.IP)
	e.str(`"mac":`, ev.Source.MAC)
	e.int(`"port":`, ev.Source.Port)
	e.str(`"address":`, ev.Source.Address)
	e.end(m, f)

	d := &ev.Destination
	m, f = e.begin(`"destination":`)
	e.addr(`"ip":`, d.IP)
	e.str(`"mac":`, d.MAC)
	e.int(`"port":`, d.Port)
	e.str(`"domain":`, d.Domain)
	e.str(`"address":`, d.Address)
	e.str(`"top_level_domain":`, d.TopLevelDomain)
	e.str(`"subdomain":`, d.Subdomain)
	e.str(`"registered_domain":`, d.RegisteredDomain)
	e.end(m, f)

	m, f = e.begin(`"user":`)
	e.str(`"name":`, ev.User.Name)
	e.end(m, f)

	m, f = e.begin(`"network":`)
	e.str(`"protocol":`, ev.Network.Protocol)
	e.end(m, f)

	m, f = e.begin(`"host":`)
	e.strs(`"mac":`, ev.Host.MAC)
	e.addrs(`"ip":`, ev.Host.IP)
	e.str(`"type":`, ev.Host.Type)
	m2, f2 := e.begin(`"os":`)
	e.str(`"full":`, ev.Host.OS.Full)
	e.end(m2, f2)
	e.end(m, f)

	m, f = e.begin(`"device":`)
	e.str(`"id":`, ev.Device.ID)
	e.str(`"manufacturer":`, ev.Device.Manufacturer)
	m2, f2 = e.begin(`"model":`)
	e.str(`"name":`, ev.Device.Model.Name)
	e.end(m2, f2)
	e.end(m, f)

	m, f = e.begin(`"file":`)
	e.str(`"name":`, ev.File.Name)
	e.str(`"type":`, ev.File.Type)
	e.end(m, f)

	m, f = e.begin(`"tls":`)
	e.tlsPeer(`"client":`, ev.TLS.Client)
	e.tlsPeer(`"server":`, ev.TLS.Server)
	e.end(m, f)

	m, f = e.begin(`"error":`)
	e.str(`"message":`, ev.Error.Message)
	e.end(m, f)

	m, f = e.begin(`"claroty":`)
	e.xdome(&ev.Claroty.XDome)
	e.end(m, f)

	m, f = e.begin(`"related":`)
	e.strs(`"hash":`, ev.Related.Hash)
	e.addrs(`"ip":`, ev.Related.IP)
	e.strs(`"hosts":`, ev.Related.Hosts)
	e.strs(`"user":`, ev.Related.User)
	e.end(m, f)

	return append(e.b, '}')
}

func (e *encoder) tlsPeer(key string, p *TLSPeer) {
	if p == nil {
		return
	}
	m, f := e.begin(key)
	m2, f2 := e.begin(`"x509":`)
	m3, f3 := e.begin(`"subject":`)
	s := &p.X509.Subject
	e.str(`"common_name":`, s.CommonName)
	e.str(`"country":`, s.Country)
	e.str(`"locality":`, s.Locality)
	e.str(`"organization":`, s.Organization)
	e.str(`"organizational_unit":`, s.OrganizationalUnit)
	e.str(`"state_or_province":`, s.StateOrProvince)
	e.end(m3, f3)
	e.time(`"not_after":`, p.X509.NotAfter)
	e.time(`"not_before":`, p.X509.NotBefore)
	e.end(m2, f2)
	m2, f2 = e.begin(`"hash":`)
	e.str(`"sha1":`, p.Hash.SHA1)
	e.end(m2, f2)
	e.end(m, f)
}

func (e *encoder) xdome(x *XDome) {
	m, f := e.begin(`"xdome":`)
	e.str(`"client_id":`, x.ClientID)
	e.str(`"sender_id":`, x.SenderID)
	e.str(`"event_id":`, x.EventID)

	m2, f2 := e.begin(`"device":`)
	e.str(`"uid":`, x.Device.UID)
	e.str(`"category":`, x.Device.Category)
	e.str(`"subcategory":`, x.Device.Subcategory)
	e.str(`"site_name":`, x.Device.SiteName)
	e.str(`"type_family":`, x.Device.TypeFamily)
	e.end(m2, f2)

	m2, f2 = e.begin(`"alert":`)
	e.str(`"id":`, x.Alert.ID)
	e.str(`"type":`, x.Alert.Type)
	e.str(`"name":`, x.Alert.Name)
	e.str(`"category":`, x.Alert.Category)
	e.str(`"description":`, x.Alert.Description)
	e.end(m2, f2)

	m2, f2 = e.begin(`"malicious_ip":`)
	e.str(`"confidence":`, x.MaliciousIP.Confidence)
	e.str(`"severity":`, x.MaliciousIP.Severity)
	e.str(`"type":`, x.MaliciousIP.Type)
	e.str(`"source":`, x.MaliciousIP.Source)
	e.str(`"threat_type":`, x.MaliciousIP.ThreatType)
	e.end(m2, f2)

	m2, f2 = e.begin(`"change":`)
	e.str(`"id":`, x.Change.ID)
	e.str(`"type":`, x.Change.Type)
	e.time(`"timestamp":`, x.Change.Timestamp)
	e.str(`"alerted_attribute":`, x.Change.AlertedAttribute)
	e.end(m2, f2)

	m2, f2 = e.begin(`"threat":`)
	e.str(`"signature_name":`, x.Threat.SignatureName)
	e.str(`"signature_content":`, x.Threat.SignatureContent)
	e.str(`"signature_confidence":`, x.Threat.SignatureConfidence)
	e.str(`"signature_severity":`, x.Threat.SignatureSeverity)
	e.end(m2, f2)
	e.end(m, f)
}

// encoder writes one JSON object at a time. An object is opened by begin
// and closed by end; when no field was written in between, end takes the
// opening back out, which is how empty objects are omitted without first
// testing every field for zero.
type encoder struct {
	b     []byte
	first bool // no field written yet in the innermost open object
}

// key writes the separator and k, which is the key already written as
// JSON with its colon (`"kind":`): the keys are plain ASCII, so they are
// literals in the code and cost one copy each.
func (e *encoder) key(k string) {
	if !e.first {
		e.b = append(e.b, ',')
	}
	e.first = false
	e.b = append(e.b, k...)
}

func (e *encoder) begin(k string) (mark int, first bool) {
	mark, first = len(e.b), e.first
	e.key(k)
	e.b = append(e.b, '{')
	e.first = true
	return mark, first
}

func (e *encoder) end(mark int, first bool) {
	if e.first { // empty object: omit it
		e.b = e.b[:mark]
		e.first = first
		return
	}
	e.b = append(e.b, '}')
}

func (e *encoder) str(k, v string) {
	if v != "" {
		e.key(k)
		e.b = appendJSONString(e.b, v)
	}
}

func (e *encoder) strs(k string, v []string) {
	if len(v) == 0 {
		return
	}
	e.key(k)
	e.b = append(e.b, '[')
	for i, s := range v {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendJSONString(e.b, s)
	}
	e.b = append(e.b, ']')
}

func (e *encoder) int(k string, v *int) {
	if v != nil {
		e.key(k)
		e.b = strconv.AppendInt(e.b, int64(*v), 10)
	}
}

func (e *encoder) time(k string, t Time) {
	if !t.IsZero() {
		e.key(k)
		e.b = append(e.b, '"')
		e.b = t.appendText(e.b)
		e.b = append(e.b, '"')
	}
}

func (e *encoder) addr(k string, a netip.Addr) {
	if a.IsValid() {
		e.key(k)
		e.b = appendJSONAddr(e.b, a)
	}
}

func (e *encoder) addrs(k string, v []netip.Addr) {
	if len(v) == 0 {
		return
	}
	e.key(k)
	e.b = append(e.b, '[')
	for i, a := range v {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendJSONAddr(e.b, a)
	}
	e.b = append(e.b, ']')
}

// appendJSONAddr writes a as a JSON string, as encoding/json writes the text
// of an encoding.TextMarshaler: the zone of an IPv6 address may need
// escaping like any string.
func appendJSONAddr(b []byte, a netip.Addr) []byte {
	if a.Zone() == "" {
		b = append(b, '"')
		b = a.AppendTo(b) // digits, dots, colons and hex: nothing to escape
		return append(b, '"')
	}
	var buf [64]byte
	return appendJSONString(b, string(a.AppendTo(buf[:0])))
}

// appendJSONString writes s as a JSON string exactly as encoding/json does:
// `"` and `\` escaped, \b \f \n \r \t by name and other control bytes as
// \u00XX, <, > and & as \u003c \u003e \u0026 (HTML-safe), invalid UTF-8 as
// \ufffd, and U+2028, U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most text needs no escape: step over it 8 bytes at a time,
		// testing them together in one 64-bit word (the compiler merges
		// the byte loads into one load). A byte needs a closer look if it
		// is at or above 0x80 or below 0x20, or is `"` or `&` (0x26 once
		// bit 0x04 is set), `<` or `>` (0x3e once bit 0x02 is set), or
		// `\`; (v-lo)&^v&hi is the classic exact test for a zero byte.
		for i+8 <= len(s) {
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			const lo, hi = 0x0101010101010101, 0x8080808080808080
			v1 := (x | lo*0x04) ^ lo*0x26
			v2 := (x | lo*0x02) ^ lo*0x3e
			v3 := x ^ lo*0x5c
			if (x|(x-lo*0x20)|(v1-lo)&^v1|(v2-lo)&^v2|(v3-lo)&^v3)&hi != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe marks the ASCII bytes that a JSON string holds as they are:
// every byte from space up (DEL included), but for `"`, `\` and the
// HTML-sensitive <, >, &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t['<'], t['>'], t['&'] = false, false, false, false, false
	return t
}()
