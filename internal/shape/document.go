// Package shape is the one description of the ECS document that xdome
// writes: every field, in the order the document has them, with its name,
// its type, whether it is a list, its Go field and what it holds.
//
// Everything else that lists the fields is generated from Document by
// `go generate` (run it at the repository root; see gen/main.go):
//
//   - ecs_gen.go: the Event type and its field sets, and Event.cloneRefs;
//   - json_gen.go: the body of Event.AppendJSON;
//   - otelcol/xdomeprocessor/document_gen.go: the collector's map writer;
//   - fields.yml, index-template.json: the custom fields and their mapping;
//   - docs/fields.md: the field reference.
//
// TestGeneratedFilesAreCurrent (in the package xdome) fails when one of
// them differs from what Document gives. Adding a field to the document is
// its line here, `go generate`, and its case in the mapping (mapping.go),
// which stays the one table of xDome keys.
//
// A field is custom, not ECS, exactly when it lives under claroty.xdome;
// the conformance tests hold every other field to the ECS reference,
// including the type given here.
package shape

// Type is the type of a field as Elasticsearch names it. It also fixes the
// Go type of the field: see goType.
type Type string

// The types of the document's fields. A field that is not a list has, in
// Go, a value whose zero means "absent": a string, a netip.Addr, an
// xdome.Time, or a pointer to a number or boolean.
const (
	Keyword Type = "keyword"         // string; a list: []string
	Text    Type = "match_only_text" // string
	Long    Type = "long"            // *int
	Float   Type = "float"           // *float64
	Boolean Type = "boolean"         // *bool
	Date    Type = "date"            // xdome.Time
	IP      Type = "ip"              // netip.Addr; a list: []netip.Addr
	Object  Type = "object"          // a struct of the fields under it

	// Flattened is an object of keys that are not known in advance, each
	// with a string or a list of strings: in Go, an xdome.Unmapped.
	Flattened Type = "flattened"
)

// Field is one field of the document.
type Field struct {
	// Name is the dotted name of the field in the document. A field's
	// parent object is listed before it.
	Name string
	// Go is the name of its field in the Go type of its parent; for an
	// object, followed by its Go type: "Event EventFields", or with a "*"
	// for an object that is absent as a nil pointer: "Client *TLSPeer".
	// An object whose Go type was described before has the same fields
	// as that one, which are not listed again.
	Go    string
	Type  Type
	Array bool // a JSON list; only keyword and ip fields can be
	// Doc says what the field holds and which xDome keys it comes from.
	// It is the Go field's doc comment and the field's description in
	// fields.yml and docs/fields.md. An object's Doc is a noun phrase:
	// its Go type's comment is "<Type> is <Doc>".
	Doc string
}

// Composed names the string fields whose text the parser writes itself,
// whole or in part, rather than takes from the line: the literals of the
// mapping ("MITRE ATT&CK") and error.message. AppendECS checks them for
// bytes to escape even when the line has none; every other string field
// holds a piece of the line (see appendJSONText in json.go).
var Composed = map[string]bool{
	"event.kind":                   true,
	"event.category":               true,
	"event.type":                   true,
	"threat.framework":             true,
	"vulnerability.enumeration":    true,
	"vulnerability.classification": true,
	"error.message":                true,
}

// EventDoc is the doc comment of the Event type.
const EventDoc = `Event is one xDome record as an Elastic Common Schema (ECS) document.

Every field that the input did not give is the zero value and is left out
of the JSON encoding: there are no empty strings, empty objects, nulls or
zero numbers in the output that the input did not contain. Events from
[Parse] marshal with encoding/json to exactly the documents of the vendor
integration page; [Event.AppendJSON] writes the same bytes several times
faster, and [AppendECS] goes from a line to them without an Event.

An Event keeps what its slices, number pointers and certificate point
to in storage of its own, so that a hot loop with [ParseInto] allocates
nothing for them: the next ParseInto on the same Event overwrites what
they point to. Use [Event.Clone] to keep an event beyond that.

The fields are described in docs/fields.md.`

