package xdome_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/cefecs/xdome"
)

// The recommended path: each line's ECS document is appended to one reused
// buffer by AppendECS and written out as NDJSON, one document per line. A
// blank line is skipped; a line that is not a CEF record is reported (on
// standard error in a real program) and skipped. examples/ndjson is this
// loop as a complete program.
func Example() {
	in := bufio.NewScanner(strings.NewReader(
		"CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 dst_ip=10.0.0.2 dst_port=502 protocol=Modbus\n" +
			"\n" +
			"CEF:0|Claroty|xDome|1.0|42\n" +
			"CEF:0|Claroty|Claroty|0.0|2|device_change_event|3|change_id=c-7 change_type=IP change_timestamp=2024-05-03T16:00:05+02:00 change_description=IP changed\n"))
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	var doc []byte // reused for every line
	for n := 1; in.Scan(); n++ {
		var err error
		doc, err = xdome.AppendECS(doc[:0], in.Bytes())
		if errors.Is(err, xdome.ErrEmpty) {
			continue
		}
		if err != nil {
			fmt.Fprintf(out, "line %d: %v\n", n, err)
			continue
		}
		doc = append(doc, '\n')
		out.Write(doc)
	}
	// Output:
	// {"message":"CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 dst_ip=10.0.0.2 dst_port=502 protocol=Modbus","event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"source":{"ip":"10.0.0.1","address":"10.0.0.1"},"destination":{"ip":"10.0.0.2","port":502,"address":"10.0.0.2"},"network":{"protocol":"Modbus"},"related":{"ip":["10.0.0.1","10.0.0.2"]}}
	// line 3: xdome: byte 26: malformed CEF header: 5 of 7 fields
	// {"message":"CEF:0|Claroty|Claroty|0.0|2|device_change_event|3|change_id=c-7 change_type=IP change_timestamp=2024-05-03T16:00:05+02:00 change_description=IP changed","@timestamp":"2024-05-03T14:00:05Z","event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":3,"reason":"IP changed"},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"claroty":{"xdome":{"change":{"id":"c-7","type":"IP","timestamp":"2024-05-03T14:00:05Z"}}}}
}

// A record from the vendor integration page becomes its ECS document.
func ExampleParse() {
	line := []byte(`CEF:0|Claroty|Industrial Device Security Platform|1.0|11111111|Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46|5|client_id=ZOLDKI0234 device_asset_id=NRLDV001 device_assignees=[] device_category=IT device_connection_type_list=['Ethernet'] device_ip_list=['1.2.3.4'] device_labels=[] device_mac_list=['fc:3f:db:0d:87:89'] device_manufacturer=HP device_model=EliteDesk 800 G2 DM 35W device_network_list=['Corporate'] device_note=None device_os=Windows 10 1607 device_site_name=Main device_subcategory=Computers device_type=PC device_uid=6162cd8a-8dc8-40b2-8a4a-e7a922862505 dst_ip=172.23.44.46 dst_mac=c8:d3:ff:9b:4f:9c dst_port=60383 event_description=Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46 event_id=11111111 event_timestamp=2022-02-06T14:21:52.873069+00:00 event_type=SMBv1 Communication msg_category=comm_event protocol=SMBv1 server_port=139 src_ip=1.2.3.4 src_mac=fc:3f:db:0d:87:89 src_port=139`)
	ev, err := xdome.Parse(line)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev.Message = "(the line above)" // shortened for this example
	doc, _ := json.MarshalIndent(ev, "", "  ")
	fmt.Println(string(doc))
	// Output:
	// {
	//   "message": "(the line above)",
	//   "@timestamp": "2022-02-06T14:21:52.873069Z",
	//   "event": {
	//     "kind": "alert",
	//     "category": [
	//       "network"
	//     ],
	//     "type": [
	//       "connection"
	//     ],
	//     "severity": 5,
	//     "reason": "Communication over SMBv1 was detected between 1.2.3.4 (PC) and 172.23.44.46",
	//     "code": "SMBv1 Communication"
	//   },
	//   "observer": {
	//     "vendor": "Claroty",
	//     "product": "Industrial Device Security Platform",
	//     "version": "1.0"
	//   },
	//   "source": {
	//     "ip": "1.2.3.4",
	//     "mac": "fc:3f:db:0d:87:89",
	//     "port": 139,
	//     "address": "1.2.3.4"
	//   },
	//   "destination": {
	//     "ip": "172.23.44.46",
	//     "mac": "c8:d3:ff:9b:4f:9c",
	//     "port": 60383,
	//     "address": "172.23.44.46"
	//   },
	//   "network": {
	//     "protocol": "SMBv1"
	//   },
	//   "host": {
	//     "mac": [
	//       "fc:3f:db:0d:87:89"
	//     ],
	//     "ip": [
	//       "1.2.3.4"
	//     ],
	//     "type": "PC",
	//     "os": {
	//       "full": "Windows 10 1607"
	//     }
	//   },
	//   "device": {
	//     "id": "NRLDV001",
	//     "manufacturer": "HP",
	//     "model": {
	//       "name": "EliteDesk 800 G2 DM 35W"
	//     }
	//   },
	//   "claroty": {
	//     "xdome": {
	//       "client_id": "ZOLDKI0234",
	//       "event_id": "11111111",
	//       "device": {
	//         "uid": "6162cd8a-8dc8-40b2-8a4a-e7a922862505",
	//         "category": "IT",
	//         "subcategory": "Computers",
	//         "site_name": "Main"
	//       }
	//     }
	//   },
	//   "related": {
	//     "ip": [
	//       "1.2.3.4",
	//       "172.23.44.46"
	//     ]
	//   }
	// }
}

