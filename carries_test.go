package xdome

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York and America/Sao_Paulo on a machine without a zone database

	"github.com/google/go-cmp/cmp"
)

// carriesCase is one rule of what a line carries beyond the mapped keys:
// the syslog header, the other device, locations, status and signature
// details, and the Parser options. want is the whole expected document,
// written by hand from the contract.
type carriesCase struct {
	name string
	p    Parser
	line string
	want string
}

var (
	// carriesNY is a zone with daylight saving time: EST (-05:00) in
	// winter, EDT (-04:00) from the second Sunday of March, 02:00 local,
	// to the first Sunday of November, 02:00 local.
	carriesNY = carriesZone("America/New_York")
	// carriesSaoPaulo moved its clocks at midnight: on 2018-11-04 local
	// time went from 00:00 straight to 01:00.
	carriesSaoPaulo = carriesZone("America/Sao_Paulo")
	// carriesIST is a fixed zone east of UTC with a half-hour offset.
	carriesIST = time.FixedZone("IST", 5*3600+30*60)
)

func carriesZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// carriesOctet frames s as RFC 6587 octet counting does.
func carriesOctet(s string) string { return strconv.Itoa(len(s)) + " " + s }

// jq writes s as a JSON string, for the few messages full of quotes and
// backslashes that would be unreadable escaped by hand.
func jq(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// The event object of an mtH line without and with event_type=x.
const (
	ctEv  = `"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5}`
	ctEvX = `"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"}`
)

// carriesAuthLine is the input of the golden test_auth_failed_login.
const carriesAuthLine = "CEF:0|Claroty|Industrial Device Security Platform|1.0|11111111|Plaintext password login attempt over HTTP from 1.2.3.4 (UPS) to 5.6.7.8 (Room Monitor) with username: john.doe.|5|device_asset_id=BWMKNUSOGU device_assignees=[] device_category=IoT device_connection_type_list=['Ethernet'] device_ip_list=['1.2.3.4'] device_labels=[] device_mac_list=['00:50:56:94:2b:94'] device_manufacturer=APC device_model=Smart UPS device_network_list=['Corporate'] device_note=None device_os=Proprietary AOS device_site_name=Main device_subcategory=Facilities device_type=UPS device_uid=2bad8dfb-0bf8-4dcc-87c6-a669c8a30933 domain=None dst_ip=5.6.7.8 dst_mac=e8:98:6d:ce:1f:11 dst_port=80 event_description=Plaintext password login attempt over HTTP from 1.2.3.4 (UPS) to 5.6.7.8 (Room Monitor) with username: john.doe. event_id=11111111 event_timestamp=2022-02-06T14:18:48.578951+00:00 event_type=Device Sent Plaintext Credentials geo_location=None msg_category=comm_event password_length=6 protocol=HTTP server_port=None src_ip=1.2.3.4 src_mac=e8:98:6d:ce:1f:12 src_port=39252 username=john.doe"

// carriesDirty sets every field of this part of the document (and more),
// so that a ParseInto into the same Event shows anything left behind.
const carriesDirty = `<14>1 2020-01-01T00:00:00Z dirty-host dirty-app 99 DIRTY [d@1 k="v"] CEF:0|Dirty|Dirt|9|1|t|3|` +
	"src_ip=9.9.9.1 src_mac=9a:9a:9a:9a:9a:01 dst_mac=9a:9a:9a:9a:9a:02 src_geo_location=Nowhere geo_location=Elsewhere " +
	"device_mac_list=['9a:9a:9a:9a:9a:03'] event_timestamp=2020-01-01T00:00:00 " +
	"other_device_asset_id=D1 other_device_uid=D2 other_device_category=D3 other_device_subcategory=D4 other_device_type=D5 " +
	"other_device_type_family=D6 other_device_manufacturer=D7 other_device_model=D8 other_device_os=D9 other_device_site_name=D10 " +
	"other_device_ip_list=['9.9.9.2', 'dirt'] other_device_mac_list=['9a:9a:9a:9a:9a:04'] " +
	"previous_offline_status_change=2020-01-01 last_offline_status_change=2020-01-02T03:04:05 " +
	"signature_active_rev=9 signature_severity_description=D signature_powered_by=D signature_tags=['d'] signature_external_links=['d'] " +
	"signature_first_released=2020-01-01 signature_last_updated=2020-01-02 signature_last_updated_by_system=2020-01-03 " +
	"dirty_key=1 dirty_list=['a', 'b']"

var carriesCases = []carriesCase{
	// ---- the syslog header → log.syslog.* ----
	{
		name: "syslog/RFC 5424 as in the contract's example, header time as @timestamp",
		line: "<134>1 2022-02-06T14:18:49.000Z xdome-collector xdome - - - " + mtH + "event_type=x",
		want: `{"message":"<134>1 2022-02-06T14:18:49.000Z xdome-collector xdome - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"@timestamp":"2022-02-06T14:18:49Z",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"xdome-collector","appname":"xdome"}}}`,
	},
	{
		name: "syslog/RFC 5424 with PROCID and MSGID; a key's time wins over the header's",
		line: "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 - " + mtH + "event_timestamp=2022-02-06T14:18:48Z",
		want: `{"message":"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 - CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48Z",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEv + `,` + mtObs + `,
			"log":{"syslog":{"priority":165,"facility":{"code":20},"severity":{"code":5},"version":"1",
				"hostname":"mymachine.example.com","appname":"evntslog","procid":"1234","msgid":"ID47"}}}`,
	},
	{
		name: "syslog/RFC 5424 structured data, two elements with escapes, is not mapped",
		line: `<134>1 2022-02-06T16:18:48+02:00 host app 77 - [a@1 x="q\"uo]te\] b\\"][b@2 y="CEF:1|"] ` + mtH + "event_type=x",
		want: `{"message":` + jq(`<134>1 2022-02-06T16:18:48+02:00 host app 77 - [a@1 x="q\"uo]te\] b\\"][b@2 y="CEF:1|"] CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x`) + `,
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app","procid":"77"}}}`,
	},
	{
		name: "syslog/RFC 5424 with every field NILVALUE",
		line: "<134>1 - - - - - - " + mtH + "event_type=x",
		want: `{"message":"<134>1 - - - - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1"}}}`,
	},
	{
		name: "syslog/RFC 5424 with MSGID only and a BOM before the record",
		line: "<14>1 2022-02-06T14:18:48Z h1 - - m1 - \xef\xbb\xbf" + mtH + "event_type=x",
		want: `{"message":"<14>1 2022-02-06T14:18:48Z h1 - - m1 - ` + "\xef\xbb\xbf" + `CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":14,"facility":{"code":1},"severity":{"code":6},"version":"1","hostname":"h1","msgid":"m1"}}}`,
	},
	{
		name: "syslog/RFC 5424 behind an RFC 6587 octet count",
		line: carriesOctet("<134>1 2022-02-06T14:18:48Z host app - - - "+mtH+"event_type=x") + "\n",
		want: `{"message":"` + carriesOctet("<134>1 2022-02-06T14:18:48Z host app - - - "+mtH+"event_type=x") + `",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app"}}}`,
	},
	{
		name: "syslog/PRI 191, the highest, in RFC 5424",
		line: "<191>1 2022-02-06T14:18:48Z h a - - - " + mtH + "event_type=x",
		want: `{"message":"<191>1 2022-02-06T14:18:48Z h a - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":191,"facility":{"code":23},"severity":{"code":7},"version":"1","hostname":"h","appname":"a"}}}`,
	},
	{
		// Reading: an out-of-range PRI drops priority and codes only; the
		// rest of the header is still mapped ("sets none of them either").
		name: "syslog/PRI 999 in RFC 5424 sets no priority or codes",
		line: "<999>1 2022-02-06T14:18:48Z h a p m - " + mtH + "event_timestamp=2022-02-06T10:00:00Z",
		want: `{"message":"<999>1 2022-02-06T14:18:48Z h a p m - CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T10:00:00Z",
			"@timestamp":"2022-02-06T10:00:00Z",` + ctEv + `,` + mtObs + `,
			"log":{"syslog":{"version":"1","hostname":"h","appname":"a","procid":"p","msgid":"m"}}}`,
	},
	{
		name: "syslog/a bad key time is recorded and the RFC 5424 header time used",
		line: "<134>1 2022-02-06T14:18:48.5Z host app - - - " + mtH + "event_timestamp=yesterday",
		want: `{"message":"<134>1 2022-02-06T14:18:48.5Z host app - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=yesterday",
			"@timestamp":"2022-02-06T14:18:48.500000Z",` + ctEv + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app"}},
			"error":{"message":"event_timestamp: invalid timestamp \"yesterday\""}}`,
	},
	{
		name: "syslog/RFC 3164 with a tag",
		line: "<134>Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"message":"<134>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host","appname":"tag"}}}`,
	},
	{
		name: "syslog/RFC 3164 with a tag and [PID]",
		line: "<134>Feb 16 14:18:48 host xdome[123]: " + mtH + "event_type=x\r\n",
		want: `{"message":"<134>Feb 16 14:18:48 host xdome[123]: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host","appname":"xdome","procid":"123"}}}`,
	},
	{
		name: "syslog/RFC 3164 without PRI, tag with [PID]",
		line: "Feb  6 14:18:48 relay.example xdome[7]: " + mtH + "event_type=x",
		want: `{"message":"Feb  6 14:18:48 relay.example xdome[7]: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"hostname":"relay.example","appname":"xdome","procid":"7"}}}`,
	},
	{
		name: "syslog/RFC 3164 without PRI, tag without PID",
		line: "Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"message":"Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"hostname":"host","appname":"tag"}}}`,
	},
	{
		name: "syslog/RFC 3164 with a host and no tag sets the host name only",
		line: "<134>Feb  6 14:18:48 host " + mtH + "event_type=x",
		want: `{"message":"<134>Feb  6 14:18:48 host CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host"}}}`,
	},
	{
		name: "syslog/RFC 3164 relay-damaged record",
		line: "<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0|1|t|5|event_type=x",
		want: `{"message":"<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host"}}}`,
	},
	{
		name: "syslog/RFC 3164 relay-damaged record of version 1",
		line: "<14>Feb 26 01:02:03 relay.example 1|Claroty|xDome|1.0|1|t|5|event_type=x",
		want: `{"message":"<14>Feb 26 01:02:03 relay.example 1|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":14,"facility":{"code":1},"severity":{"code":6},"hostname":"relay.example"}}}`,
	},
	{
		name: "syslog/RFC 3164 behind an RFC 6587 octet count, CRLF",
		line: carriesOctet("<13>Feb  6 14:18:48 host tag: "+mtH+"event_type=x") + "\r\n",
		want: `{"message":"` + carriesOctet("<13>Feb  6 14:18:48 host tag: "+mtH+"event_type=x") + `",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":13,"facility":{"code":1},"severity":{"code":5},"hostname":"host","appname":"tag"}}}`,
	},
	{
		name: "syslog/PRI 0 gives zeros, which the input gave",
		line: "<0>Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"message":"<0>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":0,"facility":{"code":0},"severity":{"code":0},"hostname":"host","appname":"tag"}}}`,
	},
	{
		// Reading as for PRI 999: the host name and tag are still mapped.
		name: "syslog/PRI 192 in RFC 3164 sets no priority or codes",
		line: "<192>Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"message":"<192>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"hostname":"host","appname":"tag"}}}`,
	},
	{
		// Reading as for PRI 999.
		name: "syslog/a PRI that is not a number sets no priority or codes",
		line: "<abc>Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"message":"<abc>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"hostname":"host","appname":"tag"}}}`,
	},
	{
		// Reading: an RFC 3164 header with neither host nor tag sets the
		// priority and codes, and nothing for the parts it lacks.
		name: "syslog/RFC 3164 with neither host nor tag",
		line: "<134>Feb  6 14:18:48 " + mtH + "event_type=x",
		want: `{"message":"<134>Feb  6 14:18:48 CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6}}}}`,
	},
	{
		name: "syslog/no header, no log object",
		line: mtH + "event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `}`,
	},

	// ---- the other device ----
	{
		name: "other_device/every keyword key",
		line: mtH + "other_device_asset_id=OD-1 other_device_uid=7f3e-11 other_device_category=OT other_device_subcategory=PLC other_device_type=Controller other_device_type_family=Siemens PLC other_device_manufacturer=Siemens other_device_model=S7-1500 other_device_os=Firmware V2.9 other_device_site_name=Plant B",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|other_device_asset_id=OD-1 other_device_uid=7f3e-11 other_device_category=OT other_device_subcategory=PLC other_device_type=Controller other_device_type_family=Siemens PLC other_device_manufacturer=Siemens other_device_model=S7-1500 other_device_os=Firmware V2.9 other_device_site_name=Plant B",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"other_device":{"asset_id":"OD-1","uid":"7f3e-11","category":"OT","subcategory":"PLC","type":"Controller",
				"type_family":"Siemens PLC","manufacturer":"Siemens","model":"S7-1500","os":"Firmware V2.9","site_name":"Plant B"}}}}`,
	},
	{
		name: "other_device/ip list with None and an invalid entry, mac list with None, addresses in related.ip",
		line: mtH + "src_ip=10.0.0.1 other_device_ip_list=['10.0.0.9', None, 'bad', 'fe80::2', '10.0.0.1'] other_device_mac_list=[None, 'aa:bb:cc:dd:ee:01']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.1 other_device_ip_list=['10.0.0.9', None, 'bad', 'fe80::2', '10.0.0.1'] other_device_mac_list=[None, 'aa:bb:cc:dd:ee:01']",
			` + ctEv + `,` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"claroty":{"xdome":{"other_device":{"ip":["10.0.0.9","fe80::2","10.0.0.1"],"mac":["aa:bb:cc:dd:ee:01"]}}},
			"related":{"ip":["10.0.0.1","10.0.0.9","fe80::2"]},
			"error":{"message":"other_device_ip_list: invalid IP address \"bad\""}}`,
	},
	{
		name: "other_device/bare single values",
		line: mtH + "other_device_ip_list=192.168.1.5 other_device_mac_list=00:50:56:94:2b:94",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|other_device_ip_list=192.168.1.5 other_device_mac_list=00:50:56:94:2b:94",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"other_device":{"ip":["192.168.1.5"],"mac":["00:50:56:94:2b:94"]}}},
			"related":{"ip":["192.168.1.5"]}}`,
	},
	{
		name: "other_device/None values and empty lists give nothing",
		line: mtH + "other_device_type=None other_device_ip_list=[] other_device_mac_list=[None] other_device_site_name=None other_device_uid= event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|other_device_type=None other_device_ip_list=[] other_device_mac_list=[None] other_device_site_name=None other_device_uid= event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},
	{
		name: "other_device/each invalid address recorded, after device_ip_list's in input order",
		line: mtH + "device_ip_list=['x1'] other_device_ip_list=['x2', '10.0.0.300', None]",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=['x1'] other_device_ip_list=['x2', '10.0.0.300', None]",
			` + ctEv + `,` + mtObs + `,
			"error":{"message":"device_ip_list: invalid IP address \"x1\"; other_device_ip_list: invalid IP address \"x2\"; other_device_ip_list: invalid IP address \"10.0.0.300\""}}`,
	},
	{
		name: "other_device/on a server incident, its address once in related.ip",
		line: "CEF:0|Claroty|xDome|1.0|1|server_incident|5|server_name=coll-1 device_ip_list=['10.9.9.9'] other_device_type=Sensor other_device_ip_list=['10.9.9.9']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|server_incident|5|server_name=coll-1 device_ip_list=['10.9.9.9'] other_device_type=Sensor other_device_ip_list=['10.9.9.9']",
			"event":{"kind":"alert","category":["host"],"type":["info"],"severity":5},` + mtObs + `,
			"host":{"name":"coll-1","ip":["10.9.9.9"]},
			"claroty":{"xdome":{"other_device":{"type":"Sensor","ip":["10.9.9.9"]}}},
			"related":{"ip":["10.9.9.9"],"hosts":["coll-1"]}}`,
	},
	{
		// Reading: only the _list keys are in the table; xDome's singular
		// other_device_ip / other_device_mac are not mapped.
		name: "other_device/other_device_ip and other_device_mac without _list are not mapped",
		line: mtH + "other_device_ip=10.1.5.20 other_device_mac=aa:bb:cc:dd:ee:ff event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|other_device_ip=10.1.5.20 other_device_mac=aa:bb:cc:dd:ee:ff event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},

	// ---- where an address is ----
	{
		name: "geo/both names as given, beside the addresses",
		line: mtH + "src_ip=10.0.0.1 src_geo_location=São Paulo, Brazil dst_ip=198.51.100.7 geo_location=New York, United States",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.1 src_geo_location=São Paulo, Brazil dst_ip=198.51.100.7 geo_location=New York, United States",
			` + ctEv + `,` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1","geo":{"name":"São Paulo, Brazil"}},
			"destination":{"ip":"198.51.100.7","address":"198.51.100.7","geo":{"name":"New York, United States"}},
			"related":{"ip":["10.0.0.1","198.51.100.7"]}}`,
	},
	{
		name: "geo/a name alone gives no address",
		line: mtH + "geo_location=Tel Aviv, Israel",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|geo_location=Tel Aviv, Israel",
			` + ctEv + `,` + mtObs + `,
			"destination":{"geo":{"name":"Tel Aviv, Israel"}}}`,
	},
	{
		name: "geo/source name alone",
		line: mtH + "src_geo_location=Haifa",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_geo_location=Haifa",
			` + ctEv + `,` + mtObs + `,
			"source":{"geo":{"name":"Haifa"}}}`,
	},
	{
		name: "geo/None gives nothing",
		line: mtH + "geo_location=None src_geo_location=None event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|geo_location=None src_geo_location=None event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},

	// ---- device status changes ----
	{
		name: "offline/both dates on a communication record",
		line: mtH + "previous_offline_status_change=2024-02-27T18:22:40.551000+00:00 last_offline_status_change=2024-03-15T05:00:00+01:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|previous_offline_status_change=2024-02-27T18:22:40.551000+00:00 last_offline_status_change=2024-03-15T05:00:00+01:00",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"change":{"previous_offline_status_change":"2024-02-27T18:22:40.551000Z","last_offline_status_change":"2024-03-15T04:00:00Z"}}}}`,
	},
	{
		name: "offline/beside the change fields of a change record",
		line: "CEF:0|Claroty|xDome|1.0|1|device_change_event|1|change_id=98377 change_type=Offline Status Change change_timestamp=2024-03-15T04:00:00Z change_description=Device went offline last_offline_status_change=2024-03-15T04:00:00+00:00 previous_offline_status_change=2024-02-27T18:22:40Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|device_change_event|1|change_id=98377 change_type=Offline Status Change change_timestamp=2024-03-15T04:00:00Z change_description=Device went offline last_offline_status_change=2024-03-15T04:00:00+00:00 previous_offline_status_change=2024-02-27T18:22:40Z",
			"@timestamp":"2024-03-15T04:00:00Z",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":1,"reason":"Device went offline"},` + mtObs + `,
			"claroty":{"xdome":{"change":{"id":"98377","type":"Offline Status Change","timestamp":"2024-03-15T04:00:00Z",
				"last_offline_status_change":"2024-03-15T04:00:00Z","previous_offline_status_change":"2024-02-27T18:22:40Z"}}}}`,
	},
	{
		name: "offline/a date alone is midnight UTC; a fraction truncated to 6 digits",
		line: mtH + "last_offline_status_change=2024-03-15 previous_offline_status_change=2024-02-27T18:22:40.123456789Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|last_offline_status_change=2024-03-15 previous_offline_status_change=2024-02-27T18:22:40.123456789Z",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"change":{"last_offline_status_change":"2024-03-15T00:00:00Z","previous_offline_status_change":"2024-02-27T18:22:40.123456Z"}}}}`,
	},
	{
		name: "offline/bad dates recorded and left out",
		line: mtH + "previous_offline_status_change=never last_offline_status_change=2024-02-30 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|previous_offline_status_change=never last_offline_status_change=2024-02-30 event_type=x",
			` + ctEvX + `,` + mtObs + `,
			"error":{"message":"previous_offline_status_change: invalid date \"never\"; last_offline_status_change: invalid date \"2024-02-30\""}}`,
	},
	{
		name: "offline/None gives nothing",
		line: mtH + "previous_offline_status_change=None last_offline_status_change=None event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|previous_offline_status_change=None last_offline_status_change=None event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},

	// ---- threat signatures ----
	{
		// Reading: a None entry of signature_tags is dropped, as in every
		// list xDome writes.
		name: "signature/every new field beside the existing ones",
		line: mtH + "signature_id=2027865 signature_name=ET EXPLOIT Possible ETERNALBLUE signature_active_rev=4 signature_severity_description=Critical - exploitation attempt signature_powered_by=Proofpoint ET Pro signature_tags=['exploit', 'smb', None] signature_external_links=['https://threatintel.example.com/sig?id=2027865', 'https://nvd.nist.gov/vuln/detail/CVE-2017-0144'] signature_first_released=2019-08-12T00:00:00+00:00 signature_last_updated=2023-11-30T10:05:00+02:00 signature_last_updated_by_system=2023-12-01",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|signature_id=2027865 signature_name=ET EXPLOIT Possible ETERNALBLUE signature_active_rev=4 signature_severity_description=Critical - exploitation attempt signature_powered_by=Proofpoint ET Pro signature_tags=['exploit', 'smb', None] signature_external_links=['https://threatintel.example.com/sig?id=2027865', 'https://nvd.nist.gov/vuln/detail/CVE-2017-0144'] signature_first_released=2019-08-12T00:00:00+00:00 signature_last_updated=2023-11-30T10:05:00+02:00 signature_last_updated_by_system=2023-12-01",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"threat":{"signature_id":"2027865","signature_name":"ET EXPLOIT Possible ETERNALBLUE",
				"signature_active_rev":"4","signature_severity_description":"Critical - exploitation attempt","signature_powered_by":"Proofpoint ET Pro",
				"signature_tags":["exploit","smb"],
				"signature_external_links":["https://threatintel.example.com/sig?id=2027865","https://nvd.nist.gov/vuln/detail/CVE-2017-0144"],
				"signature_first_released":"2019-08-12T00:00:00Z","signature_last_updated":"2023-11-30T08:05:00Z",
				"signature_last_updated_by_system":"2023-12-01T00:00:00Z"}}}}`,
	},
	{
		name: "signature/bad dates recorded in input order and left out",
		line: mtH + "signature_last_updated=2023-13-01 signature_first_released=soon signature_last_updated_by_system=yesterday signature_active_rev=2",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|signature_last_updated=2023-13-01 signature_first_released=soon signature_last_updated_by_system=yesterday signature_active_rev=2",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"threat":{"signature_active_rev":"2"}}},
			"error":{"message":"signature_last_updated: invalid date \"2023-13-01\"; signature_first_released: invalid date \"soon\"; signature_last_updated_by_system: invalid date \"yesterday\""}}`,
	},
	{
		name: "signature/empty lists and None values give nothing",
		line: mtH + "signature_tags=[] signature_external_links=[None] signature_active_rev=None signature_powered_by=None signature_severity_description= event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|signature_tags=[] signature_external_links=[None] signature_active_rev=None signature_powered_by=None signature_severity_description= event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},

	// ---- KeepUnmapped ----
	{
		name: "unmapped/the golden test_auth_failed_login",
		p:    Parser{KeepUnmapped: true},
		line: carriesAuthLine,
		want: `{"message":` + jq(carriesAuthLine) + `,
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5,"reason":"Plaintext password login attempt over HTTP from 1.2.3.4 (UPS) to 5.6.7.8 (Room Monitor) with username: john.doe.","code":"Device Sent Plaintext Credentials"},
			"@timestamp":"2022-02-06T14:18:48.578951Z",
			"observer":{"vendor":"Claroty","product":"Industrial Device Security Platform","version":"1.0"},
			"source":{"ip":"1.2.3.4","mac":"e8:98:6d:ce:1f:12","port":39252,"address":"1.2.3.4"},
			"user":{"name":"john.doe"},
			"destination":{"ip":"5.6.7.8","mac":"e8:98:6d:ce:1f:11","port":80,"address":"5.6.7.8"},
			"network":{"protocol":"HTTP"},
			"host":{"mac":["00:50:56:94:2b:94"],"ip":["1.2.3.4"],"type":"UPS","os":{"full":"Proprietary AOS"}},
			"device":{"id":"BWMKNUSOGU","manufacturer":"APC","model":{"name":"Smart UPS"}},
			"claroty":{"xdome":{"event_id":"11111111","device":{"uid":"2bad8dfb-0bf8-4dcc-87c6-a669c8a30933","category":"IoT","subcategory":"Facilities","site_name":"Main"},
				"unmapped":{"device_connection_type_list":["Ethernet"],"device_network_list":["Corporate"],"password_length":"6"}}},
			"related":{"ip":["1.2.3.4","5.6.7.8"],"user":["john.doe"]}}`,
	},
	{
		name: "unmapped/a used key whose value was invalid is not repeated",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "src_port=abc dst_ip=1.2.3 device_ip_list=['bad'] event_timestamp=yesterday other_device_ip_list=['x'] signature_last_updated=soon malicious_ip_last_update=later note=kept",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=abc dst_ip=1.2.3 device_ip_list=['bad'] event_timestamp=yesterday other_device_ip_list=['x'] signature_last_updated=soon malicious_ip_last_update=later note=kept",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"note":"kept"}}},
			"error":{"message":"src_port: invalid port \"abc\"; dst_ip: invalid IP address \"1.2.3\"; device_ip_list: invalid IP address \"bad\"; event_timestamp: invalid timestamp \"yesterday\"; other_device_ip_list: invalid IP address \"x\"; signature_last_updated: invalid date \"soon\"; malicious_ip_last_update: invalid date \"later\""}}`,
	},
	{
		name: "unmapped/a key that lost to a key of higher rank is not repeated",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "src=10.0.0.2 src_ip=10.0.0.1 spt=1 src_port=2 dmac=aa:bb:cc:dd:ee:02 dst_mac=aa:bb:cc:dd:ee:03 cat=Std event_type=X rt=1644157128578 alert_timestamp=2022-02-06T10:00:00Z event_timestamp=2022-02-06T14:18:48Z alert_id=a1 change_alert_id=a2 event_alert_id=a3 alert_type_name=T alert_type=U external_ip=10.0.0.9 dst_ip=10.0.0.8 alert_description=D event_description=E other=1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src=10.0.0.2 src_ip=10.0.0.1 spt=1 src_port=2 dmac=aa:bb:cc:dd:ee:02 dst_mac=aa:bb:cc:dd:ee:03 cat=Std event_type=X rt=1644157128578 alert_timestamp=2022-02-06T10:00:00Z event_timestamp=2022-02-06T14:18:48Z alert_id=a1 change_alert_id=a2 event_alert_id=a3 alert_type_name=T alert_type=U external_ip=10.0.0.9 dst_ip=10.0.0.8 alert_description=D event_description=E other=1",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"X","reason":"E"},` + mtObs + `,
			"source":{"ip":"10.0.0.1","port":2,"address":"10.0.0.1"},
			"destination":{"ip":"10.0.0.8","mac":"aa:bb:cc:dd:ee:03","address":"10.0.0.8"},
			"claroty":{"xdome":{"alert":{"id":"a1","type":"T","description":"D"},"unmapped":{"other":"1"}}},
			"related":{"ip":["10.0.0.1","10.0.0.8"]}}`,
	},
	{
		name: "unmapped/event_description that lost to change_description is not repeated",
		p:    Parser{KeepUnmapped: true},
		line: "CEF:0|Claroty|xDome|1.0|1|device_change_event|5|change_id=c1 change_description=C event_description=E note=n",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|device_change_event|5|change_id=c1 change_description=C event_description=E note=n",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5,"reason":"C"},` + mtObs + `,
			"claroty":{"xdome":{"change":{"id":"c1"},"unmapped":{"note":"n"}}}}`,
	},
	{
		name: "unmapped/a v2 score that lost to the v3 score is not repeated",
		p:    Parser{KeepUnmapped: true},
		line: "CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|vulnerability_cvssv3_base_score=9.8 vulnerability_cvssv2_base_score=7.5 vulnerability_name=V note=n",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|vulnerability_cvssv3_base_score=9.8 vulnerability_cvssv2_base_score=7.5 vulnerability_name=V note=n",
			"event":{"kind":"alert","category":["vulnerability"],"type":["info"],"severity":5},` + mtObs + `,
			"vulnerability":{"score":{"base":9.8,"version":"3"},"classification":"CVSS"},
			"claroty":{"xdome":{"vulnerability":{"name":"V"},"unmapped":{"note":"n"}}}}`,
	},
	{
		name: "unmapped/server-incident keys on another kind are kept",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "server_name=s1 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|server_name=s1 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring event_type=x",
			` + ctEvX + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"server_name":"s1","incident_id":"INC-7","status":"Open","location":"Rack 4","updated_by":"admin",
				"interface_name":"eth1","interface_type":"Monitoring"}}}}`,
	},
	{
		name: "unmapped/server-incident keys on a server incident are mapped, not kept",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "msg_category=server_incident server_name=xdome-coll-01 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring extra=1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|msg_category=server_incident server_name=xdome-coll-01 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring extra=1",
			"event":{"kind":"alert","category":["host"],"type":["info"],"severity":5},` + mtObs + `,
			"host":{"name":"xdome-coll-01"},
			"claroty":{"xdome":{"incident":{"id":"INC-7","status":"Open","location":"Rack 4","updated_by":"admin",
				"interface":{"name":"eth1","type":"Monitoring"}},"unmapped":{"extra":"1"}}},
			"related":{"hosts":["xdome-coll-01"]}}`,
	},
	{
		name: "unmapped/a list literal becomes an array, None entries dropped, no address check",
		p:    Parser{KeepUnmapped: true},
		line: mtH + `device_labels=['a', None, "b", c] device_network_list=['10.0.0.999'] device_assignees=['Jane Doe, Ops']`,
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_labels=['a', None, \"b\", c] device_network_list=['10.0.0.999'] device_assignees=['Jane Doe, Ops']",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"device_labels":["a","b","c"],"device_network_list":["10.0.0.999"],"device_assignees":["Jane Doe, Ops"]}}}}`,
	},
	{
		// Reading: [None] is an empty list once its None entry is dropped.
		name: "unmapped/None, an empty value and an empty list keep nothing",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "a=None b= c=[] d=[None] event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|a=None b= c=[] d=[None] event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},
	{
		name: "unmapped/a repeated key keeps its last occurrence",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "note=first tags=['a'] note=second tags=['b', 'c']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|note=first tags=['a'] note=second tags=['b', 'c']",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"note":"second","tags":["b","c"]}}}}`,
	},
	{
		// Reading: the last occurrence is None, which keeps nothing (as a
		// mapped key whose last occurrence is None is absent).
		name: "unmapped/a repeated key whose last occurrence is None keeps nothing",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "note=first note=None event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|note=first note=None event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},
	{
		name: "unmapped/the CEF and syslog header fields are not repeated",
		p:    Parser{KeepUnmapped: true},
		line: "<134>1 2022-02-06T14:18:48Z host app 1 m - CEF:0|Claroty|xDome|1.0|1|t|5|note=n",
		want: `{"message":"<134>1 2022-02-06T14:18:48Z host app 1 m - CEF:0|Claroty|xDome|1.0|1|t|5|note=n",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEv + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app","procid":"1","msgid":"m"}},
			"claroty":{"xdome":{"unmapped":{"note":"n"}}}}`,
	},
	{
		name: "unmapped/escaped values are unescaped, other backslashes stay",
		p:    Parser{KeepUnmapped: true},
		line: mtH + `note=a\=b c\\d\nnext re=\x20cmd\.exe`,
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|note=a\\=b c\\\\d\\nnext re=\\x20cmd\\.exe",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"note":"a=b c\\d\nnext","re":"\\x20cmd\\.exe"}}}}`,
	},
	{
		// Reading: <key> is the key as written, one member of the object,
		// not split at its dots.
		name: "unmapped/keys with dots and brackets are kept as written",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "ad.custom=1 cs1Label=Zone cs1=North x[0]=y",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|ad.custom=1 cs1Label=Zone cs1=North x[0]=y",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"ad.custom":"1","cs1Label":"Zone","cs1":"North","x[0]":"y"}}}}`,
	},
	{
		name: "unmapped/singular other_device keys are kept, not mapped",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "other_device_ip=10.1.5.20 other_device_mac=aa:bb:cc:dd:ee:ff",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|other_device_ip=10.1.5.20 other_device_mac=aa:bb:cc:dd:ee:ff",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"unmapped":{"other_device_ip":"10.1.5.20","other_device_mac":"aa:bb:cc:dd:ee:ff"}}}}`,
	},
	{
		name: "unmapped/a line whose keys are all mapped has no unmapped object",
		p:    Parser{KeepUnmapped: true},
		line: mtH + "event_type=x geo_location=Paris other_device_type=PLC signature_active_rev=3",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x geo_location=Paris other_device_type=PLC signature_active_rev=3",
			` + ctEvX + `,` + mtObs + `,
			"destination":{"geo":{"name":"Paris"}},
			"claroty":{"xdome":{"other_device":{"type":"PLC"},"threat":{"signature_active_rev":"3"}}}}`,
	},
	{
		name: "unmapped/off by default",
		line: mtH + "note=n password_length=6 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|note=n password_length=6 event_type=x",
			` + ctEvX + `,` + mtObs + `}`,
	},

	// ---- Location ----
	{
		name: "location/event_timestamp without offset in a fixed zone",
		p:    Parser{Location: carriesIST},
		line: mtH + "event_timestamp=2022-02-06T14:18:48.5",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.5",
			"@timestamp":"2022-02-06T08:48:48.500000Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/alert_timestamp in New York winter",
		p:    Parser{Location: carriesNY},
		line: mtH + "alert_timestamp=2022-02-06T09:18:48",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_timestamp=2022-02-06T09:18:48",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/change_timestamp in New York summer, in @timestamp and change.timestamp",
		p:    Parser{Location: carriesNY},
		line: mtH + "change_id=c1 change_timestamp=2022-07-04 12:00:00.123",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_id=c1 change_timestamp=2022-07-04 12:00:00.123",
			"@timestamp":"2022-07-04T16:00:00.123000Z",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"change":{"id":"c1","timestamp":"2022-07-04T16:00:00.123000Z"}}}}`,
	},
	{
		name: "location/timestamp key across the new year",
		p:    Parser{Location: carriesNY},
		line: mtH + "timestamp=2022-12-31T23:30:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|timestamp=2022-12-31T23:30:00",
			"@timestamp":"2023-01-01T04:30:00Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/rt in ISO 8601 without offset",
		p:    Parser{Location: carriesNY},
		line: mtH + "rt=2022-02-06T09:18:48.578",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=2022-02-06T09:18:48.578",
			"@timestamp":"2022-02-06T14:18:48.578000Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/rt MMM dd yyyy HH:mm:ss.SSS without zone",
		p:    Parser{Location: carriesNY},
		line: mtH + "rt=Jul 04 2022 12:00:00.250",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Jul 04 2022 12:00:00.250",
			"@timestamp":"2022-07-04T16:00:00.250000Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/rt MMM dd yyyy with a zone is unaffected",
		p:    Parser{Location: carriesNY},
		line: mtH + "rt=Feb 06 2022 14:18:48 GMT",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 14:18:48 GMT",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/rt MMM dd yyyy with a numeric offset is unaffected",
		p:    Parser{Location: carriesNY},
		line: mtH + "rt=Feb 06 2022 15:18:48 +0100",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 15:18:48 +0100",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/rt in epoch milliseconds is unaffected",
		p:    Parser{Location: carriesNY},
		line: mtH + "rt=1644157128578",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=1644157128578",
			"@timestamp":"2022-02-06T14:18:48.578000Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		name: "location/times and dates with an offset or Z are unaffected",
		p:    Parser{Location: carriesNY},
		line: mtH + "event_timestamp=2022-02-06T14:18:48Z change_id=c1 change_timestamp=2022-02-06T15:18:48+01:00 malicious_ip_last_update=2024-01-20T01:30:00-02:00 signature_first_released=2019-08-12T00:00:00+00:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48Z change_id=c1 change_timestamp=2022-02-06T15:18:48+01:00 malicious_ip_last_update=2024-01-20T01:30:00-02:00 signature_first_released=2019-08-12T00:00:00+00:00",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"change":{"id":"c1","timestamp":"2022-02-06T14:18:48Z"},
				"malicious_ip":{"last_update":"2024-01-20T03:30:00Z"},
				"threat":{"signature_first_released":"2019-08-12T00:00:00Z"}}}}`,
	},
	{
		name: "location/certificate dates are unaffected, even without offset",
		p:    Parser{Location: carriesNY},
		line: mtH + "certificate_type=Server certificate_expiry_date=20160526192415Z certificate_start_date=2015-05-27T19:24:15",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server certificate_expiry_date=20160526192415Z certificate_start_date=2015-05-27T19:24:15",
			` + ctEv + `,` + mtObs + `,
			"tls":{"server":{"x509":{"not_after":"2016-05-26T19:24:15Z","not_before":"2015-05-27T19:24:15Z"}}}}`,
	},
	{
		name: "location/the RFC 5424 header time is unaffected",
		p:    Parser{Location: carriesNY},
		line: "<134>1 2022-02-06T14:18:48Z host app - - - " + mtH + "event_type=x",
		want: `{"message":"<134>1 2022-02-06T14:18:48Z host app - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app"}}}`,
	},
	{
		name: "location/the RFC 3164 header time is still never used",
		p:    Parser{Location: carriesNY},
		line: "<134>Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"message":"<134>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",` + ctEvX + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host","appname":"tag"}}}`,
	},
	{
		name: "location/a date alone is midnight in New York, EST or EDT by the date",
		p:    Parser{Location: carriesNY},
		line: mtH + "malicious_ip_last_update=2024-01-20 last_offline_status_change=2024-03-15 previous_offline_status_change=2024-03-09 signature_first_released=2019-08-12 signature_last_updated=2023-11-30 signature_last_updated_by_system=2023-12-01",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|malicious_ip_last_update=2024-01-20 last_offline_status_change=2024-03-15 previous_offline_status_change=2024-03-09 signature_first_released=2019-08-12 signature_last_updated=2023-11-30 signature_last_updated_by_system=2023-12-01",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"malicious_ip":{"last_update":"2024-01-20T05:00:00Z"},
				"change":{"last_offline_status_change":"2024-03-15T04:00:00Z","previous_offline_status_change":"2024-03-09T05:00:00Z"},
				"threat":{"signature_first_released":"2019-08-12T04:00:00Z","signature_last_updated":"2023-11-30T05:00:00Z",
					"signature_last_updated_by_system":"2023-12-01T05:00:00Z"}}}}`,
	},
	{
		name: "location/vulnerability_release_date alone is midnight in Location",
		p:    Parser{Location: carriesNY},
		line: "CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|vulnerability_release_date=2020-06-16",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|vulnerability_release_date=2020-06-16",
			"event":{"kind":"alert","category":["vulnerability"],"type":["info"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"vulnerability":{"release_date":"2020-06-16T04:00:00Z"}}}}`,
	},
	{
		name: "location/a date alone east of UTC is the evening before in UTC",
		p:    Parser{Location: carriesIST},
		line: mtH + "malicious_ip_last_update=2024-01-20",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|malicious_ip_last_update=2024-01-20",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"malicious_ip":{"last_update":"2024-01-19T18:30:00Z"}}}}`,
	},
	{
		name: "location/date keys with a time and no offset",
		p:    Parser{Location: carriesNY},
		line: mtH + "signature_last_updated=2023-11-30T10:05:00 previous_offline_status_change=2024-02-27T18:22:40.551",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|signature_last_updated=2023-11-30T10:05:00 previous_offline_status_change=2024-02-27T18:22:40.551",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"threat":{"signature_last_updated":"2023-11-30T15:05:00Z"},
				"change":{"previous_offline_status_change":"2024-02-27T23:22:40.551000Z"}}}}`,
	},
	{
		// time.Date(2024, 3, 10, 2, 30, 0, 0, New York) is 01:30 EST.
		name: "location/a local time the clock skips is resolved as time.Date does",
		p:    Parser{Location: carriesNY},
		line: mtH + "event_timestamp=2024-03-10T02:30:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2024-03-10T02:30:00",
			"@timestamp":"2024-03-10T06:30:00Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		// time.Date(2024, 11, 3, 1, 30, 0, 0, New York) is 01:30 EDT.
		name: "location/a local time the clock repeats is resolved as time.Date does",
		p:    Parser{Location: carriesNY},
		line: mtH + "event_timestamp=2024-11-03T01:30:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2024-11-03T01:30:00",
			"@timestamp":"2024-11-03T05:30:00Z",` + ctEv + `,` + mtObs + `}`,
	},
	{
		// time.Date(2018, 11, 4, 0, 0, 0, 0, São Paulo) is 23:00 -03 the day before.
		name: "location/a date alone whose midnight the clock skips",
		p:    Parser{Location: carriesSaoPaulo},
		line: mtH + "last_offline_status_change=2018-11-04",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|last_offline_status_change=2018-11-04",
			` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"change":{"last_offline_status_change":"2018-11-04T02:00:00Z"}}}}`,
	},
	{
		name: "location/bad times are still recorded",
		p:    Parser{Location: carriesNY},
		line: mtH + "event_timestamp=yesterday rt=Feb 30 2022 14:18:48 last_offline_status_change=2024-02-30",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=yesterday rt=Feb 30 2022 14:18:48 last_offline_status_change=2024-02-30",
			` + ctEv + `,` + mtObs + `,
			"error":{"message":"event_timestamp: invalid timestamp \"yesterday\"; rt: invalid timestamp \"Feb 30 2022 14:18:48\"; last_offline_status_change: invalid date \"2024-02-30\""}}`,
	},
	{
		name: "location/time.UTC is the same as nil",
		p:    Parser{Location: time.UTC},
		line: mtH + "event_timestamp=2022-02-06T14:18:48 malicious_ip_last_update=2024-01-20",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48 malicious_ip_last_update=2024-01-20",
			"@timestamp":"2022-02-06T14:18:48Z",` + ctEv + `,` + mtObs + `,
			"claroty":{"xdome":{"malicious_ip":{"last_update":"2024-01-20T00:00:00Z"}}}}`,
	},

	// ---- NormalizeMAC ----
	{
		name: "mac/six groups with : and -, lower case to upper",
		p:    Parser{NormalizeMAC: true},
		line: mtH + "src_mac=e8:98:6d:ce:1f:12 dst_mac=E8-98-6d-CE-1f-11",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_mac=e8:98:6d:ce:1f:12 dst_mac=E8-98-6d-CE-1f-11",
			` + ctEv + `,` + mtObs + `,
			"source":{"mac":"E8-98-6D-CE-1F-12"},
			"destination":{"mac":"E8-98-6D-CE-1F-11"}}`,
	},
	{
		name: "mac/host and other_device lists, six and eight groups",
		p:    Parser{NormalizeMAC: true},
		line: mtH + "device_mac_list=['00:50:56:94:2b:94', '00-11-22-33-44-55-66-77', None] other_device_mac_list=['0a:1b:2c:3d:4e:5f:6a:7b', 'AA-BB-CC-DD-EE-FF']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_mac_list=['00:50:56:94:2b:94', '00-11-22-33-44-55-66-77', None] other_device_mac_list=['0a:1b:2c:3d:4e:5f:6a:7b', 'AA-BB-CC-DD-EE-FF']",
			` + ctEv + `,` + mtObs + `,
			"host":{"mac":["00-50-56-94-2B-94","00-11-22-33-44-55-66-77"]},
			"claroty":{"xdome":{"other_device":{"mac":["0A-1B-2C-3D-4E-5F-6A-7B","AA-BB-CC-DD-EE-FF"]}}}}`,
	},
	{
		// Mixed separators (aa:bb-cc:...) are left out: "separated by : or -"
		// does not say whether one address may use both.
		name: "mac/any other form is kept as given",
		p:    Parser{NormalizeMAC: true},
		line: mtH + "src_mac=aa:bb:cc:dd:ee dst_mac=0050.5694.2b94 device_mac_list=['aaa:bb:cc:dd:ee:ff', 'a:bb:cc:dd:ee:ff', 'gg:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff:00', '005056942b94', 'aa:bb:cc:dd:ee:ff:', 'aa_bb_cc_dd_ee_ff'] other_device_mac_list=['aa:bb:cc:dd:ee:ff:00:11:22', 'AA:BB:CC:DD:EE:FF:0']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_mac=aa:bb:cc:dd:ee dst_mac=0050.5694.2b94 device_mac_list=['aaa:bb:cc:dd:ee:ff', 'a:bb:cc:dd:ee:ff', 'gg:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff:00', '005056942b94', 'aa:bb:cc:dd:ee:ff:', 'aa_bb_cc_dd_ee_ff'] other_device_mac_list=['aa:bb:cc:dd:ee:ff:00:11:22', 'AA:BB:CC:DD:EE:FF:0']",
			` + ctEv + `,` + mtObs + `,
			"source":{"mac":"aa:bb:cc:dd:ee"},
			"destination":{"mac":"0050.5694.2b94"},
			"host":{"mac":["aaa:bb:cc:dd:ee:ff","a:bb:cc:dd:ee:ff","gg:bb:cc:dd:ee:ff","aa:bb:cc:dd:ee:ff:00","005056942b94","aa:bb:cc:dd:ee:ff:","aa_bb_cc_dd_ee_ff"]},
			"claroty":{"xdome":{"other_device":{"mac":["aa:bb:cc:dd:ee:ff:00:11:22","AA:BB:CC:DD:EE:FF:0"]}}}}`,
	},
	{
		name: "mac/the standard smac and dmac are normalized too",
		p:    Parser{NormalizeMAC: true},
		line: mtH + "smac=aa:bb:cc:dd:ee:01 dmac=aa-bb-cc-dd-ee-0f",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|smac=aa:bb:cc:dd:ee:01 dmac=aa-bb-cc-dd-ee-0f",
			` + ctEv + `,` + mtObs + `,
			"source":{"mac":"AA-BB-CC-DD-EE-01"},
			"destination":{"mac":"AA-BB-CC-DD-EE-0F"}}`,
	},
	{
		name: "mac/already in ECS's form is unchanged",
		p:    Parser{NormalizeMAC: true},
		line: mtH + "src_mac=00-50-56-94-2B-94",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_mac=00-50-56-94-2B-94",
			` + ctEv + `,` + mtObs + `,
			"source":{"mac":"00-50-56-94-2B-94"}}`,
	},
	{
		name: "mac/off by default, every MAC as given",
		line: mtH + "src_mac=e8:98:6d:ce:1f:12 dst_mac=E8-98-6d-CE-1f-11 device_mac_list=['00:50:56:94:2b:94'] other_device_mac_list=['aa-bb-cc-dd-ee-ff']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_mac=e8:98:6d:ce:1f:12 dst_mac=E8-98-6d-CE-1f-11 device_mac_list=['00:50:56:94:2b:94'] other_device_mac_list=['aa-bb-cc-dd-ee-ff']",
			` + ctEv + `,` + mtObs + `,
			"source":{"mac":"e8:98:6d:ce:1f:12"},
			"destination":{"mac":"E8-98-6d-CE-1f-11"},
			"host":{"mac":["00:50:56:94:2b:94"]},
			"claroty":{"xdome":{"other_device":{"mac":["aa-bb-cc-dd-ee-ff"]}}}}`,
	},

	// ---- all options together ----
	{
		name: "all/the golden test_auth_failed_login",
		p:    Parser{KeepUnmapped: true, Location: carriesNY, NormalizeMAC: true},
		line: carriesAuthLine,
		want: `{"message":` + jq(carriesAuthLine) + `,
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5,"reason":"Plaintext password login attempt over HTTP from 1.2.3.4 (UPS) to 5.6.7.8 (Room Monitor) with username: john.doe.","code":"Device Sent Plaintext Credentials"},
			"@timestamp":"2022-02-06T14:18:48.578951Z",
			"observer":{"vendor":"Claroty","product":"Industrial Device Security Platform","version":"1.0"},
			"source":{"ip":"1.2.3.4","mac":"E8-98-6D-CE-1F-12","port":39252,"address":"1.2.3.4"},
			"user":{"name":"john.doe"},
			"destination":{"ip":"5.6.7.8","mac":"E8-98-6D-CE-1F-11","port":80,"address":"5.6.7.8"},
			"network":{"protocol":"HTTP"},
			"host":{"mac":["00-50-56-94-2B-94"],"ip":["1.2.3.4"],"type":"UPS","os":{"full":"Proprietary AOS"}},
			"device":{"id":"BWMKNUSOGU","manufacturer":"APC","model":{"name":"Smart UPS"}},
			"claroty":{"xdome":{"event_id":"11111111","device":{"uid":"2bad8dfb-0bf8-4dcc-87c6-a669c8a30933","category":"IoT","subcategory":"Facilities","site_name":"Main"},
				"unmapped":{"device_connection_type_list":["Ethernet"],"device_network_list":["Corporate"],"password_length":"6"}}},
			"related":{"ip":["1.2.3.4","5.6.7.8"],"user":["john.doe"]}}`,
	},
	{
		// An unmapped value is kept as given: NormalizeMAC does not touch it.
		name: "all/syslog header, local time, MACs, other device, dates and unmapped keys",
		p:    Parser{KeepUnmapped: true, Location: carriesNY, NormalizeMAC: true},
		line: "<134>1 2024-07-04T12:00:00Z coll xdome 42 EVT - " + mtH + `event_timestamp=2024-07-04T09:00:00 src_mac=aa:bb:cc:dd:ee:01 other_device_mac_list=['aa:bb:cc:dd:ee:02'] other_device_ip_list=['10.0.0.2', 'nope'] other_device_mac=aa:bb:cc:dd:ee:03 geo_location=Berlin, Germany last_offline_status_change=2024-07-03 signature_tags=['t1'] note=x\=y password_length=6`,
		want: `{"message":"<134>1 2024-07-04T12:00:00Z coll xdome 42 EVT - CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2024-07-04T09:00:00 src_mac=aa:bb:cc:dd:ee:01 other_device_mac_list=['aa:bb:cc:dd:ee:02'] other_device_ip_list=['10.0.0.2', 'nope'] other_device_mac=aa:bb:cc:dd:ee:03 geo_location=Berlin, Germany last_offline_status_change=2024-07-03 signature_tags=['t1'] note=x\\=y password_length=6",
			"@timestamp":"2024-07-04T13:00:00Z",` + ctEv + `,` + mtObs + `,
			"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"coll","appname":"xdome","procid":"42","msgid":"EVT"}},
			"source":{"mac":"AA-BB-CC-DD-EE-01"},
			"destination":{"geo":{"name":"Berlin, Germany"}},
			"claroty":{"xdome":{"other_device":{"mac":["AA-BB-CC-DD-EE-02"],"ip":["10.0.0.2"]},
				"change":{"last_offline_status_change":"2024-07-03T04:00:00Z"},
				"threat":{"signature_tags":["t1"]},
				"unmapped":{"other_device_mac":"aa:bb:cc:dd:ee:03","note":"x=y","password_length":"6"}}},
			"related":{"ip":["10.0.0.2"]},
			"error":{"message":"other_device_ip_list: invalid IP address \"nope\""}}`,
	},
}

