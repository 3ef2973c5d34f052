package xdome

import (
	"math"
	"net/netip"
	"strconv"
	"unicode/utf8"
)

// Event has no MarshalJSON method on purpose: encoding/json (v1) validates
// and compacts whatever a MarshalJSON returns, a scan of every byte that
// made json.Marshal(ev) 2.8 times as slow as its own reflection over the
// Event struct, which writes the same bytes (TestAppendJSONMatchesReflection).
// Where encoding/json/v2 is built in (GOEXPERIMENT=jsonv2), json.Marshal
// uses MarshalJSONTo instead (json_v2.go). AppendJSON and AppendECS are
// the fast paths.

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
	// Each member is written with a leading comma; see openObj.
	b := dst
	start := len(b)
	var m, p, m2, p2 int

	b = strField(b, `,"message":`, ev.Message)
	b = timeField(b, `,"@timestamp":`, ev.Timestamp)

	b, m, p = openObj(b, `,"event":`)
	b = strField(b, `,"kind":`, ev.Event.Kind)
	b = strsField(b, `,"category":`, ev.Event.Category)
	b = strsField(b, `,"type":`, ev.Event.Type)
	b = intField(b, `,"severity":`, ev.Event.Severity)
	b = strField(b, `,"reason":`, ev.Event.Reason)
	b = strField(b, `,"code":`, ev.Event.Code)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"observer":`)
	b = strField(b, `,"vendor":`, ev.Observer.Vendor)
	b = strField(b, `,"product":`, ev.Observer.Product)
	b = strField(b, `,"version":`, ev.Observer.Version)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"source":`)
	b = addrField(b, `,"ip":`, ev.Source.IP)
	b = strField(b, `,"mac":`, ev.Source.MAC)
	b = intField(b, `,"port":`, ev.Source.Port)
	b = strField(b, `,"address":`, ev.Source.Address)
	b = strField(b, `,"domain":`, ev.Source.Domain)
	b = closeObj(b, m, p)

	d := &ev.Destination
	b, m, p = openObj(b, `,"destination":`)
	b = addrField(b, `,"ip":`, d.IP)
	b = strField(b, `,"mac":`, d.MAC)
	b = intField(b, `,"port":`, d.Port)
	b = strField(b, `,"domain":`, d.Domain)
	b = strField(b, `,"address":`, d.Address)
	b = strField(b, `,"top_level_domain":`, d.TopLevelDomain)
	b = strField(b, `,"subdomain":`, d.Subdomain)
	b = strField(b, `,"registered_domain":`, d.RegisteredDomain)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"user":`)
	b = strField(b, `,"name":`, ev.User.Name)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"network":`)
	b = strField(b, `,"protocol":`, ev.Network.Protocol)
	b = strField(b, `,"transport":`, ev.Network.Transport)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"host":`)
	b = strsField(b, `,"mac":`, ev.Host.MAC)
	b = addrsField(b, `,"ip":`, ev.Host.IP)
	b = strField(b, `,"type":`, ev.Host.Type)
	b, m2, p2 = openObj(b, `,"os":`)
	b = strField(b, `,"full":`, ev.Host.OS.Full)
	b = closeObj(b, m2, p2)
	b = strField(b, `,"name":`, ev.Host.Name)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"device":`)
	b = strField(b, `,"id":`, ev.Device.ID)
	b = strField(b, `,"manufacturer":`, ev.Device.Manufacturer)
	b, m2, p2 = openObj(b, `,"model":`)
	b = strField(b, `,"name":`, ev.Device.Model.Name)
	b = closeObj(b, m2, p2)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"file":`)
	b = strField(b, `,"name":`, ev.File.Name)
	b = strField(b, `,"type":`, ev.File.Type)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"tls":`)
	b = tlsPeerField(b, `,"client":`, ev.TLS.Client)
	b = tlsPeerField(b, `,"server":`, ev.TLS.Server)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"threat":`)
	b = strField(b, `,"framework":`, ev.Threat.Framework)
	b, m2, p2 = openObj(b, `,"technique":`)
	b = strsField(b, `,"id":`, ev.Threat.Technique.ID)
	b = strsField(b, `,"name":`, ev.Threat.Technique.Name)
	b = closeObj(b, m2, p2)
	b = closeObj(b, m, p)

	v := &ev.Vulnerability
	b, m, p = openObj(b, `,"vulnerability":`)
	b = strsField(b, `,"id":`, v.ID)
	b = strField(b, `,"enumeration":`, v.Enumeration)
	b = strField(b, `,"description":`, v.Description)
	b, m2, p2 = openObj(b, `,"score":`)
	b = floatField(b, `,"base":`, v.Score.Base)
	b = strField(b, `,"version":`, v.Score.Version)
	b = closeObj(b, m2, p2)
	b = strField(b, `,"classification":`, v.Classification)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"error":`)
	b = strField(b, `,"message":`, ev.Error.Message)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"claroty":`)
	b = xdomeField(b, &ev.Claroty.XDome)
	b = closeObj(b, m, p)

	b, m, p = openObj(b, `,"related":`)
	b = strsField(b, `,"hash":`, ev.Related.Hash)
	b = addrsField(b, `,"ip":`, ev.Related.IP)
	b = strsField(b, `,"hosts":`, ev.Related.Hosts)
	b = strsField(b, `,"user":`, ev.Related.User)
	b = closeObj(b, m, p)

	if len(b) == start {
		return append(b, "{}"...)
	}
	b[start] = '{'
	return append(b, '}')
}

func tlsPeerField(b []byte, key string, t *TLSPeer) []byte {
	if t == nil {
		return b
	}
	b, m, p := openObj(b, key)
	b, m2, p2 := openObj(b, `,"x509":`)
	b, m3, p3 := openObj(b, `,"subject":`)
	s := &t.X509.Subject
	b = strField(b, `,"common_name":`, s.CommonName)
	b = strField(b, `,"country":`, s.Country)
	b = strField(b, `,"locality":`, s.Locality)
	b = strField(b, `,"organization":`, s.Organization)
	b = strField(b, `,"organizational_unit":`, s.OrganizationalUnit)
	b = strField(b, `,"state_or_province":`, s.StateOrProvince)
	b = closeObj(b, m3, p3)
	b = timeField(b, `,"not_after":`, t.X509.NotAfter)
	b = timeField(b, `,"not_before":`, t.X509.NotBefore)
	b = closeObj(b, m2, p2)
	b, m2, p2 = openObj(b, `,"hash":`)
	b = strField(b, `,"sha1":`, t.Hash.SHA1)
	b = closeObj(b, m2, p2)
	return closeObj(b, m, p)
}

func xdomeField(b []byte, x *XDome) []byte {
	b, m, p := openObj(b, `,"xdome":`)
	b = strField(b, `,"client_id":`, x.ClientID)
	b = strField(b, `,"sender_id":`, x.SenderID)
	b = strField(b, `,"event_id":`, x.EventID)

	b, m2, p2 := openObj(b, `,"device":`)
	b = strField(b, `,"uid":`, x.Device.UID)
	b = strField(b, `,"category":`, x.Device.Category)
	b = strField(b, `,"subcategory":`, x.Device.Subcategory)
	b = strField(b, `,"site_name":`, x.Device.SiteName)
	b = strField(b, `,"type_family":`, x.Device.TypeFamily)
	b = closeObj(b, m2, p2)

	b, m2, p2 = openObj(b, `,"alert":`)
	b = strField(b, `,"id":`, x.Alert.ID)
	b = strField(b, `,"type":`, x.Alert.Type)
	b = strField(b, `,"name":`, x.Alert.Name)
	b = strField(b, `,"category":`, x.Alert.Category)
	b = strField(b, `,"description":`, x.Alert.Description)
	b = strField(b, `,"device_status":`, x.Alert.DeviceStatus)
	b = closeObj(b, m2, p2)

	b, m2, p2 = openObj(b, `,"malicious_ip":`)
	b = strField(b, `,"confidence":`, x.MaliciousIP.Confidence)
	b = strField(b, `,"severity":`, x.MaliciousIP.Severity)
	b = strField(b, `,"type":`, x.MaliciousIP.Type)
	b = strField(b, `,"source":`, x.MaliciousIP.Source)
	b = strField(b, `,"threat_type":`, x.MaliciousIP.ThreatType)
	b = strsField(b, `,"tags":`, x.MaliciousIP.Tags)
	b = timeField(b, `,"last_update":`, x.MaliciousIP.LastUpdate)
	b = closeObj(b, m2, p2)

	b, m2, p2 = openObj(b, `,"change":`)
	b = strField(b, `,"id":`, x.Change.ID)
	b = strField(b, `,"type":`, x.Change.Type)
	b = timeField(b, `,"timestamp":`, x.Change.Timestamp)
	b = strField(b, `,"alerted_attribute":`, x.Change.AlertedAttribute)
	b = closeObj(b, m2, p2)

	b, m2, p2 = openObj(b, `,"threat":`)
	b = strField(b, `,"signature_name":`, x.Threat.SignatureName)
	b = strField(b, `,"signature_content":`, x.Threat.SignatureContent)
	b = strField(b, `,"signature_confidence":`, x.Threat.SignatureConfidence)
	b = strField(b, `,"signature_severity":`, x.Threat.SignatureSeverity)
	b = strField(b, `,"signature_id":`, x.Threat.SignatureID)
	b = closeObj(b, m2, p2)

	b, m2, p2 = openObj(b, `,"vulnerability":`)
	b = strField(b, `,"name":`, x.Vulnerability.Name)
	b = timeField(b, `,"release_date":`, x.Vulnerability.ReleaseDate)
	b = boolField(b, `,"is_known_exploited":`, x.Vulnerability.IsKnownExploited)
	b = strField(b, `,"relevance":`, x.Vulnerability.Relevance)
	b = closeObj(b, m2, p2)

	b, m2, p2 = openObj(b, `,"incident":`)
	b = strField(b, `,"id":`, x.Incident.ID)
	b = strField(b, `,"status":`, x.Incident.Status)
	b = strField(b, `,"location":`, x.Incident.Location)
	b = strField(b, `,"updated_by":`, x.Incident.UpdatedBy)
	b, m3, p3 := openObj(b, `,"interface":`)
	b = strField(b, `,"name":`, x.Incident.Interface.Name)
	b = strField(b, `,"type":`, x.Incident.Interface.Type)
	b = closeObj(b, m3, p3)
	b = closeObj(b, m2, p2)
	return closeObj(b, m, p)
}

// Every member is written with a leading comma in its key literal
// (`,"kind":`), so that a member costs one copy and no test of whether it
// is the first. openObj writes an object's key and notes where its "{"
// goes: closeObj then puts the "{" over the comma of the object's first
// member, or, when no member was written, takes the key back out, which
// is how empty objects are omitted without testing every field first.
// The keys are plain ASCII literals: nothing to escape.
func openObj(b []byte, key string) (out []byte, mark, pos int) {
	mark = len(b)
	b = append(b, key...)
	return b, mark, len(b)
}

func closeObj(b []byte, mark, pos int) []byte {
	if len(b) == pos {
		return b[:mark]
	}
	b[pos] = '{'
	return append(b, '}')
}

func strField(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, key...)
	return appendJSONString(b, v)
}

func strsField(b []byte, key string, v []string) []byte {
	if len(v) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func intField(b []byte, key string, v *int) []byte {
	if v == nil {
		return b
	}
	b = append(b, key...)
	return strconv.AppendInt(b, int64(*v), 10)
}

// floatField writes *v as encoding/json writes a float64: the shortest
// decimal that reads back as v, in exponent form only below 1e-6 or from
// 1e21 on, with a two-digit negative exponent shortened (1e-07 → 1e-7).
func floatField(b []byte, key string, v *float64) []byte {
	if v == nil {
		return b
	}
	b = append(b, key...)
	f := *v
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func boolField(b []byte, key string, v *bool) []byte {
	if v == nil {
		return b
	}
	b = append(b, key...)
	return strconv.AppendBool(b, *v)
}

func timeField(b []byte, key string, t Time) []byte {
	if t.IsZero() {
		return b
	}
	b = append(b, key...)
	b = append(b, '"')
	b = t.appendText(b)
	return append(b, '"')
}

func addrField(b []byte, key string, a netip.Addr) []byte {
	if !a.IsValid() {
		return b
	}
	b = append(b, key...)
	return appendJSONAddr(b, a)
}

func addrsField(b []byte, key string, v []netip.Addr) []byte {
	if len(v) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i, a := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONAddr(b, a)
	}
	return append(b, ']')
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
