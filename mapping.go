package xdome

import (
	"math/bits"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Parse turns one xDome CEF line into an ECS event. The line may carry a
// syslog header and line breaks; see the package documentation for what
// is accepted. The error, when not nil, is a *[ParseError]; a bad value of
// a single field does not fail the line but is recorded in the event's
// error.message.
func Parse(line []byte) (*Event, error) {
	ev := new(Event)
	if err := ev.parse(line, Parser{}); err != nil {
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
	return ev.parseInto(line, Parser{})
}

// parseInto is ParseInto with options.
func (ev *Event) parseInto(line []byte, opt Parser) error {
	*ev = Event{}
	return ev.parse(line, opt)
}

// parse is Parse and ParseInto on an Event that is already empty. It
// writes nothing into ev unless the line is a CEF record.
func (ev *Event) parse(line []byte, opt Parser) error {
	trimmed, base := trimLine(line)
	// The one copy of the input: every string of the event is a piece of
	// msg (only a value with escape sequences needs a copy of its own).
	return ev.parseMessage(string(trimmed), base, opt)
}

// parseMessage maps msg, the trimmed line found at offset base of the
// caller's line. msg may share the caller's bytes (see AppendECS): nothing
// of it is kept beyond the Event, which AppendECS clears after the call.
func (ev *Event) parseMessage(msg string, base int, opt Parser) error {
	var h header
	rest, err := splitRecord(&h, msg, base)
	if err != nil {
		return err
	}
	ev.Message = msg
	ev.Observer = Observer{Vendor: h.vendor, Product: h.product, Version: h.devVersion}
	m := mapper{ev: ev, nameKind: kindOf(h.name), syslogTime: h.syslogTime, opt: opt}
	m.syslog(&h.syslog)
	m.severity(h.severity)
	sc := newExtScanner(h.ext)
	if pre := trimSpace(h.ext[:sc.nextKey]); pre != "" {
		m.problem("extension", "text before the first key", pre)
	}
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
	if rest != "" {
		m.problem("message", "text after a raw line break", rest)
	}
	m.finish()
	return nil
}

// mapper carries what a line's keys leave for the end of the line: the
// rules of the mapping that depend on more than one key.
type mapper struct {
	ev *Event

	// The kind of record, from the header Name and from msg_category.
	nameKind, categoryKind recordKind

	// The ECS fields that more than one key can fill, each key in its
	// rank: see ranked. The comment on each lists its keys by rank.
	timestamp    ranked[time.Time, [5]time.Time] // event_timestamp, alert_timestamp, change_timestamp, timestamp, rt
	srcIP        ranked[ipText, [2]ipText]       // src_ip, src
	dstIP        ranked[ipText, [3]ipText]       // dst_ip, external_ip, dst
	srcPort      ranked[int, [2]int]             // src_port, spt
	dstPort      ranked[int, [2]int]             // dst_port, dpt
	srcMAC       ranked[string, [2]string]       // src_mac, smac
	dstMAC       ranked[string, [2]string]       // dst_mac, dmac
	transport    ranked[string, [2]string]       // ip_protocol, proto
	code         ranked[string, [2]string]       // event_type, cat
	reason       ranked[string, [4]string]       // change_description (change records only), event_description, alert_description, vulnerability_description
	alertID      ranked[string, [3]string]       // alert_id, change_alert_id, event_alert_id
	alertType    ranked[string, [2]string]       // alert_type_name, alert_type
	score        ranked[float64, [2]float64]     // vulnerability_cvssv3_base_score, vulnerability_cvssv2_base_score
	techniqueIDs [2]string                       // alert_mitre_technique_ids, then alert_mitre_technique_enterprise_ids
	techniqueNms [2]string                       // alert_mitre_technique_names, then alert_mitre_technique_enterprise_names

	opt        Parser          // the caller's options
	strs       int             // the items of the Event's string storage in use (see strBuf)
	unmapped   []UnmappedField // with KeepUnmapped: the keys no field took
	incident   []UnmappedField // with KeepUnmapped: the server-incident keys, unused on other kinds
	syslogTime string          // an RFC 5424 header's TIMESTAMP, the last resort
	certType   string
	problems   []byte // error.message being built
	clauses    int    // clauses in problems
	more       int    // clauses left out past maxClauses
}

// ranked holds what the keys of one ECS field gave, one place per key,
// by the key's rank in that field's order of precedence (0 first). Each
// key's last occurrence fills or clears its own place only, and finish
// takes the first place that holds a valid value: so the order of the
// keys in the line never matters, and a standard CEF key (src, rt, ...)
// counts only when the xDome keys before it give nothing.
//
// A is the array of places, [N]T for a field of N keys: the mapper is
// cleared for every line, so it holds no more places than the table uses.
type ranked[T any, A places[T]] struct {
	v   A
	set uint8 // bit i: v[i] holds a valid value
}

// places are the sizes of ranked fields in use.
type places[T any] interface {
	~[2]T | ~[3]T | ~[4]T | ~[5]T
}

// rank returns the place of the key of rank i, to put its value in.
func (r *ranked[T, A]) rank(i int) place[T, A] { return place[T, A]{r, i} }

// first returns the value of the lowest rank that holds one, and that rank.
func (r *ranked[T, A]) first() (v T, rank int, ok bool) {
	if r.set == 0 {
		return v, -1, false
	}
	rank = bits.TrailingZeros8(r.set)
	return r.v[rank], rank, true
}

// place is one key's place in a ranked field.
type place[T any, A places[T]] struct {
	r *ranked[T, A]
	i int
}

// put fills the place with v when ok (a valid value), else clears it.
func (p place[T, A]) put(v T, ok bool) {
	if ok {
		p.r.v[p.i] = v
		p.r.set |= 1 << p.i
	} else {
		p.r.set &^= 1 << p.i
	}
}

// ipText is an address and its text as written (see addrText).
type ipText struct {
	a    netip.Addr
	text string
}

// given reports a string value as present when it is not empty.
func given(v string) (string, bool) { return v, v != "" }

// field maps one extension key. This switch is the mapping table: every
// key that reaches ECS, xDome's own or a standard CEF key, appears here
// exactly once; any other key is ignored by Parse (and available from
// ParseCEF). An empty v means "no value" and clears what an earlier
// occurrence of the key set, so that the last occurrence of a key wins,
// as in Record.Get.
func (m *mapper) field(key, v string) {
	ev := m.ev
	x := &ev.Claroty.XDome
	switch key {
	// The record and its time.
	case "msg_category":
		m.categoryKind = kindOf(v)
	case "event_timestamp":
		m.timestamp.rank(0).put(m.time(key, v))
	case "alert_timestamp":
		m.timestamp.rank(1).put(m.time(key, v))
	case "change_timestamp": // also claroty.xdome.change.timestamp
		t, ok := m.time(key, v)
		x.Change.Timestamp = Time{t}
		m.timestamp.rank(2).put(t, ok)
	case "timestamp":
		m.timestamp.rank(3).put(m.time(key, v))
	case "rt": // standard: the receipt time
		m.timestamp.rank(4).put(m.receiptTime(key, v))
	case "event_type":
		m.code.rank(0).put(given(v))
	case "cat": // standard
		m.code.rank(1).put(given(v))
	case "change_description":
		m.reason.rank(0).put(given(v))
	case "event_description":
		m.reason.rank(1).put(given(v))
	case "username":
		ev.User.Name = v
	case "protocol":
		ev.Network.Protocol = v
	case "ip_protocol":
		m.transport.rank(0).put(given(lowerASCII(v)))
	case "proto": // standard
		m.transport.rank(1).put(given(lowerASCII(v)))

	// Source and destination.
	case "src_ip":
		m.srcIP.rank(0).put(m.ip(key, v))
	case "src": // standard
		m.srcIP.rank(1).put(m.ip(key, v))
	case "src_mac":
		m.srcMAC.rank(0).put(given(v))
	case "smac": // standard
		m.srcMAC.rank(1).put(given(v))
	case "src_port":
		m.srcPort.rank(0).put(m.port(key, v))
	case "spt": // standard
		m.srcPort.rank(1).put(m.port(key, v))
	case "src_domain":
		ev.Source.Domain = v
	case "dst_ip":
		m.dstIP.rank(0).put(m.ip(key, v))
	case "external_ip":
		m.dstIP.rank(1).put(m.ip(key, v))
	case "dst": // standard
		m.dstIP.rank(2).put(m.ip(key, v))
	case "dst_mac":
		m.dstMAC.rank(0).put(given(v))
	case "dmac": // standard
		m.dstMAC.rank(1).put(given(v))
	case "dst_port":
		m.dstPort.rank(0).put(m.port(key, v))
	case "dpt": // standard
		m.dstPort.rank(1).put(m.port(key, v))
	case "domain":
		ev.Destination.Domain = v
	case "src_geo_location":
		ev.Source.Geo.Name = v
	case "geo_location":
		ev.Destination.Geo.Name = v

	// The asset.
	case "device_ip_list":
		ev.Host.IP = m.ipList(key, v, ev.store.hostIP[:0])
	case "device_mac_list":
		ev.Host.MAC = m.list(v)
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
		x.Device.UID = v
	case "device_category":
		x.Device.Category = v
	case "device_subcategory":
		x.Device.Subcategory = v
	case "device_site_name":
		x.Device.SiteName = v
	case "device_type_family":
		x.Device.TypeFamily = v

	// The other device of a communication.
	case "other_device_asset_id":
		x.OtherDevice.AssetID = v
	case "other_device_uid":
		x.OtherDevice.UID = v
	case "other_device_category":
		x.OtherDevice.Category = v
	case "other_device_subcategory":
		x.OtherDevice.Subcategory = v
	case "other_device_type":
		x.OtherDevice.Type = v
	case "other_device_type_family":
		x.OtherDevice.TypeFamily = v
	case "other_device_manufacturer":
		x.OtherDevice.Manufacturer = v
	case "other_device_model":
		x.OtherDevice.Model = v
	case "other_device_os":
		x.OtherDevice.OS = v
	case "other_device_site_name":
		x.OtherDevice.SiteName = v
	case "other_device_ip_list":
		x.OtherDevice.IP = m.ipList(key, v, nil)
	case "other_device_mac_list":
		x.OtherDevice.MAC = m.list(v)

	// The certificate; its side is known only at the end of the line.
	case "certificate_type":
		m.certType = v
	case "certificate_CN":
		ev.store.tls.X509.Subject.CommonName = v
	case "certificate_C":
		ev.store.tls.X509.Subject.Country = v
	case "certificate_L":
		ev.store.tls.X509.Subject.Locality = v
	case "certificate_O":
		ev.store.tls.X509.Subject.Organization = v
	case "certificate_OU":
		ev.store.tls.X509.Subject.OrganizationalUnit = v
	case "certificate_ST":
		ev.store.tls.X509.Subject.StateOrProvince = v
	case "certificate_expiry_date":
		ev.store.tls.X509.NotAfter = m.certTime(key, v)
	case "certificate_start_date":
		ev.store.tls.X509.NotBefore = m.certTime(key, v)
	case "certificate_thumbprint":
		ev.store.tls.Hash.SHA1 = v

	// xDome identifiers.
	case "client_id":
		x.ClientID = v
	case "sender_id":
		x.SenderID = v
	case "event_id":
		x.EventID = v

	// Alerts.
	case "alert_id":
		m.alertID.rank(0).put(given(v))
	case "change_alert_id":
		m.alertID.rank(1).put(given(v))
	case "event_alert_id":
		m.alertID.rank(2).put(given(v))
	case "alert_type_name":
		m.alertType.rank(0).put(given(v))
	case "alert_type":
		m.alertType.rank(1).put(given(v))
	case "alert_name":
		x.Alert.Name = v
	case "alert_category":
		x.Alert.Category = v
	case "alert_description": // also event.reason, third in line
		x.Alert.Description = v
		m.reason.rank(2).put(given(v))
	case "alert_device_status":
		x.Alert.DeviceStatus = v
	case "alert_mitre_technique_ids":
		m.techniqueIDs[0] = v
	case "alert_mitre_technique_enterprise_ids":
		m.techniqueIDs[1] = v
	case "alert_mitre_technique_names":
		m.techniqueNms[0] = v
	case "alert_mitre_technique_enterprise_names":
		m.techniqueNms[1] = v

	// Threat intelligence on a malicious address.
	case "malicious_ip_confidence":
		x.MaliciousIP.Confidence = v
	case "malicious_ip_severity":
		x.MaliciousIP.Severity = v
	case "malicious_ip_type":
		x.MaliciousIP.Type = v
	case "malicious_ip_source":
		x.MaliciousIP.Source = v
	case "malicious_ip_threat_type":
		x.MaliciousIP.ThreatType = v
	case "malicious_ip_tags":
		x.MaliciousIP.Tags = m.list(v)
	case "malicious_ip_last_update":
		x.MaliciousIP.LastUpdate = m.date(key, v)

	// Device changes.
	case "change_id":
		x.Change.ID = v
	case "change_type":
		x.Change.Type = v
	case "change_alerted_attribute":
		x.Change.AlertedAttribute = v
	case "previous_offline_status_change":
		x.Change.PreviousOfflineStatusChange = m.date(key, v)
	case "last_offline_status_change":
		x.Change.LastOfflineStatusChange = m.date(key, v)

	// Network threat signatures.
	case "signature_id":
		x.Threat.SignatureID = v
	case "signature_name":
		x.Threat.SignatureName = v
	case "signature_content":
		x.Threat.SignatureContent = v
	case "signature_confidence":
		x.Threat.SignatureConfidence = v
	case "signature_severity":
		x.Threat.SignatureSeverity = v
	case "signature_active_rev":
		x.Threat.SignatureActiveRev = v
	case "signature_severity_description":
		x.Threat.SignatureSeverityDescription = v
	case "signature_powered_by":
		x.Threat.SignaturePoweredBy = v
	case "signature_tags":
		x.Threat.SignatureTags = m.list(v)
	case "signature_external_links":
		x.Threat.SignatureExternalLinks = m.list(v)
	case "signature_first_released":
		x.Threat.SignatureFirstReleased = m.date(key, v)
	case "signature_last_updated":
		x.Threat.SignatureLastUpdated = m.date(key, v)
	case "signature_last_updated_by_system":
		x.Threat.SignatureLastUpdatedBySystem = m.date(key, v)

	// File transfers.
	case "file_name":
		ev.File.Name = v
	case "file_type":
		ev.File.Type = v

	// Vulnerabilities.
	case "vulnerability_cves":
		ev.Vulnerability.ID = uniqueStrings(m.list(v))
	case "vulnerability_description": // also event.reason, last in line
		ev.Vulnerability.Description = v
		m.reason.rank(3).put(given(v))
	case "vulnerability_cvssv3_base_score":
		m.score.rank(0).put(m.cvss(key, v))
	case "vulnerability_cvssv2_base_score":
		m.score.rank(1).put(m.cvss(key, v))
	case "vulnerability_name":
		x.Vulnerability.Name = v
	case "vulnerability_release_date":
		x.Vulnerability.ReleaseDate = m.date(key, v)
	case "vulnerability_is_known_exploited":
		x.Vulnerability.IsKnownExploited = m.boolean(key, v, &ev.store.exploited)
	case "device_vulnerability_relevance":
		x.Vulnerability.Relevance = v

	// Server incidents: generic names, kept on server_incident records
	// only (finish clears them on the others, once the kind is known).
	case "server_name":
		ev.Host.Name = v
		m.incidentKey(key, v)
	case "incident_id":
		x.Incident.ID = v
		m.incidentKey(key, v)
	case "status":
		x.Incident.Status = v
		m.incidentKey(key, v)
	case "location":
		x.Incident.Location = v
		m.incidentKey(key, v)
	case "updated_by":
		x.Incident.UpdatedBy = v
		m.incidentKey(key, v)
	case "interface_name":
		x.Incident.Interface.Name = v
		m.incidentKey(key, v)
	case "interface_type":
		x.Incident.Interface.Type = v
		m.incidentKey(key, v)

	default:
		if m.opt.KeepUnmapped {
			m.unmapped = append(m.unmapped, UnmappedField{Key: key, Value: v})
		}
	}
}

// recordKind is the kind of an xDome record; see [kindOf].
type recordKind uint8

const (
	kindUnknown recordKind = iota
	kindComm
	kindAlert
	kindChange
	kindVulnerability
	kindIncident
)

// kindOf returns the kind that a msg_category value or a header Name
// names, or kindUnknown.
func kindOf(name string) recordKind {
	switch name {
	case "comm_event":
		return kindComm
	case "alert_affected_device":
		return kindAlert
	case "device_change_event":
		return kindChange
	case "vulnerability_affected_device":
		return kindVulnerability
	case "server_incident":
		return kindIncident
	}
	return kindUnknown
}

// kind returns the record's kind: msg_category, else the header Name,
// else inferred (a change when change_id is set, else a communication).
func (m *mapper) kind() recordKind {
	switch {
	case m.categoryKind != kindUnknown:
		return m.categoryKind
	case m.nameKind != kindUnknown:
		return m.nameKind
	case m.ev.Claroty.XDome.Change.ID != "":
		return kindChange
	}
	return kindComm
}

// finish applies the rules that need the whole line.
func (m *mapper) finish() {
	ev := m.ev
	x := &ev.Claroty.XDome
	kind := m.kind()
	change := x.Change.ID != "" || kind == kindChange
	ev.Event.Kind = "alert"
	var category, typ string
	switch {
	case change:
		category, typ = "configuration", "change"
	case kind == kindVulnerability:
		category, typ = "vulnerability", "info"
	case kind == kindIncident:
		category, typ = "host", "info"
	case ev.User.Name != "":
		category, typ = "authentication", "info"
	default:
		category, typ = "network", "connection"
	}
	ev.Event.Category = m.keepStrs(append(m.strBuf(), category))
	ev.Event.Type = m.keepStrs(append(m.strBuf(), typ))

	if t, _, ok := m.timestamp.first(); ok {
		ev.Timestamp = Time{t}
	} else if t, ok := parseTimestamp(m.syslogTime, nil); ok {
		ev.Timestamp = Time{t}
	}
	if !change {
		if v := m.reason.v[0]; m.reason.set&1 != 0 && m.opt.KeepUnmapped {
			m.unmapped = append(m.unmapped, UnmappedField{Key: "change_description", Value: v})
		}
		m.reason.rank(0).put("", false) // change_description counts on change records only
	}
	ev.Event.Reason, _, _ = m.reason.first()
	ev.Event.Code, _, _ = m.code.first()
	ev.Network.Transport, _, _ = m.transport.first()
	ev.Source.MAC, _, _ = m.srcMAC.first()
	ev.Destination.MAC, _, _ = m.dstMAC.first()
	if n, _, ok := m.srcPort.first(); ok {
		ev.store.srcPort = n
		ev.Source.Port = &ev.store.srcPort
	}
	if n, _, ok := m.dstPort.first(); ok {
		ev.store.dstPort = n
		ev.Destination.Port = &ev.store.dstPort
	}

	if src, _, ok := m.srcIP.first(); ok {
		ev.Source.IP = src.a
		ev.Source.Address = addrText(src.a, src.text)
	}
	dst, _, dstOK := m.dstIP.first()
	ev.Destination.IP = dst.a
	if d := ev.Destination.Domain; d != "" {
		ev.Destination.Address = d
		ev.Destination.RegisteredDomain, ev.Destination.Subdomain, ev.Destination.TopLevelDomain = domainParts(d)
	} else if dstOK {
		ev.Destination.Address = addrText(dst.a, dst.text)
	}

	x.Alert.ID, _, _ = m.alertID.first()
	x.Alert.Type, _, _ = m.alertType.first()

	if ids := uniqueStrings(m.list(m.techniqueIDs[:]...)); len(ids) > 0 {
		ev.Threat.Technique.ID = ids
		ev.Threat.Framework = "MITRE ATT&CK"
	}
	ev.Threat.Technique.Name = uniqueStrings(m.list(m.techniqueNms[:]...))

	if len(ev.Vulnerability.ID) > 0 {
		ev.Vulnerability.Enumeration = "CVE"
	}
	if score, rank, ok := m.score.first(); ok {
		ev.store.score = score
		ev.Vulnerability.Score.Base = &ev.store.score
		ev.Vulnerability.Score.Version = [...]string{"3", "2"}[rank]
		ev.Vulnerability.Classification = "CVSS"
	}

	if kind != kindIncident {
		m.unmapped = append(m.unmapped, m.incident...) // unused: kept, with KeepUnmapped
		ev.Host.Name, x.Incident = "", XDomeIncident{}
	}
	if m.opt.NormalizeMAC {
		ev.Source.MAC = normalizeMAC(ev.Source.MAC)
		ev.Destination.MAC = normalizeMAC(ev.Destination.MAC)
		normalizeMACs(ev.Host.MAC)
		normalizeMACs(x.OtherDevice.MAC)
	}
	if len(m.unmapped) > 0 {
		x.Unmapped = unmappedFields(m.unmapped)
	}

	switch {
	case equalFoldASCII(m.certType, "server"):
		ev.TLS.Server = m.tlsPeer()
	case equalFoldASCII(m.certType, "client"):
		ev.TLS.Client = m.tlsPeer()
	}

	m.fillRelated()
	if m.more > 0 {
		m.problems = append(m.problems, "; and "...)
		m.problems = strconv.AppendInt(m.problems, int64(m.more), 10)
		m.problems = append(m.problems, " more"...)
	}
	if len(m.problems) > 0 {
		ev.Error.Message = string(m.problems)
	}
}

// incidentKey notes a server-incident key, which the mapping uses on
// server_incident records only: on the others finish keeps it as unmapped
// (with KeepUnmapped), in its place among the line's other unused keys.
func (m *mapper) incidentKey(key, v string) {
	if m.opt.KeepUnmapped {
		m.incident = append(m.incident, UnmappedField{Key: key, Value: v})
	}
}

// syslog maps the syslog header in front of the record to log.syslog.
func (m *mapper) syslog(h *syslogHeader) {
	ls := &m.ev.Log.Syslog
	if h.hasPri {
		st := &m.ev.store.syslog
		st[0], st[1], st[2] = h.pri, h.pri/8, h.pri%8
		ls.Priority, ls.Facility.Code, ls.Severity.Code = &st[0], &st[1], &st[2]
	}
	ls.Version, ls.Hostname, ls.Appname, ls.Procid, ls.Msgid = h.version, h.hostname, h.appname, h.procid, h.msgid
}

// normalizeMAC writes a MAC address of six or eight two-digit hexadecimal
// groups, separated by ":" or "-", as ECS's pattern asks: upper case, "-"
// between the groups (00:50:56:94:2b:94 is 00-50-56-94-2B-94). Any other
// value is returned as it is. One separator throughout: 00:50-56:... is
// not an address written in either notation.
func normalizeMAC(s string) string {
	if len(s) != 17 && len(s) != 23 {
		return s
	}
	sep := s[2]
	if sep != ':' && sep != '-' {
		return s
	}
	done := sep == '-' // already in ECS's notation, unless a letter is lower case
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%3 == 2 {
			if c != sep {
				return s
			}
			continue
		}
		switch {
		case '0' <= c && c <= '9', 'A' <= c && c <= 'F':
		case 'a' <= c && c <= 'f':
			done = false
		default:
			return s
		}
	}
	if done {
		return s
	}
	var buf [23]byte
	b := buf[:copy(buf[:], s)]
	for i, c := range b {
		switch {
		case i%3 == 2:
			b[i] = '-'
		case 'a' <= c && c <= 'f':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// normalizeMACs applies normalizeMAC to every address of list, in place.
func normalizeMACs(list []string) {
	for i, s := range list {
		list[i] = normalizeMAC(s)
	}
}

// addrText returns the text of a: written, the address as the line wrote
// it, when that is already a's canonical text (the usual case, which then
// costs no allocation), else a.String(). written is the value that a was
// parsed from (see parseIP): for an IPv4 address, which netip.ParseAddr
// takes only in its canonical form, that is written less white space.
func addrText(a netip.Addr, written string) string {
	if a.Is4() {
		return trimSpace(written)
	}
	var buf [64]byte
	if string(a.AppendTo(buf[:0])) == written {
		return written
	}
	return a.String()
}

// tlsPeer returns the certificate, which the certificate keys wrote into
// the Event's storage, or nil when the record gave none of its fields.
func (m *mapper) tlsPeer() *TLSPeer {
	if p := &m.ev.store.tls; *p != (TLSPeer{}) {
		return p
	}
	return nil
}

// error.message is bounded, so that a hostile line cannot make it many
// times its own size: at most maxClauses clauses, then "; and N more", and
// each quoted value at most maxQuoted bytes, then "...".
const (
	maxClauses = 16
	maxQuoted  = 256
)

// problem records a clause of error.message, `KEY: WHAT "VALUE"`, such as
// `src_port: invalid port "abc"`.
func (m *mapper) problem(key, what, v string) {
	if m.clauses == maxClauses {
		m.more++
		return
	}
	m.clauses++
	if len(m.problems) > 0 {
		m.problems = append(m.problems, "; "...)
	}
	m.problems = append(m.problems, key...)
	m.problems = append(m.problems, ": "...)
	m.problems = append(m.problems, what...)
	m.problems = append(m.problems, ' ')
	if len(v) <= maxQuoted {
		m.problems = strconv.AppendQuote(m.problems, v)
		return
	}
	// Cut on a UTF-8 boundary: back over at most 3 continuation bytes.
	cut := maxQuoted
	for i := 0; i < 3 && !utf8.RuneStart(v[cut]); i++ {
		cut--
	}
	m.problems = strconv.AppendQuote(m.problems, v[:cut])
	m.problems = append(m.problems, "..."...)
}

// ip parses an address, or records the bad value.
func (m *mapper) ip(key, v string) (ipText, bool) {
	a, ok := parseIP(v)
	if !ok && v != "" {
		m.problem(key, "invalid IP address", v)
	}
	return ipText{a, v}, ok
}

// parseIP parses an IPv4 or IPv6 address. An IPv6 zone (fe80::1%eth0) is
// refused: an ECS ip field has no place for it, and Elasticsearch would
// reject or alter the document.
func parseIP(v string) (netip.Addr, bool) {
	v = trimSpace(v)
	// Text with a byte no address has is refused here, before ParseAddr
	// allocates its error: a hostile list of junk then costs no garbage.
	for i := 0; i < len(v); i++ {
		if !addrByte[v[i]] {
			return netip.Addr{}, false
		}
	}
	a, err := netip.ParseAddr(v)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}

// addrByte marks the bytes of an IP address without zone: hex digits,
// "." and ":".
var addrByte = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF.:" {
		t[c] = true
	}
	return t
}()

// port parses a port number 0..65535, or records the bad value. Leading
// zeros are allowed, any number of them (00080 and 000080 are both 80):
// the value, not the width, must be in range.
func (m *mapper) port(key, v string) (int, bool) {
	t := trimSpace(v)
	digits := t
	for len(digits) > 0 && digits[0] == '0' {
		digits = digits[1:]
	}
	n, ok := atoiN(digits)
	if digits == "" && t != "" {
		n, ok = 0, true // all zeros
	}
	if !ok || len(digits) > 5 || n > 65535 {
		if v != "" {
			m.problem(key, "invalid port", v)
		}
		return 0, false
	}
	return n, true
}

// time parses an ISO 8601 timestamp, or records the bad value.
func (m *mapper) time(key, v string) (time.Time, bool) {
	t, ok := parseTimestamp(v, m.opt.Location)
	if !ok && v != "" {
		m.problem(key, "invalid timestamp", v)
	}
	return t, ok
}

// receiptTime parses the standard rt key (see parseReceiptTime), or
// records the bad value.
func (m *mapper) receiptTime(key, v string) (time.Time, bool) {
	t, ok := parseReceiptTime(v, m.opt.Location)
	if !ok && v != "" {
		m.problem(key, "invalid timestamp", v)
	}
	return t, ok
}

// date parses a date, with or without a time (see parseDate), or records
// the bad value.
func (m *mapper) date(key, v string) Time {
	t, ok := parseDate(v, m.opt.Location)
	if !ok && v != "" {
		m.problem(key, "invalid date", v)
	}
	return Time{t}
}

// certTime parses a certificate date, or records the bad value.
func (m *mapper) certTime(key, v string) Time {
	t, ok := parseCertTime(v)
	if !ok && v != "" {
		m.problem(key, "invalid date", v)
	}
	return Time{t}
}

// cvss parses a CVSS base score: a plain decimal number from 0 to 10
// (7, 7.5, 10.0), or records the bad value.
func (m *mapper) cvss(key, v string) (float64, bool) {
	t := trimSpace(v)
	intPart, frac, dot := strings.Cut(t, ".")
	if intPart != "" && isDigits(intPart) && isDigits(frac) && (!dot || frac != "") {
		if f, err := strconv.ParseFloat(t, 64); err == nil && f <= 10 {
			return f, true
		}
	}
	if v != "" {
		m.problem(key, "invalid score", v)
	}
	return 0, false
}

// boolean parses True or False, in any ASCII case, into *store and
// returns store, or records the bad value and returns nil.
func (m *mapper) boolean(key, v string, store *bool) *bool {
	switch t := trimSpace(v); {
	case equalFoldASCII(t, "true"):
		*store = true
	case equalFoldASCII(t, "false"):
		*store = false
	default:
		if v != "" {
			m.problem(key, "invalid boolean", v)
		}
		return nil
	}
	return store
}

// severity maps the CEF header severity: an integer 0..10 as is, or one of
// the words of the CEF standard, in any ASCII case: Unknown = 0, Low = 3,
// Medium = 6, High = 8, Very-High = 10 (the top of the range the standard
// gives each word, so that a word never ranks below a number of its range).
func (m *mapper) severity(v string) {
	t := trimSpace(v)
	n, ok := atoiN(t)
	if !ok || len(t) > 2 || n > 10 {
		n, ok = severityWord(t)
	}
	if !ok {
		if v != "" {
			m.problem("severity", "invalid severity", v)
		}
		return
	}
	m.ev.store.severity = n
	m.ev.Event.Severity = &m.ev.store.severity
}

// severityWord returns the number of a severity word of the CEF standard.
func severityWord(s string) (int, bool) {
	for _, w := range [...]struct {
		word string
		n    int
	}{{"unknown", 0}, {"low", 3}, {"medium", 6}, {"high", 8}, {"very-high", 10}} {
		if equalFoldASCII(s, w.word) {
			return w.n, true
		}
	}
	return 0, false
}

// equalFoldASCII reports whether s equals lower, a lower-case ASCII word,
// in any ASCII case. Unlike strings.EqualFold it folds no other letter: a
// long s (U+017F) or a Kelvin sign is not an s or a k.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// lowerASCII returns s with ASCII letters in lower case. It allocates only
// when s has an upper-case letter and is not one of the usual transports.
func lowerASCII(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return s
	}
	for _, w := range [...]string{"tcp", "udp", "icmp", "ipv6-icmp", "sctp", "gre", "esp", "ah"} {
		if equalFoldASCII(s, w) {
			return w
		}
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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

// ipList maps a list literal of addresses into buf's array; bad entries
// are recorded. It returns nil when the list has no valid address.
func (m *mapper) ipList(key, v string, buf []netip.Addr) []netip.Addr {
	out := buf
	it := listIter{s: v}
	for item, ok := it.next(); ok; item, ok = it.next() {
		a, ok := parseIP(item)
		if !ok {
			m.problem(key, "invalid IP address", item)
			continue
		}
		if len(out) == 0 {
			// The first address: room for this item and every one after
			// it (one more than the commas left), when buf is too small,
			// rather than the doubling of append (a hostile line may hold
			// millions of addresses).
			if len(it.s) > longList {
				if n := 2 + strings.Count(it.s, ","); n > cap(out) {
					out = make([]netip.Addr, 0, n)
				}
			}
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// strBuf returns the free part of the Event's string storage, empty, for
// the items of one list to be appended to. The list must go through
// keepStrs before the next strBuf: until then the two would share it.
func (m *mapper) strBuf() []string {
	st := &m.ev.store
	return st.strs[m.strs:m.strs:len(st.strs)]
}

// keepStrs returns list, and when its items are in the Event's string
// storage (the list fitted in what strBuf gave), marks them used and caps
// the list at its length, so that appending to it can never write over
// the next list.
func (m *mapper) keepStrs(list []string) []string {
	st := &m.ev.store
	if len(list) > 0 && m.strs < len(st.strs) && &list[0] == &st.strs[m.strs] {
		m.strs += len(list)
		return list[:len(list):len(list)]
	}
	return list
}

// list returns the items of the list literals, one after the other, in
// the Event's string storage when they fit; nil when there is none.
func (m *mapper) list(literals ...string) []string {
	out := m.strBuf()
	for _, v := range literals {
		out = appendList(out, v)
	}
	if len(out) == 0 {
		return nil
	}
	return m.keepStrs(out)
}

// longList is the length past which a list literal is counted before it
// is read, so that its list is made once at its size: shorter ones (the
// usual record's) are not scanned twice.
const longList = 256

// appendList appends the items of the list literal v to list.
func appendList(list []string, v string) []string {
	if len(v) > longList {
		// A long list: room for its items at once, rather than the
		// doubling of append (a hostile line may hold millions).
		list = slices.Grow(list, strings.Count(v, ",")+1)
	}
	it := listIter{s: v}
	for item, ok := it.next(); ok; item, ok = it.next() {
		list = append(list, item)
	}
	return list
}

// uniqueStrings drops the repeats of list in place, keeping the first of
// each in order; nil when list is empty. A short list is searched, a long
// one (a hostile line) goes through a set, so the cost stays linear.
func uniqueStrings(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := list[:0]
	if len(list) <= 16 {
		for _, s := range list {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	seen := make(map[string]struct{}) // sized by what is unique, not by len(list)
	for _, s := range list {
		if _, dup := seen[s]; !dup {
			seen[s] = struct{}{}
			out = append(out, s)
		}
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
		s := it.s
		for s != "" && (s[0] == ' ' || s[0] == '\t') {
			s = s[1:]
		}
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