// TestCarries runs every case through the three entry points of its
// Parser (and, for the zero Parser, through the package functions): each
// must give exactly the expected document, byte for byte the same.
func TestCarries(t *testing.T) {
	seen := make(map[string]bool, len(carriesCases))
	for _, c := range carriesCases {
		if seen[c.name] {
			t.Errorf("duplicate case name %q", c.name)
		}
		seen[c.name] = true
	}
	dirty := Parser{KeepUnmapped: true, Location: carriesNY, NormalizeMAC: true}
	prefix := []byte(`{"index":{}}` + "\n")
	var reused Event
	for _, c := range carriesCases {
		t.Run(c.name, func(t *testing.T) {
			want := decodeJSON(t, []byte(c.want))
			line := []byte(c.line)
			p := c.p

			ev, err := p.Parse(line)
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.line, err)
			}
			viaParse, err := json.Marshal(ev)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if diff := cmp.Diff(want, decodeJSON(t, viaParse)); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", c.line, diff)
			}

			// ParseInto into an Event that holds every field of this part.
			if err := dirty.ParseInto(&reused, []byte(carriesDirty)); err != nil {
				t.Fatalf("ParseInto(dirty): %v", err)
			}
			if err := p.ParseInto(&reused, line); err != nil {
				t.Fatalf("ParseInto(%q): %v", c.line, err)
			}
			if viaInto := reused.AppendJSON(nil); !bytes.Equal(viaInto, viaParse) {
				t.Errorf("ParseInto after another line differs from Parse\n got: %s\nwant: %s", viaInto, viaParse)
			}

			viaAppend, err := p.AppendECS(bytes.Clone(prefix), line)
			if err != nil {
				t.Fatalf("AppendECS(%q): %v", c.line, err)
			}
			if !bytes.HasPrefix(viaAppend, prefix) || !bytes.Equal(viaAppend[len(prefix):], viaParse) {
				t.Errorf("AppendECS differs from Parse\n got: %s\nwant: %s%s", viaAppend, prefix, viaParse)
			}

			if string(line) != c.line {
				t.Errorf("the input was written to: %q", line)
			}
			if p != c.p {
				t.Errorf("the Parser was changed: %+v, was %+v", p, c.p)
			}

			if c.p != (Parser{}) {
				return
			}
			pev, err := Parse(line)
			if err != nil {
				t.Fatalf("package Parse(%q): %v", c.line, err)
			}
			if got, _ := json.Marshal(pev); !bytes.Equal(got, viaParse) {
				t.Errorf("package Parse differs from the zero Parser\n got: %s\nwant: %s", got, viaParse)
			}
			var into Event
			if err := ParseInto(&into, line); err != nil {
				t.Fatalf("package ParseInto(%q): %v", c.line, err)
			}
			if got := into.AppendJSON(nil); !bytes.Equal(got, viaParse) {
				t.Errorf("package ParseInto differs from the zero Parser\n got: %s\nwant: %s", got, viaParse)
			}
			got, err := AppendECS(nil, line)
			if err != nil {
				t.Fatalf("package AppendECS(%q): %v", c.line, err)
			}
			if !bytes.Equal(got, viaParse) {
				t.Errorf("package AppendECS differs from the zero Parser\n got: %s\nwant: %s", got, viaParse)
			}
		})
	}
}

