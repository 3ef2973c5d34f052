package xdome

import (
	"net/netip"
	"slices"
	"time"
)

// Event is one xDome record as an Elastic Common Schema (ECS) document.
//
// Every field that the input did not give is the zero value and is left out
// of the JSON encoding: there are no empty strings, empty objects, nulls or
// zero numbers in the output that the input did not contain. Events from
// [Parse] marshal with encoding/json to exactly the documents of the vendor
// integration page; [Event.AppendJSON] writes the same bytes several times
// faster, and [AppendECS] goes from a line to them without an Event.
//
// An Event keeps what its slices, number pointers and certificate point
// to in storage of its own, so that a hot loop with [ParseInto] allocates
// nothing for them: the next ParseInto on the same Event overwrites what
// they point to. Use [Event.Clone] to keep an event beyond that.
type Event struct {
	// Message is the input line as given, less leading and trailing white
	// space (a syslog header in front is kept).
	Message       string        `json:"message,omitempty"`
	Timestamp     Time          `json:"@timestamp,omitzero"`
	Event         EventFields   `json:"event,omitzero"`
	Observer      Observer      `json:"observer,omitzero"`
	Source        Source        `json:"source,omitzero"`
	Destination   Destination   `json:"destination,omitzero"`
	User          User          `json:"user,omitzero"`
	Network       Network       `json:"network,omitzero"`
	Host          Host          `json:"host,omitzero"`
	Device        Device        `json:"device,omitzero"`
	File          File          `json:"file,omitzero"`
	TLS           TLS           `json:"tls,omitzero"`
	Threat        Threat        `json:"threat,omitzero"`
	Vulnerability Vulnerability `json:"vulnerability,omitzero"`
	Error         Error         `json:"error,omitzero"`
	Claroty       Claroty       `json:"claroty,omitzero"`
	Related       Related       `json:"related,omitzero"`

	// Backing storage for the slices and pointers above, so that the usual
	// event needs no allocation of its own beyond the Event itself. A list
	// longer than its array simply grows on the heap through append.
	store store

	// What ParseInto keeps from one line to the next (the rest of the
	// Event is cleared): owned by this Event, so not shared.
	keep keep
}

// store holds what the exported fields of an Event point into. The arrays
// are sized for the usual xDome record (a source, a destination and one
// asset address), since every byte here is allocated with each Event.
type store struct {
	category, typ [1]string
	severity      int
	srcPort       int
	dstPort       int
	hostIP        [2]netip.Addr
	hostMAC       [2]string
	relatedIP     [4]netip.Addr
	relatedUser   [1]string
	relatedHash   [2]string
	relatedHosts  [3]string
	score         float64
	exploited     bool
}

// keep is what ParseInto carries over between lines.
type keep struct {
	// The split of the last destination domain: publicsuffix.PublicSuffix
	// allocates on every call (its netip.ParseAddr check fails with an
	// error value), and a stream repeats its domains.
	domain domainMemo
	// Storage for the tls.* side of a certificate record, allocated at the
	// first one and reused after it.
	tls *TLSPeer
}

type domainMemo struct {
	name, registered, subdomain, tld string
}

