package xdome

import (
	"net/netip"
	"strconv"
	"strings"
)

// Parse turns one xDome CEF line into an ECS event. The line may carry a
// syslog header and line breaks; see the package documentation for what
// is accepted. The error, when not nil, is a *[ParseError]; a bad value of
// a single field does not fail the line but is recorded in the event's
// error.message.
func Parse(line []byte) (*Event, error) {
	ev := new(Event)
	if err := ev.parse(line); err != nil {
		return nil, err
	}
	return ev, nil
}

// ParseInto is [Parse] into a caller-owned Event, for hot loops: ev is
// reset first, so nothing of a previous event remains, and its internal
// storage is reused, so the only allocation of a usual line is the copy
// that becomes ev.Message. The slices and pointers of ev are overwritten by
// the next call; see [Event]. On error, ev is left reset.
func ParseInto(ev *Event, line []byte) error {
	keep := ev.keep
	*ev = Event{} // a plain clear; Event{keep: keep} would copy the whole Event
	ev.keep = keep
	return ev.parse(line)
}

// parse is Parse and ParseInto on an Event that is already empty. It
// writes nothing into ev unless the line is a CEF record.
func (ev *Event) parse(line []byte) error {
	trimmed, base := trimLine(line)
	// The one copy of the input: every string of the event is a piece of
	// msg (only a value with escape sequences needs a copy of its own).
	msg := string(trimmed)
	h, err := splitHeader(msg, base)
	if err != nil {
		return err
	}
	ev.Message = msg
	ev.Observer = Observer{Vendor: h.vendor, Product: h.product, Version: h.devVersion}
	m := mapper{ev: ev}
	m.severity(h.severity)
	sc := newExtScanner(h.ext)
	// Most lines have no backslash at all: then no value needs unescaping
	// and one scan of the extension spares a scan of every value.
	escapes := strings.IndexByte(h.ext, '\\') >= 0
	for key, v, ok := sc.next(); ok; key, v, ok = sc.next() {
		if escapes {
			v = unescapeValue(v)
		}
		if v == "None" {
			v = "" // xDome's "no value"
		}
		m.field(key, v)
	}
	m.finish()
	return nil
}

// mapper carries what a line's keys leave for the end of the line: the
// rules of SPEC.md that depend on more than one key.
type mapper struct {
	ev *Event

	hasUser, isChange bool
	dstIP, externalIP netip.Addr
	// The addresses as written, to reuse as source/destination.address.
	srcIPText, dstIPText, externalIPText string
	alertID, changeAlertID               string
	eventAlertID                         string
	alertTypeName, alertType             string
	eventDesc, changeDesc                string
	certType                             string
	cert                                 TLSPeer
	problems                             []byte // error.message being built
}