// TestCarriesNotCEF: with any options, input that is not CEF is an error
// exactly as with the package functions; AppendECS leaves dst as it was
// and ParseInto leaves the Event empty.
func TestCarriesNotCEF(t *testing.T) {
	parsers := []Parser{
		{},
		{KeepUnmapped: true},
		{Location: carriesNY},
		{NormalizeMAC: true},
		{KeepUnmapped: true, Location: carriesIST, NormalizeMAC: true},
	}
	lines := []string{
		"",
		"  \r\n",
		"no marker",
		"<134>1 2022-02-06T14:18:48Z host app - - - hello|world",
		"<134>Feb  6 14:18:48 host sshd[1]: Accepted password",
		"<134>Feb  6 14:21:52 host 0|Claroty|xDome|1.0",
		"CEF:x|a|b|c|d|e|5|",
	}
	prefix := []byte("prefix")
	for _, p := range parsers {
		for _, l := range lines {
			_, want := Parse([]byte(l))
			if want == nil {
				t.Fatalf("package Parse(%q) accepts it", l)
			}
			if _, err := p.Parse([]byte(l)); err == nil || err.Error() != want.Error() {
				t.Errorf("%+v.Parse(%q) error %v, want %v", p, l, err, want)
			}
			var ev Event
			if err := p.ParseInto(&ev, []byte(carriesDirty)); err != nil {
				t.Fatal(err)
			}
			if err := p.ParseInto(&ev, []byte(l)); err == nil || err.Error() != want.Error() {
				t.Errorf("%+v.ParseInto(%q) error %v, want %v", p, l, err, want)
			}
			if got := string(ev.AppendJSON(nil)); got != "{}" {
				t.Errorf("%+v.ParseInto(%q): after an error the event is %s, want {}", p, l, got)
			}
			got, err := p.AppendECS(bytes.Clone(prefix), []byte(l))
			if err == nil || err.Error() != want.Error() {
				t.Errorf("%+v.AppendECS(%q) error %v, want %v", p, l, err, want)
			}
			if !bytes.Equal(got, prefix) {
				t.Errorf("%+v.AppendECS(%q): on error dst = %q, want it unchanged", p, l, got)
			}
		}
	}
}

// TestCarriesConcurrent shares each case's Parser between goroutines; under
// -race it shows that a Parser is read, never written, by the parse.
func TestCarriesConcurrent(t *testing.T) {
	want := make([][]byte, len(carriesCases))
	for i := range carriesCases {
		c := &carriesCases[i]
		data, err := c.p.AppendECS(nil, []byte(c.line))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want[i] = data
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ev Event
			for n := range carriesCases {
				i := (g*7 + n) % len(carriesCases)
				c := &carriesCases[i]
				if err := c.p.ParseInto(&ev, []byte(c.line)); err != nil {
					errs <- c.name + ": " + err.Error()
					return
				}
				if got := ev.AppendJSON(nil); !bytes.Equal(got, want[i]) {
					errs <- c.name + ": differs when parsed concurrently"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