// EventFields is the ECS event field set.
type EventFields struct {
	// Kind is always "alert": every xDome record reports a finding.
	Kind string `json:"kind,omitempty"`
	// Category and Type follow the kind of record: ["configuration"]/
	// ["change"] for device changes (and any record with a change_id),
	// ["vulnerability"]/["info"] for vulnerabilities, ["host"]/["info"] for
	// server incidents, and for communication events and alerts
	// ["authentication"]/["info"] with a user name, else
	// ["network"]/["connection"].
	Category []string `json:"category,omitempty"`
	Type     []string `json:"type,omitempty"`
	// Severity is the CEF header severity, 0 to 10; nil when absent or invalid.
	Severity *int   `json:"severity,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Code     string `json:"code,omitempty"`
}

// Observer is the ECS observer field set: the device that sent the record,
// taken from the CEF header.
type Observer struct {
	Vendor  string `json:"vendor,omitempty"`
	Product string `json:"product,omitempty"`
	Version string `json:"version,omitempty"`
}

// Source is the ECS source field set.
type Source struct {
	IP      netip.Addr `json:"ip,omitzero"`
	MAC     string     `json:"mac,omitempty"`
	Port    *int       `json:"port,omitempty"`
	Address string     `json:"address,omitempty"`
	// Domain is the source's name as given (src_domain); Address stays
	// the IP.
	Domain string `json:"domain,omitempty"`
}

// Destination is the ECS destination field set.
type Destination struct {
	IP   netip.Addr `json:"ip,omitzero"`
	MAC  string     `json:"mac,omitempty"`
	Port *int       `json:"port,omitempty"`
	// Domain is the name as given; RegisteredDomain, Subdomain and
	// TopLevelDomain are its public-suffix decomposition.
	Domain           string `json:"domain,omitempty"`
	Address          string `json:"address,omitempty"`
	TopLevelDomain   string `json:"top_level_domain,omitempty"`
	Subdomain        string `json:"subdomain,omitempty"`
	RegisteredDomain string `json:"registered_domain,omitempty"`
}

// User is the ECS user field set.
type User struct {
	Name string `json:"name,omitempty"`
}

// Network is the ECS network field set.
type Network struct {
	Protocol string `json:"protocol,omitempty"`
	// Transport is the IP protocol in lower case, such as "tcp".
	Transport string `json:"transport,omitempty"`
}

// Host is the ECS host field set: the asset the record is about.
type Host struct {
	MAC  []string     `json:"mac,omitempty"`
	IP   []netip.Addr `json:"ip,omitempty"`
	Type string       `json:"type,omitempty"`
	OS   OS           `json:"os,omitzero"`
	// Name is the xDome collection server of a server incident.
	Name string `json:"name,omitempty"`
}

// OS is the ECS os field set.
type OS struct {
	Full string `json:"full,omitempty"`
}

// Device is the ECS device field set.
type Device struct {
	ID           string      `json:"id,omitempty"`
	Manufacturer string      `json:"manufacturer,omitempty"`
	Model        DeviceModel `json:"model,omitzero"`
}

// DeviceModel is the ECS device.model field set.
type DeviceModel struct {
	Name string `json:"name,omitempty"`
}

// File is the ECS file field set, for file-transfer records.
type File struct {
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

// TLS is the ECS tls field set. Only the side named by the record's
// certificate_type is set; the other is nil.
type TLS struct {
	Client *TLSPeer `json:"client,omitempty"`
	Server *TLSPeer `json:"server,omitempty"`
}

// TLSPeer is one side of ECS tls: the certificate it presented.
type TLSPeer struct {
	X509 X509 `json:"x509,omitzero"`
	Hash Hash `json:"hash,omitzero"`
}

// X509 is the ECS x509 field set.
type X509 struct {
	Subject   X509Subject `json:"subject,omitzero"`
	NotAfter  Time        `json:"not_after,omitzero"`
	NotBefore Time        `json:"not_before,omitzero"`
}

// X509Subject is the subject of an x509 certificate. ECS declares these
// fields as arrays; the vendor integration emits single strings, and so
// does this package.
type X509Subject struct {
	CommonName         string `json:"common_name,omitempty"`
	Country            string `json:"country,omitempty"`
	Locality           string `json:"locality,omitempty"`
	Organization       string `json:"organization,omitempty"`
	OrganizationalUnit string `json:"organizational_unit,omitempty"`
	StateOrProvince    string `json:"state_or_province,omitempty"`
}

// Threat is the ECS threat field set: the MITRE ATT&CK techniques of an
// alert.
type Threat struct {
	// Framework is "MITRE ATT&CK" when Technique.ID is set.
	Framework string          `json:"framework,omitempty"`
	Technique ThreatTechnique `json:"technique,omitzero"`
}

// ThreatTechnique is the ECS threat.technique field set. Both lists are
// unique, in the order the record gives them.
type ThreatTechnique struct {
	ID   []string `json:"id,omitempty"`
	Name []string `json:"name,omitempty"`
}

// Vulnerability is the ECS vulnerability field set, for
// vulnerability_affected_device records.
type Vulnerability struct {
	// ID lists the CVEs of the record, unique, in order. ECS does not
	// mark vulnerability.id as an array; a record naming several CVEs
	// keeps them all (see the README, "ECS conformance").
	ID []string `json:"id,omitempty"`
	// Enumeration is "CVE" when ID is set.
	Enumeration string             `json:"enumeration,omitempty"`
	Description string             `json:"description,omitempty"`
	Score       VulnerabilityScore `json:"score,omitzero"`
	// Classification is "CVSS" when Score.Base is set.
	Classification string `json:"classification,omitempty"`
}

// VulnerabilityScore is the ECS vulnerability.score field set: the CVSS v3
// base score with Version "3", or failing that the v2 one with "2".
type VulnerabilityScore struct {
	Base    *float64 `json:"base,omitempty"`
	Version string   `json:"version,omitempty"`
}

// Hash is the ECS hash field set.
type Hash struct {
	SHA1 string `json:"sha1,omitempty"`
}

// Error is the ECS error field set. Message lists the values that could not
// be mapped, one clause per bad value joined by "; ", such as
// `src_port: invalid port "abc"`.
type Error struct {
	Message string `json:"message,omitempty"`
}

// Related is the ECS related field set: every IP, user, hash and host name
// of the event, each list unique and sorted by its text.
type Related struct {
	Hash  []string     `json:"hash,omitempty"`
	IP    []netip.Addr `json:"ip,omitempty"`
	Hosts []string     `json:"hosts,omitempty"`
	User  []string     `json:"user,omitempty"`
}

// Claroty holds the vendor fields that ECS has no place for.
type Claroty struct {
	XDome XDome `json:"xdome,omitzero"`
}

// XDome is the claroty.xdome custom field set.
type XDome struct {
	ClientID    string           `json:"client_id,omitempty"`
	SenderID    string           `json:"sender_id,omitempty"`
	EventID     string           `json:"event_id,omitempty"`
	Device      XDomeDevice      `json:"device,omitzero"`
	Alert       XDomeAlert       `json:"alert,omitzero"`
	MaliciousIP XDomeMaliciousIP `json:"malicious_ip,omitzero"`
	Change      XDomeChange      `json:"change,omitzero"`
	Threat      XDomeThreat      `json:"threat,omitzero"`
	// Vulnerability and Incident are set on vulnerability and
	// server-incident records.
	Vulnerability XDomeVulnerability `json:"vulnerability,omitzero"`
	Incident      XDomeIncident      `json:"incident,omitzero"`
}

// XDomeDevice is claroty.xdome.device: xDome's own view of the asset.
type XDomeDevice struct {
	UID         string `json:"uid,omitempty"`
	Category    string `json:"category,omitempty"`
	Subcategory string `json:"subcategory,omitempty"`
	SiteName    string `json:"site_name,omitempty"`
	TypeFamily  string `json:"type_family,omitempty"`
}

// XDomeAlert is claroty.xdome.alert: the xDome alert a record belongs to.
type XDomeAlert struct {
	ID          string `json:"id,omitempty"`
	Type        string `json:"type,omitempty"`
	Name        string `json:"name,omitempty"`
	Category    string `json:"category,omitempty"`
	Description string `json:"description,omitempty"`
	// DeviceStatus is the state of the affected device, as given.
	DeviceStatus string `json:"device_status,omitempty"`
}

// XDomeMaliciousIP is claroty.xdome.malicious_ip: xDome's threat
// intelligence on a malicious address, as given.
type XDomeMaliciousIP struct {
	Confidence string `json:"confidence,omitempty"`
	Severity   string `json:"severity,omitempty"`
	Type       string `json:"type,omitempty"`
	Source     string `json:"source,omitempty"`
	ThreatType string `json:"threat_type,omitempty"`
	// Tags is the list malicious_ip_tags, in order.
	Tags       []string `json:"tags,omitempty"`
	LastUpdate Time     `json:"last_update,omitzero"`
}

// XDomeChange is claroty.xdome.change: a device change record.
type XDomeChange struct {
	ID               string `json:"id,omitempty"`
	Type             string `json:"type,omitempty"`
	Timestamp        Time   `json:"timestamp,omitzero"`
	AlertedAttribute string `json:"alerted_attribute,omitempty"`
}

// XDomeThreat is claroty.xdome.threat: the network threat signature that
// matched.
type XDomeThreat struct {
	SignatureName       string `json:"signature_name,omitempty"`
	SignatureContent    string `json:"signature_content,omitempty"`
	SignatureConfidence string `json:"signature_confidence,omitempty"`
	SignatureSeverity   string `json:"signature_severity,omitempty"`
	SignatureID         string `json:"signature_id,omitempty"`
}

// XDomeVulnerability is claroty.xdome.vulnerability: what xDome says of a
// vulnerability beyond ECS vulnerability.
type XDomeVulnerability struct {
	Name        string `json:"name,omitempty"`
	ReleaseDate Time   `json:"release_date,omitzero"`
	// IsKnownExploited is nil when the record does not say.
	IsKnownExploited *bool  `json:"is_known_exploited,omitempty"`
	Relevance        string `json:"relevance,omitempty"`
}

// XDomeIncident is claroty.xdome.incident: an incident of one of xDome's
// own collection servers (server_incident records).
type XDomeIncident struct {
	ID        string         `json:"id,omitempty"`
	Status    string         `json:"status,omitempty"`
	Location  string         `json:"location,omitempty"`
	UpdatedBy string         `json:"updated_by,omitempty"`
	Interface XDomeInterface `json:"interface,omitzero"`
}

// XDomeInterface is claroty.xdome.incident.interface: the server's network
// interface that an incident concerns.
type XDomeInterface struct {
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
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
	c.Event.Category = slices.Clone(ev.Event.Category)
	c.Event.Type = slices.Clone(ev.Event.Type)
	c.Event.Severity = clonePtr(ev.Event.Severity)
	c.Source.Port = clonePtr(ev.Source.Port)
	c.Destination.Port = clonePtr(ev.Destination.Port)
	c.Host.IP = slices.Clone(ev.Host.IP)
	c.Host.MAC = slices.Clone(ev.Host.MAC)
	c.Related.IP = slices.Clone(ev.Related.IP)
	c.Related.Hash = slices.Clone(ev.Related.Hash)
	c.Related.Hosts = slices.Clone(ev.Related.Hosts)
	c.Related.User = slices.Clone(ev.Related.User)
	c.TLS.Client = clonePtr(ev.TLS.Client)
	c.TLS.Server = clonePtr(ev.TLS.Server)
	c.Threat.Technique.ID = slices.Clone(ev.Threat.Technique.ID)
	c.Threat.Technique.Name = slices.Clone(ev.Threat.Technique.Name)
	c.Vulnerability.ID = slices.Clone(ev.Vulnerability.ID)
	c.Vulnerability.Score.Base = clonePtr(ev.Vulnerability.Score.Base)
	c.Claroty.XDome.MaliciousIP.Tags = slices.Clone(ev.Claroty.XDome.MaliciousIP.Tags)
	c.Claroty.XDome.Vulnerability.IsKnownExploited = clonePtr(ev.Claroty.XDome.Vulnerability.IsKnownExploited)
	c.keep = keep{}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