// EventTail is the Go source of the Event's unexported fields, written
// after the document's fields.
const EventTail = `// Backing storage for the slices and pointers above, so that the usual
// event needs no allocation of its own beyond the Event itself. A list
// longer than its array simply grows on the heap through append.
store store`

// Document lists the fields of the document in their order.
var Document = []Field{
	{"message", "Message", Text, false, "The input line as given, less leading and trailing white space and line breaks; a syslog header in front is kept."},
	{"@timestamp", "Timestamp", Date, false, "When the event happened, in UTC: the first valid of event_timestamp, alert_timestamp, change_timestamp, timestamp and rt, else the time of an RFC 5424 syslog header."},

	{"event", "Event EventFields", Object, false, "the ECS event field set."},
	{"event.kind", "Kind", Keyword, false, `Always "alert": every xDome record reports a finding.`},
	{"event.category", "Category", Keyword, true, `Follows the kind of record: ["configuration"] for device changes (and any record with a change_id), ["vulnerability"] for vulnerabilities, ["host"] for server incidents, and for communication events and alerts ["authentication"] with a user name, else ["network"].`},
	{"event.type", "Type", Keyword, true, `Follows event.category: ["change"] for configuration, ["info"] for vulnerability, host and authentication, ["connection"] for network.`},
	{"event.severity", "Severity", Long, false, "The CEF header severity, 0 to 10 (the words Unknown, Low, Medium, High and Very-High are 0, 3, 6, 8 and 10); absent when invalid."},
	{"event.reason", "Reason", Keyword, false, "The first given of change_description (change records only), event_description, alert_description and vulnerability_description."},
	{"event.code", "Code", Keyword, false, "From event_type, else cat."},

	{"observer", "Observer Observer", Object, false, "the ECS observer field set: the product that sent the record, from the CEF header."},
	{"observer.vendor", "Vendor", Keyword, false, "The CEF header's device vendor, such as Claroty."},
	{"observer.product", "Product", Keyword, false, "The CEF header's device product."},
	{"observer.version", "Version", Keyword, false, "The CEF header's device version."},

	{"log", "Log Log", Object, false, "the ECS log field set: the syslog header in front of the record."},
	{"log.syslog", "Syslog Syslog", Object, false, "the ECS log.syslog field set: the parts of an RFC 5424 or RFC 3164 header in front of the record, as written (the NILVALUE \"-\" is absent). A header the library does not recognize sets nothing."},
	{"log.syslog.priority", "Priority", Long, false, "The header's PRI, 0 to 191; absent without one or when above 191."},
	{"log.syslog.facility", "Facility SyslogFacility", Object, false, "the ECS log.syslog.facility field set."},
	{"log.syslog.facility.code", "Code", Long, false, "The facility of the PRI: PRI / 8."},
	{"log.syslog.severity", "Severity SyslogSeverity", Object, false, "the ECS log.syslog.severity field set."},
	{"log.syslog.severity.code", "Code", Long, false, "The severity of the PRI: PRI % 8."},
	{"log.syslog.version", "Version", Keyword, false, "The VERSION of an RFC 5424 header, such as \"1\"."},
	{"log.syslog.hostname", "Hostname", Keyword, false, "The HOSTNAME of the header."},
	{"log.syslog.appname", "Appname", Keyword, false, "The APP-NAME of an RFC 5424 header, or the TAG of an RFC 3164 header without its [PID] and colon."},
	{"log.syslog.procid", "Procid", Keyword, false, "The PROCID of an RFC 5424 header, or the PID of an RFC 3164 TAG[PID]."},
	{"log.syslog.msgid", "Msgid", Keyword, false, "The MSGID of an RFC 5424 header."},

	{"source", "Source Source", Object, false, "the ECS source field set."},
	{"source.ip", "IP", IP, false, "From src_ip, else src, when it is a valid address."},
	{"source.mac", "MAC", Keyword, false, "From src_mac, else smac, as xDome writes it."},
	{"source.port", "Port", Long, false, "From src_port, else spt: 0 to 65535."},
	{"source.address", "Address", Keyword, false, "The text of source.ip."},
	{"source.domain", "Domain", Keyword, false, "The source's name as given, from src_domain; source.address stays the IP."},
	{"source.geo", "Geo Geo", Object, false, "the ECS geo field set: where an address is."},
	{"source.geo.name", "Name", Keyword, false, "Where the source is, as given (such as New York, United States), from src_geo_location."},

	{"destination", "Destination Destination", Object, false, "the ECS destination field set."},
	{"destination.ip", "IP", IP, false, "The first valid address of dst_ip, external_ip and dst."},
	{"destination.mac", "MAC", Keyword, false, "From dst_mac, else dmac, as xDome writes it."},
	{"destination.port", "Port", Long, false, "From dst_port, else dpt: 0 to 65535."},
	{"destination.domain", "Domain", Keyword, false, "The destination's name as given, from domain."},
	{"destination.address", "Address", Keyword, false, "destination.domain, else the text of destination.ip."},
	{"destination.top_level_domain", "TopLevelDomain", Keyword, false, "The public suffix of destination.domain, such as co.uk."},
	{"destination.subdomain", "Subdomain", Keyword, false, "What destination.domain has in front of its registered domain."},
	{"destination.registered_domain", "RegisteredDomain", Keyword, false, "The public suffix of destination.domain and the label before it."},
	{"destination.geo", "Geo Geo", Object, false, "where the destination is, as source.geo."},

	{"user", "User User", Object, false, "the ECS user field set."},
	{"user.name", "Name", Keyword, false, "From username."},

	{"network", "Network Network", Object, false, "the ECS network field set."},
	{"network.protocol", "Protocol", Keyword, false, "The application protocol, from protocol."},
	{"network.transport", "Transport", Keyword, false, "The IP protocol in lower case, such as tcp, from ip_protocol, else proto."},

	{"host", "Host Host", Object, false, "the ECS host field set: the asset the record is about."},
	{"host.mac", "MAC", Keyword, true, "The device's MAC addresses, from the list device_mac_list, as xDome writes them."},
	{"host.ip", "IP", IP, true, "The device's valid addresses, from the list device_ip_list, in the order given."},
	{"host.type", "Type", Keyword, false, "From device_type."},
	{"host.os", "OS OS", Object, false, "the ECS os field set."},
	{"host.os.full", "Full", Keyword, false, "From device_os."},
	{"host.name", "Name", Keyword, false, "The xDome collection server of a server incident, from server_name."},

	{"device", "Device Device", Object, false, "the ECS device field set."},
	{"device.id", "ID", Keyword, false, "From device_asset_id."},
	{"device.manufacturer", "Manufacturer", Keyword, false, "From device_manufacturer."},
	{"device.model", "Model DeviceModel", Object, false, "the ECS device.model field set."},
	{"device.model.name", "Name", Keyword, false, "From device_model."},

	{"file", "File File", Object, false, "the ECS file field set, for file-transfer records."},
	{"file.name", "Name", Keyword, false, "From file_name."},
	{"file.type", "Type", Keyword, false, "From file_type."},

	{"tls", "TLS TLS", Object, false, "the ECS tls field set. Only the side named by the record's certificate_type is set; the other is nil."},
	{"tls.client", "Client *TLSPeer", Object, false, "one side of ECS tls: the certificate it presented, from the certificate_* keys."},
	{"tls.client.x509", "X509 X509", Object, false, "the ECS x509 field set."},
	{"tls.client.x509.subject", "Subject X509Subject", Object, false, "the subject of an x509 certificate. ECS declares these fields as lists; the documents give single strings, which a list field accepts."},
	{"tls.client.x509.subject.common_name", "CommonName", Keyword, false, "From certificate_CN."},
	{"tls.client.x509.subject.country", "Country", Keyword, false, "From certificate_C."},
	{"tls.client.x509.subject.locality", "Locality", Keyword, false, "From certificate_L."},
	{"tls.client.x509.subject.organization", "Organization", Keyword, false, "From certificate_O."},
	{"tls.client.x509.subject.organizational_unit", "OrganizationalUnit", Keyword, false, "From certificate_OU."},
	{"tls.client.x509.subject.state_or_province", "StateOrProvince", Keyword, false, "From certificate_ST."},
	{"tls.client.x509.not_after", "NotAfter", Date, false, "From certificate_expiry_date, in UTC."},
	{"tls.client.x509.not_before", "NotBefore", Date, false, "From certificate_start_date, in UTC."},
	{"tls.client.hash", "Hash Hash", Object, false, "the ECS hash field set."},
	{"tls.client.hash.sha1", "SHA1", Keyword, false, "From certificate_thumbprint."},
	{"tls.server", "Server *TLSPeer", Object, false, "the server side of ECS tls, as tls.client."},

	{"threat", "Threat Threat", Object, false, "the ECS threat field set: the MITRE ATT&CK techniques of an alert."},
	{"threat.framework", "Framework", Keyword, false, `"MITRE ATT&CK" when threat.technique.id is set.`},
	{"threat.technique", "Technique ThreatTechnique", Object, false, "the ECS threat.technique field set. Both lists are unique, in the order the record gives them."},
	{"threat.technique.id", "ID", Keyword, true, "From the lists alert_mitre_technique_ids, then alert_mitre_technique_enterprise_ids."},
	{"threat.technique.name", "Name", Keyword, true, "From the lists alert_mitre_technique_names, then alert_mitre_technique_enterprise_names."},

	{"vulnerability", "Vulnerability Vulnerability", Object, false, "the ECS vulnerability field set, for vulnerability records."},
	{"vulnerability.id", "ID", Keyword, true, "The CVEs of the record, unique, in order, from the list vulnerability_cves (a list even with one CVE, where ECS expects one value)."},
	{"vulnerability.enumeration", "Enumeration", Keyword, false, `"CVE" when vulnerability.id is set.`},
	{"vulnerability.description", "Description", Keyword, false, "From vulnerability_description."},
	{"vulnerability.score", "Score VulnerabilityScore", Object, false, `the ECS vulnerability.score field set: the CVSS v3 base score with version "3", or failing that the v2 one with "2".`},
	{"vulnerability.score.base", "Base", Float, false, "From vulnerability_cvssv3_base_score, else vulnerability_cvssv2_base_score."},
	{"vulnerability.score.version", "Version", Keyword, false, `"3" or "2", the CVSS version of vulnerability.score.base.`},
	{"vulnerability.classification", "Classification", Keyword, false, `"CVSS" when vulnerability.score.base is set.`},

	{"error", "Error Error", Object, false, "the ECS error field set."},
	{"error.message", "Message", Text, false, "The values that could not be mapped, one clause per bad value joined by \"; \", such as `src_port: invalid port \"abc\"`."},

	{"claroty", "Claroty Claroty", Object, false, "the vendor fields that ECS has no place for."},
	{"claroty.xdome", "XDome XDome", Object, false, "the claroty.xdome custom field set."},
	{"claroty.xdome.client_id", "ClientID", Keyword, false, "Identifier of the xDome customer account (tenant) that produced the record, from client_id."},
	{"claroty.xdome.sender_id", "SenderID", Keyword, false, "Identifier of the xDome component (collector or asset) that sent the record, from sender_id."},
	{"claroty.xdome.event_id", "EventID", Keyword, false, "xDome's identifier of the communication event, from event_id."},

	{"claroty.xdome.device", "Device XDomeDevice", Object, false, "claroty.xdome.device: xDome's own view of the asset."},
	{"claroty.xdome.device.uid", "UID", Keyword, false, "xDome's unique identifier (a UUID) of the device the record is about, from device_uid."},
	{"claroty.xdome.device.category", "Category", Keyword, false, "xDome device category such as IT, IoT, OT, Medical or Industrial, from device_category."},
	{"claroty.xdome.device.subcategory", "Subcategory", Keyword, false, "xDome device subcategory such as Computers, Servers or Clinical Lab, from device_subcategory."},
	{"claroty.xdome.device.site_name", "SiteName", Keyword, false, "Name of the xDome site the device belongs to, from device_site_name."},
	{"claroty.xdome.device.type_family", "TypeFamily", Keyword, false, "xDome device type family, usually vendor plus type such as Rockwell PLC, from device_type_family."},

	{"claroty.xdome.other_device", "OtherDevice XDomeOtherDevice", Object, false, "claroty.xdome.other_device: the other device of a communication, from the other_device_* keys, mapped as the device_* keys are."},
	{"claroty.xdome.other_device.asset_id", "AssetID", Keyword, false, "Asset identifier of the other device, from other_device_asset_id."},
	{"claroty.xdome.other_device.uid", "UID", Keyword, false, "xDome's unique identifier of the other device, from other_device_uid."},
	{"claroty.xdome.other_device.category", "Category", Keyword, false, "xDome category of the other device, from other_device_category."},
	{"claroty.xdome.other_device.subcategory", "Subcategory", Keyword, false, "xDome subcategory of the other device, from other_device_subcategory."},
	{"claroty.xdome.other_device.type", "Type", Keyword, false, "Type of the other device, from other_device_type."},
	{"claroty.xdome.other_device.type_family", "TypeFamily", Keyword, false, "xDome type family of the other device, from other_device_type_family."},
	{"claroty.xdome.other_device.manufacturer", "Manufacturer", Keyword, false, "Manufacturer of the other device, from other_device_manufacturer."},
	{"claroty.xdome.other_device.model", "Model", Keyword, false, "Model of the other device, from other_device_model."},
	{"claroty.xdome.other_device.os", "OS", Keyword, false, "Operating system of the other device, from other_device_os."},
	{"claroty.xdome.other_device.site_name", "SiteName", Keyword, false, "Name of the xDome site of the other device, from other_device_site_name."},
	{"claroty.xdome.other_device.ip", "IP", IP, true, "Valid addresses of the other device, from the list other_device_ip_list, in the order given; also in related.ip."},
	{"claroty.xdome.other_device.mac", "MAC", Keyword, true, "MAC addresses of the other device, from the list other_device_mac_list."},

	{"claroty.xdome.alert", "Alert XDomeAlert", Object, false, "claroty.xdome.alert: the xDome alert a record belongs to."},
	{"claroty.xdome.alert.id", "ID", Keyword, false, "Identifier of the xDome alert the record belongs to, from alert_id, else change_alert_id, else event_alert_id."},
	{"claroty.xdome.alert.type", "Type", Keyword, false, "xDome alert type such as Malicious IP Communication, from alert_type_name, else alert_type."},
	{"claroty.xdome.alert.name", "Name", Keyword, false, "Display name of the xDome alert, from alert_name."},
	{"claroty.xdome.alert.category", "Category", Keyword, false, "xDome alert category such as Threats or Risk, from alert_category."},
	{"claroty.xdome.alert.description", "Description", Keyword, false, "xDome's prose description of the alert, from alert_description."},
	{"claroty.xdome.alert.device_status", "DeviceStatus", Keyword, false, "State of the affected device when the alert was raised, as xDome gives it, from alert_device_status."},

	{"claroty.xdome.malicious_ip", "MaliciousIP XDomeMaliciousIP", Object, false, "claroty.xdome.malicious_ip: xDome's threat intelligence on a malicious address, as given."},
	{"claroty.xdome.malicious_ip.confidence", "Confidence", Keyword, false, "Confidence of the threat intelligence listing the address, a word such as High or a number such as 90, from malicious_ip_confidence."},
	{"claroty.xdome.malicious_ip.severity", "Severity", Keyword, false, "Severity the threat intelligence gives the address, such as High or Critical, from malicious_ip_severity."},
	{"claroty.xdome.malicious_ip.type", "Type", Keyword, false, "Kind of the malicious address, such as IPv4, from malicious_ip_type."},
	{"claroty.xdome.malicious_ip.source", "Source", Keyword, false, "Threat intelligence feed that lists the address, such as Claroty Threat Intelligence or AbuseIPDB, from malicious_ip_source."},
	{"claroty.xdome.malicious_ip.threat_type", "ThreatType", Keyword, false, "Threat the address is known for, such as Botnet or Command and Control, from malicious_ip_threat_type."},
	{"claroty.xdome.malicious_ip.tags", "Tags", Keyword, true, "Tags the threat intelligence gives the address, from the list malicious_ip_tags, in the order given."},
	{"claroty.xdome.malicious_ip.last_update", "LastUpdate", Date, false, "When the threat intelligence last updated its entry for the address, converted to UTC like @timestamp (no offset means UTC, a date alone midnight UTC), from malicious_ip_last_update."},

	{"claroty.xdome.change", "Change XDomeChange", Object, false, "claroty.xdome.change: a device change record."},
	{"claroty.xdome.change.id", "ID", Keyword, false, "Identifier of the xDome device change record, from change_id."},
	{"claroty.xdome.change.type", "Type", Keyword, false, "Kind of device change, such as Firmware Update or Offline Status Change, from change_type."},
	{"claroty.xdome.change.timestamp", "Timestamp", Date, false, "When the device change happened, converted to UTC like @timestamp, from change_timestamp."},
	{"claroty.xdome.change.alerted_attribute", "AlertedAttribute", Keyword, false, "Device attribute whose change raised the alert, such as firmware_version, from change_alerted_attribute."},
	{"claroty.xdome.change.previous_offline_status_change", "PreviousOfflineStatusChange", Date, false, "When the device's offline status changed before the last time, converted to UTC like @timestamp, from previous_offline_status_change."},
	{"claroty.xdome.change.last_offline_status_change", "LastOfflineStatusChange", Date, false, "When the device's offline status last changed, converted to UTC like @timestamp, from last_offline_status_change."},

	{"claroty.xdome.threat", "Threat XDomeThreat", Object, false, "claroty.xdome.threat: the network threat signature that matched."},
	{"claroty.xdome.threat.signature_name", "SignatureName", Keyword, false, "Name of the network threat signature that matched, from signature_name."},
	{"claroty.xdome.threat.signature_content", "SignatureContent", Keyword, false, "Rule text of the matched signature (Suricata-style content and pcre options), from signature_content."},
	{"claroty.xdome.threat.signature_confidence", "SignatureConfidence", Keyword, false, "Confidence of the matched signature, such as High, from signature_confidence."},
	{"claroty.xdome.threat.signature_severity", "SignatureSeverity", Keyword, false, "Severity of the matched signature, such as Critical, from signature_severity."},
	{"claroty.xdome.threat.signature_id", "SignatureID", Keyword, false, "xDome's identifier of the matched signature, from signature_id."},
	{"claroty.xdome.threat.signature_active_rev", "SignatureActiveRev", Keyword, false, "Active revision of the matched signature, from signature_active_rev."},
	{"claroty.xdome.threat.signature_severity_description", "SignatureSeverityDescription", Keyword, false, "What the severity of the matched signature means, from signature_severity_description."},
	{"claroty.xdome.threat.signature_powered_by", "SignaturePoweredBy", Keyword, false, "Source of the matched signature, such as a rule set, from signature_powered_by."},
	{"claroty.xdome.threat.signature_tags", "SignatureTags", Keyword, true, "Tags of the matched signature, from the list signature_tags, in the order given."},
	{"claroty.xdome.threat.signature_external_links", "SignatureExternalLinks", Keyword, true, "Links about the matched signature, from the list signature_external_links, in the order given."},
	{"claroty.xdome.threat.signature_first_released", "SignatureFirstReleased", Date, false, "When the matched signature was first released, converted to UTC like @timestamp, from signature_first_released."},
	{"claroty.xdome.threat.signature_last_updated", "SignatureLastUpdated", Date, false, "When the matched signature was last updated, converted to UTC like @timestamp, from signature_last_updated."},
	{"claroty.xdome.threat.signature_last_updated_by_system", "SignatureLastUpdatedBySystem", Date, false, "When xDome last updated the matched signature, converted to UTC like @timestamp, from signature_last_updated_by_system."},

	{"claroty.xdome.vulnerability", "Vulnerability XDomeVulnerability", Object, false, "claroty.xdome.vulnerability: what xDome says of a vulnerability beyond ECS vulnerability."},
	{"claroty.xdome.vulnerability.name", "Name", Keyword, false, "xDome's name of the vulnerability, from vulnerability_name."},
	{"claroty.xdome.vulnerability.release_date", "ReleaseDate", Date, false, "When the vulnerability was published, converted to UTC like @timestamp (a date alone means midnight UTC), from vulnerability_release_date."},
	{"claroty.xdome.vulnerability.is_known_exploited", "IsKnownExploited", Boolean, false, "Whether the vulnerability is known to be exploited, a boolean from True or False (any case), from vulnerability_is_known_exploited."},
	{"claroty.xdome.vulnerability.relevance", "Relevance", Keyword, false, "How relevant xDome rates the vulnerability to the device, from device_vulnerability_relevance."},

	{"claroty.xdome.incident", "Incident XDomeIncident", Object, false, "claroty.xdome.incident: an incident of one of xDome's own collection servers (server_incident records)."},
	{"claroty.xdome.incident.id", "ID", Keyword, false, "Identifier of the incident of an xDome collection server, from incident_id on server_incident records."},
	{"claroty.xdome.incident.status", "Status", Keyword, false, "Status of the server incident, from status on server_incident records."},
	{"claroty.xdome.incident.location", "Location", Keyword, false, "Where the server incident happened as xDome gives it, from location on server_incident records."},
	{"claroty.xdome.incident.updated_by", "UpdatedBy", Keyword, false, "Who or what last updated the server incident, from updated_by on server_incident records."},
	{"claroty.xdome.incident.interface", "Interface XDomeInterface", Object, false, "claroty.xdome.incident.interface: the server's network interface that an incident concerns."},
	{"claroty.xdome.incident.interface.name", "Name", Keyword, false, "Name of the server's network interface the incident concerns, from interface_name on server_incident records."},
	{"claroty.xdome.incident.interface.type", "Type", Keyword, false, "Type of the server's network interface the incident concerns, from interface_type on server_incident records."},

	{"claroty.xdome.unmapped", "Unmapped", Flattened, false, "The extension keys that the mapping of the record did not use, kept with the KeepUnmapped option, each with its value as given (unescaped) or the entries of a list literal as a list."},

	{"related", "Related Related", Object, false, "the ECS related field set: every IP, user, hash and host name of the event, each list unique and sorted by its text."},
	{"related.hash", "Hash", Keyword, true, "The certificate's SHA-1."},
	{"related.ip", "IP", IP, true, "The source, destination and host addresses."},
	{"related.hosts", "Hosts", Keyword, true, "destination.domain, source.domain and host.name."},
	{"related.user", "User", Keyword, true, "user.name."},
}