// field maps one extension key. This switch is the mapping table: every
// xDome key that reaches ECS appears here exactly once; any other key is
// ignored by Parse (and available from ParseCEF). An empty v means "no
// value" and clears what an earlier occurrence of the key set, so that the
// last occurrence of a key wins, as in Record.Get.
func (m *mapper) field(key, v string) {
	ev := m.ev
	switch key {
	// The event.
	case "event_timestamp":
		m.time(&ev.Timestamp, key, v)
	case "event_type":
		ev.Event.Code = v
	case "event_description":
		m.eventDesc = v
	case "change_description":
		m.changeDesc = v
	case "username":
		ev.User.Name = v
		m.hasUser = v != ""
	case "protocol":
		ev.Network.Protocol = v

	// Source and destination.
	case "src_ip":
		ev.Source.IP, m.srcIPText = m.ip(key, v), v
	case "src_mac":
		ev.Source.MAC = v
	case "src_port":
		ev.Source.Port = m.port(key, v, &ev.store.srcPort)
	case "dst_ip":
		m.dstIP, m.dstIPText = m.ip(key, v), v
	case "external_ip":
		m.externalIP, m.externalIPText = m.ip(key, v), v
	case "dst_mac":
		ev.Destination.MAC = v
	case "dst_port":
		ev.Destination.Port = m.port(key, v, &ev.store.dstPort)
	case "domain":
		ev.Destination.Domain = v

	// The asset.
	case "device_ip_list":
		ev.Host.IP = m.ipList(key, v)
	case "device_mac_list":
		ev.Host.MAC = m.stringList(v, ev.store.hostMAC[:0])
	case "device_type":
		ev.Host.Type = v
	case "device_os":
		ev.Host.OS.Full = v
	case "device_asset_id":
		ev.Device.ID = v
	case "device_manufacturer":
		ev.Device.Manufacturer = v
	case "device_model":
		ev.Device.Model.Name = v
	case "device_uid":
		ev.Claroty.XDome.Device.UID = v
	case "device_category":
		ev.Claroty.XDome.Device.Category = v
	case "device_subcategory":
		ev.Claroty.XDome.Device.Subcategory = v
	case "device_site_name":
		ev.Claroty.XDome.Device.SiteName = v
	case "device_type_family":
		ev.Claroty.XDome.Device.TypeFamily = v

	// The certificate; its side is known only at the end of the line.
	case "certificate_type":
		m.certType = v
	case "certificate_CN":
		m.cert.X509.Subject.CommonName = v
	case "certificate_C":
		m.cert.X509.Subject.Country = v
	case "certificate_L":
		m.cert.X509.Subject.Locality = v
	case "certificate_O":
		m.cert.X509.Subject.Organization = v
	case "certificate_OU":
		m.cert.X509.Subject.OrganizationalUnit = v
	case "certificate_ST":
		m.cert.X509.Subject.StateOrProvince = v
	case "certificate_expiry_date":
		m.certTime(&m.cert.X509.NotAfter, key, v)
	case "certificate_start_date":
		m.certTime(&m.cert.X509.NotBefore, key, v)
	case "certificate_thumbprint":
		m.cert.Hash.SHA1 = v

	// xDome identifiers.
	case "client_id":
		ev.Claroty.XDome.ClientID = v
	case "sender_id":
		ev.Claroty.XDome.SenderID = v
	case "event_id":
		ev.Claroty.XDome.EventID = v

	// Alerts.
	case "alert_id":
		m.alertID = v
	case "change_alert_id":
		m.changeAlertID = v
	case "event_alert_id":
		m.eventAlertID = v
	case "alert_type_name":
		m.alertTypeName = v
	case "alert_type":
		m.alertType = v
	case "alert_name":
		ev.Claroty.XDome.Alert.Name = v
	case "alert_category":
		ev.Claroty.XDome.Alert.Category = v
	case "alert_description":
		ev.Claroty.XDome.Alert.Description = v

	// Threat intelligence on a malicious address.
	case "malicious_ip_confidence":
		ev.Claroty.XDome.MaliciousIP.Confidence = v
	case "malicious_ip_severity":
		ev.Claroty.XDome.MaliciousIP.Severity = v
	case "malicious_ip_type":
		ev.Claroty.XDome.MaliciousIP.Type = v
	case "malicious_ip_source":
		ev.Claroty.XDome.MaliciousIP.Source = v
	case "malicious_ip_threat_type":
		ev.Claroty.XDome.MaliciousIP.ThreatType = v

	// Device changes.
	case "change_id":
		ev.Claroty.XDome.Change.ID = v
		m.isChange = v != ""
	case "change_type":
		ev.Claroty.XDome.Change.Type = v
	case "change_timestamp":
		m.time(&ev.Claroty.XDome.Change.Timestamp, key, v)
	case "change_alerted_attribute":
		ev.Claroty.XDome.Change.AlertedAttribute = v

	// Network threat signatures.
	case "signature_name":
		ev.Claroty.XDome.Threat.SignatureName = v
	case "signature_content":
		ev.Claroty.XDome.Threat.SignatureContent = v
	case "signature_confidence":
		ev.Claroty.XDome.Threat.SignatureConfidence = v
	case "signature_severity":
		ev.Claroty.XDome.Threat.SignatureSeverity = v

	// File transfers.
	case "file_name":
		ev.File.Name = v
	case "file_type":
		ev.File.Type = v
	}
}