// A bad value does not lose the event: the field is left out and the
// problem is recorded in error.message.
func ExampleParse_badValue() {
	ev, err := xdome.Parse([]byte("CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 src_port=abc"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Source.IP, ev.Source.Port == nil)
	fmt.Println(ev.Error.Message)
	// Output:
	// 10.0.0.1 true
	// src_port: invalid port "abc"
}

// A line that is not CEF is an error that names the problem and the place.
func ExampleParse_error() {
	_, err := xdome.Parse([]byte("CEF:0|Claroty|xDome|1.0|42"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, xdome.ErrHeader))
	var perr *xdome.ParseError
	if errors.As(err, &perr) {
		fmt.Println("offset", perr.Offset)
	}
	// Output:
	// xdome: byte 26: malformed CEF header: 5 of 7 fields
	// true
	// offset 26
}

// A hot loop reuses one Event and one output buffer: after the first line,
// each line costs one allocation (the copy that becomes ev.Message).
func ExampleParseInto() {
	lines := [][]byte{
		[]byte("<134>Feb  6 14:18:48 xdome CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 dst_ip=10.0.0.2 dst_port=502 protocol=Modbus"),
		[]byte("CEF:0|Claroty|Claroty|0.0|2|comm_event|7|username=alice src_ip=10.0.0.3"),
	}
	var ev xdome.Event
	var buf []byte
	for _, line := range lines {
		if err := xdome.ParseInto(&ev, line); err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		buf = ev.AppendJSON(buf[:0])
		buf = append(buf, '\n')
		os.Stdout.Write(buf)
	}
	// Output:
	// {"message":"\u003c134\u003eFeb  6 14:18:48 xdome CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 dst_ip=10.0.0.2 dst_port=502 protocol=Modbus","event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"xdome"}},"source":{"ip":"10.0.0.1","address":"10.0.0.1"},"destination":{"ip":"10.0.0.2","port":502,"address":"10.0.0.2"},"network":{"protocol":"Modbus"},"related":{"ip":["10.0.0.1","10.0.0.2"]}}
	// {"message":"CEF:0|Claroty|Claroty|0.0|2|comm_event|7|username=alice src_ip=10.0.0.3","event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":7},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"source":{"ip":"10.0.0.3","address":"10.0.0.3"},"user":{"name":"alice"},"related":{"ip":["10.0.0.3"],"user":["alice"]}}
}

// ParseCEF gives every key of the record, including those the ECS mapping
// does not use.
func ExampleParseCEF() {
	rec, err := xdome.ParseCEF([]byte(`CEF:0|Claroty|Claroty|0.0|7|alert_affected_device|8|alert_id=42 geo_location=New York, United States malicious_ip_tags=['botnet', 'c2']`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Name, rec.Severity)
	geo, _ := rec.Get("geo_location")
	fmt.Println(geo)
	for _, f := range rec.Extension {
		fmt.Printf("%s=%q\n", f.Key, f.Value)
	}
	// Output:
	// alert_affected_device 8
	// New York, United States
	// alert_id="42"
	// geo_location="New York, United States"
	// malicious_ip_tags="['botnet', 'c2']"
}

// AppendECS turns lines into NDJSON in one reused buffer: no Event, no
// copy of the line, no allocation once warm.
func ExampleAppendECS() {
	lines := [][]byte{
		[]byte("<134>1 2024-05-03T16:00:05Z xdome-coll-02 xdome - - - CEF:0|Claroty|Claroty|0.0|31|server_incident|8|incident_id=SI-42 status=Open server_name=xdome-coll-02"),
		[]byte("not a CEF record"),
		[]byte("CEF:0|Claroty|Claroty|0.0|9912|vulnerability_affected_device|7|vulnerability_cves=['CVE-2020-11896'] vulnerability_cvssv3_base_score=10.0"),
	}
	var out []byte
	for _, line := range lines {
		var err error
		out, err = xdome.AppendECS(out, line)
		if err != nil {
			fmt.Fprintln(os.Stdout, "skipped:", err)
			continue
		}
		out = append(out, '\n')
	}
	os.Stdout.Write(out)
	// Output:
	// skipped: xdome: byte 0: not a CEF record: no "CEF:" marker
	// {"message":"\u003c134\u003e1 2024-05-03T16:00:05Z xdome-coll-02 xdome - - - CEF:0|Claroty|Claroty|0.0|31|server_incident|8|incident_id=SI-42 status=Open server_name=xdome-coll-02","@timestamp":"2024-05-03T16:00:05Z","event":{"kind":"alert","category":["host"],"type":["info"],"severity":8},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"xdome-coll-02","appname":"xdome"}},"host":{"name":"xdome-coll-02"},"claroty":{"xdome":{"incident":{"id":"SI-42","status":"Open"}}},"related":{"hosts":["xdome-coll-02"]}}
	// {"message":"CEF:0|Claroty|Claroty|0.0|9912|vulnerability_affected_device|7|vulnerability_cves=['CVE-2020-11896'] vulnerability_cvssv3_base_score=10.0","event":{"kind":"alert","category":["vulnerability"],"type":["info"],"severity":7},"observer":{"vendor":"Claroty","product":"Claroty","version":"0.0"},"vulnerability":{"id":["CVE-2020-11896"],"enumeration":"CVE","score":{"base":10,"version":"3"},"classification":"CVSS"}}
}

// A Parser with KeepUnmapped keeps the keys that no ECS field takes under
// claroty.xdome.unmapped, a list literal as a list.
func ExampleParser() {
	p := xdome.Parser{KeepUnmapped: true}
	ev, err := p.Parse([]byte("CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_ip=10.0.0.1 password_length=6 device_labels=['ICU', 'Pumps'] device_note=None"))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range ev.Claroty.XDome.Unmapped {
		fmt.Printf("%s: %q %q\n", f.Key, f.Value, f.List)
	}
	out, _ := json.Marshal(ev.Claroty.XDome.Unmapped)
	fmt.Println(string(out))
	// Output:
	// device_labels: "" ["ICU" "Pumps"]
	// password_length: "6" []
	// {"device_labels":["ICU","Pumps"],"password_length":"6"}
}

// With a Location, times written without an offset are read as local
// times there; times with one, and epoch milliseconds, are unchanged.
func ExampleParser_location() {
	p := xdome.Parser{Location: time.FixedZone("CET", 3600)}
	ev, err := p.Parse([]byte("CEF:0|Claroty|Claroty|0.0|1|device_change_event|3|change_id=7 change_timestamp=2024-03-14 08:15:27 last_offline_status_change=2024-03-10"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.Timestamp)
	fmt.Println(ev.Claroty.XDome.Change.LastOfflineStatusChange)
	// Output:
	// 2024-03-14T07:15:27Z
	// 2024-03-09T23:00:00Z
}

// With NormalizeMAC, MAC addresses are written as ECS's pattern asks.
func ExampleParser_normalizeMAC() {
	p := xdome.Parser{NormalizeMAC: true}
	ev, err := p.Parse([]byte("CEF:0|Claroty|Claroty|0.0|1|comm_event|5|src_mac=00:50:56:94:2b:94 device_mac_list=['fc:3f:db:0d:87:89', 'unknown']"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.Source.MAC, ev.Host.MAC)
	// Output:
	// 00-50-56-94-2B-94 [FC-3F-DB-0D-87-89 unknown]
}