// finish applies the rules that need the whole line.
func (m *mapper) finish() {
	ev := m.ev
	ev.Event.Kind = "alert"
	switch {
	case m.isChange:
		ev.store.category[0], ev.store.typ[0] = "configuration", "change"
	case m.hasUser:
		ev.store.category[0], ev.store.typ[0] = "authentication", "info"
	default:
		ev.store.category[0], ev.store.typ[0] = "network", "connection"
	}
	ev.Event.Category, ev.Event.Type = ev.store.category[:1], ev.store.typ[:1]

	ev.Event.Reason = m.eventDesc
	if m.isChange && m.changeDesc != "" {
		ev.Event.Reason = m.changeDesc
	}

	dstIP, dstText := m.dstIP, m.dstIPText
	if !dstIP.IsValid() {
		dstIP, dstText = m.externalIP, m.externalIPText
	}
	ev.Destination.IP = dstIP
	if ev.Source.IP.IsValid() {
		ev.Source.Address = addrText(ev.Source.IP, m.srcIPText)
	}
	if d := ev.Destination.Domain; d != "" {
		ev.Destination.Address = d
		memo := &ev.keep.domain
		if memo.name != d {
			r, s, t := splitDomain(d)
			*memo = domainMemo{d, r, s, t}
		}
		ev.Destination.RegisteredDomain, ev.Destination.Subdomain, ev.Destination.TopLevelDomain = memo.registered, memo.subdomain, memo.tld
	} else if dstIP.IsValid() {
		ev.Destination.Address = addrText(dstIP, dstText)
	}

	x := &ev.Claroty.XDome
	x.Alert.ID = firstOf(m.alertID, m.changeAlertID, m.eventAlertID)
	x.Alert.Type = firstOf(m.alertTypeName, m.alertType)

	switch {
	case strings.EqualFold(m.certType, "server"):
		ev.TLS.Server = m.tlsPeer()
	case strings.EqualFold(m.certType, "client"):
		ev.TLS.Client = m.tlsPeer()
	}

	ev.fillRelated()
	if len(m.problems) > 0 {
		ev.Error.Message = string(m.problems)
	}
}

// addrText returns the text of a: written, the address as the line wrote
// it, when that is already a's canonical text (the usual case, which then
// costs no allocation), else a.String().
func addrText(a netip.Addr, written string) string {
	var buf [64]byte
	if string(a.AppendTo(buf[:0])) == written {
		return written
	}
	return a.String()
}

// tlsPeer returns the certificate in the Event's reusable storage, or nil
// when the record gave none of its fields.
func (m *mapper) tlsPeer() *TLSPeer {
	if m.cert == (TLSPeer{}) {
		return nil
	}
	p := m.ev.keep.tls
	if p == nil {
		p = new(TLSPeer)
		m.ev.keep.tls = p
	}
	*p = m.cert
	return p
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// problem records a value that could not be mapped, as a clause of
// error.message: `src_port: invalid port "abc"`.
func (m *mapper) problem(key, what, v string) {
	if len(m.problems) > 0 {
		m.problems = append(m.problems, "; "...)
	}
	m.problems = append(m.problems, key...)
	m.problems = append(m.problems, ": invalid "...)
	m.problems = append(m.problems, what...)
	m.problems = append(m.problems, ' ')
	m.problems = strconv.AppendQuote(m.problems, v)
}

// ip parses an address; a bad one is recorded and yields the zero Addr.
func (m *mapper) ip(key, v string) netip.Addr {
	a, ok := parseIP(v)
	if !ok && v != "" {
		m.problem(key, "IP address", v)
	}
	return a
}

// parseIP parses an IPv4 or IPv6 address. An IPv6 zone (fe80::1%eth0) is
// refused: an ECS ip field has no place for it, and Elasticsearch would
// reject or alter the document.
func parseIP(v string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(trimSpace(v))
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}

// port parses a port number 0..65535 into *store and returns store, or
// records the bad value and returns nil.
func (m *mapper) port(key, v string, store *int) *int {
	t := trimSpace(v)
	n, ok := atoiN(t)
	if !ok || len(t) > 5 || n > 65535 {
		if v != "" {
			m.problem(key, "port", v)
		}
		return nil
	}
	*store = n
	return store
}

// time parses an ISO 8601 timestamp into *dst, or records the bad value.
func (m *mapper) time(dst *Time, key, v string) {
	t, ok := parseTimestamp(v)
	if !ok && v != "" {
		m.problem(key, "timestamp", v)
	}
	dst.Time = t
}

// certTime parses a certificate date into *dst, or records the bad value.
func (m *mapper) certTime(dst *Time, key, v string) {
	t, ok := parseCertTime(v)
	if !ok && v != "" {
		m.problem(key, "date", v)
	}
	dst.Time = t
}

// severity maps the CEF header severity: an integer 0..10 as is, or one of
// the words of the CEF standard, in any case: Unknown = 0, Low = 3,
// Medium = 6, High = 8, Very-High = 10 (the top of the range the standard
// gives each word, so that a word never ranks below a number of its range).
func (m *mapper) severity(v string) {
	t := trimSpace(v)
	n, ok := atoiN(t)
	if ok && len(t) <= 2 && n <= 10 {
		// n is in range.
	} else if n, ok = severityWords[strings.ToLower(t)]; !ok {
		if v != "" {
			m.problem("severity", "severity", v)
		}
		return
	}
	m.ev.store.severity = n
	m.ev.Event.Severity = &m.ev.store.severity
}

// closingQuote returns the offset of the quote q that closes the item
// opened by s[0], or len(s). Python writes a quote inside an item as \'.
func closingQuote(s string, q byte) int {
	for end := 1; end < len(s); end++ {
		i := strings.IndexByte(s[end:], q)
		if i < 0 {
			break
		}
		end += i
		bs := 0 // an odd run of backslashes escapes the quote
		for bs < end-1 && s[end-1-bs] == '\\' {
			bs++
		}
		if bs%2 == 0 {
			return end
		}
	}
	return len(s)
}

var severityWords = map[string]int{
	"unknown":   0,
	"low":       3,
	"medium":    6,
	"high":      8,
	"very-high": 10,
}

// ipList maps a list literal of addresses; bad entries are recorded.
func (m *mapper) ipList(key, v string) []netip.Addr {
	var out []netip.Addr
	it := listIter{s: v}
	for item, ok := it.next(); ok; item, ok = it.next() {
		a, ok := parseIP(item)
		if !ok {
			m.problem(key, "IP address", item)
			continue
		}
		if out == nil {
			out = m.ev.store.hostIP[:0]
		}
		out = append(out, a)
	}
	return out
}

// stringList maps a list literal of strings into buf's array.
func (m *mapper) stringList(v string, buf []string) []string {
	var out []string
	it := listIter{s: v}
	for item, ok := it.next(); ok; item, ok = it.next() {
		if out == nil {
			out = buf
		}
		out = append(out, item)
	}
	return out
}

// listIter walks a Python list literal as xDome writes it: ['a', 'b'],
// ["a"], [a, None] or []. A value without brackets is a list of one.
// Quoted items keep everything between their quotes (commas included);
// bare items are trimmed; bare None and empty items are skipped.
type listIter struct {
	s       string
	started bool
}

func (it *listIter) next() (string, bool) {
	if !it.started {
		it.started = true
		s := trimSpace(it.s)
		if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
			s = s[1 : len(s)-1]
		}
		it.s = s
	}
	for {
		s := strings.TrimLeft(it.s, " \t")
		if s == "" {
			it.s = ""
			return "", false
		}
		var item string
		if q := s[0]; q == '\'' || q == '"' {
			end := closingQuote(s, q)
			if end >= len(s) {
				item, s = s[1:], "" // unterminated: keep what there is
			} else {
				item, s = s[1:end], s[end+1:]
				if c := strings.IndexByte(s, ','); c >= 0 {
					s = s[c+1:]
				} else {
					s = ""
				}
			}
			it.s = s
			if item != "" {
				return item, true
			}
			continue
		}
		if c := strings.IndexByte(s, ','); c >= 0 {
			item, it.s = trimSpace(s[:c]), s[c+1:]
		} else {
			item, it.s = trimSpace(s), ""
		}
		if item != "" && item != "None" {
			return item, true
		}
	}
}
