package xdome

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mappingCase is one field-level mapping rule: line is handed to Parse and
// want is the whole expected ECS document, written by hand from the documented mapping.
type mappingCase struct{ name, line, want string }

// mtH is the small CEF header most cases share: vendor Claroty, product
// xDome, version 1.0, severity 5.
const mtH = "CEF:0|Claroty|xDome|1.0|1|t|5|"

// mtObs is the observer of mtH.
const mtObs = `"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}`

// mtSev builds a line whose header Severity is sev.
func mtSev(sev string) string {
	return "CEF:0|Claroty|xDome|1.0|1|t|" + sev + "|event_type=x"
}

// mappingCases are the table of TestMapping; other tests (ECS conformance)
// reuse them, so every want is a complete document.
var mappingCases = []mappingCase{
	// ---- message ----
	{
		name: "message/leading and trailing spaces trimmed",
		line: "  " + mtH + "event_type=x  ",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "message/CRLF trimmed",
		line: mtH + "event_type=x\r\n",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "message/tab and LF trimmed",
		line: "\t" + mtH + "event_type=x\n",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "message/syslog header kept",
		line: "<134>Feb  6 14:18:48 host tag: " + mtH + "event_type=x\n",
		want: `{"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host","appname":"tag"}},"message":"<134>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "message/inner spaces kept",
		line: mtH + "event_description=a  b   c \r\n",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_description=a  b   c",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"a  b   c"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},

	// ---- @timestamp ----
	{
		name: "timestamp/+00:00",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.578951+00:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.578951+00:00",
			"@timestamp":"2022-02-06T14:18:48.578951Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/+05:30 applied",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.578951+05:30",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.578951+05:30",
			"@timestamp":"2022-02-06T08:48:48.578951Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/-08:00 applied across midnight",
		line: mtH + "event_timestamp=2022-02-06T20:18:48.5-08:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T20:18:48.5-08:00",
			"@timestamp":"2022-02-07T04:18:48.500000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/-01:00 applied across new year",
		line: mtH + "event_timestamp=2021-12-31T23:30:00-01:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2021-12-31T23:30:00-01:00",
			"@timestamp":"2022-01-01T00:30:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/+0530 without colon",
		line: mtH + "event_timestamp=2022-02-06T14:18:48+0530",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48+0530",
			"@timestamp":"2022-02-06T08:48:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/-08 hours only",
		line: mtH + "event_timestamp=2022-02-06T20:18:48-08",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T20:18:48-08",
			"@timestamp":"2022-02-07T04:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/Z",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.578951Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.578951Z",
			"@timestamp":"2022-02-06T14:18:48.578951Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/no zone is UTC",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.578951",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.578951",
			"@timestamp":"2022-02-06T14:18:48.578951Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/space separator in a middle value",
		line: mtH + "event_timestamp=2022-02-06 14:18:48.578951+00:00 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06 14:18:48.578951+00:00 event_type=x",
			"@timestamp":"2022-02-06T14:18:48.578951Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/no fraction",
		line: mtH + "event_timestamp=2022-02-06T14:18:48+00:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48+00:00",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/9-digit fraction truncated",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.123456789Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.123456789Z",
			"@timestamp":"2022-02-06T14:18:48.123456Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/fraction .999999999 not rounded up",
		line: mtH + "event_timestamp=2022-02-06T23:59:59.999999999Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T23:59:59.999999999Z",
			"@timestamp":"2022-02-06T23:59:59.999999Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/fraction zero after truncation",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.0000001Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.0000001Z",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/zero fraction",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.000+00:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.000+00:00",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/3-digit fraction padded",
		line: mtH + "event_timestamp=2022-02-06T14:18:48.035+00:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2022-02-06T14:18:48.035+00:00",
			"@timestamp":"2022-02-06T14:18:48.035000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/surrounding spaces tolerated",
		line: mtH + "event_timestamp= 2022-02-06T14:18:48Z event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp= 2022-02-06T14:18:48Z event_type=x",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "timestamp/invalid",
		line: mtH + "event_timestamp=yesterday event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=yesterday event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"event_timestamp: invalid timestamp \"yesterday\""}}`,
	},
	{
		name: "timestamp/None",
		line: mtH + "event_timestamp=None event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=None event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},

	// ---- event.category / event.type ----
	{
		name: "category/username present",
		line: mtH + "username=alice",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username=alice",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"user":{"name":"alice"},
			"related":{"user":["alice"]}}`,
	},
	{
		name: "category/username absent",
		line: mtH + "event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "category/username None",
		line: mtH + "username=None event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username=None event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "category/username empty",
		line: mtH + "username= event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username= event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "category/username lower-case none is a name",
		line: mtH + "username=none",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username=none",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"user":{"name":"none"},
			"related":{"user":["none"]}}`,
	},
	{
		name: "category/change_id wins over username",
		line: mtH + "username=alice change_id=c1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username=alice change_id=c1",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"user":{"name":"alice"},
			"claroty":{"xdome":{"change":{"id":"c1"}}},
			"related":{"user":["alice"]}}`,
	},
	{
		name: "category/change_id None is no change event",
		line: mtH + "change_id=None username=alice",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_id=None username=alice",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"user":{"name":"alice"},
			"related":{"user":["alice"]}}`,
	},

	// ---- severity ----
	{
		name: "severity/0",
		line: mtSev("0"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|0|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":0,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/10",
		line: mtSev("10"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|10|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":10,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/7 with surrounding spaces",
		line: mtSev(" 7 "),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t| 7 |event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":7,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/Unknown",
		line: mtSev("Unknown"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|Unknown|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":0,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/Low",
		line: mtSev("Low"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|Low|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":3,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/medium",
		line: mtSev("medium"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|medium|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":6,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/HIGH",
		line: mtSev("HIGH"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|HIGH|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":8,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/Very-High",
		line: mtSev("Very-High"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|Very-High|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":10,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/very-high",
		line: mtSev("very-high"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|very-high|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":10,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "severity/11 invalid",
		line: mtSev("11"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|11|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"severity: invalid severity \"11\""}}`,
	},
	{
		name: "severity/-1 invalid",
		line: mtSev("-1"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|-1|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"severity: invalid severity \"-1\""}}`,
	},
	{
		name: "severity/abc invalid",
		line: mtSev("abc"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|abc|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"severity: invalid severity \"abc\""}}`,
	},

	// ---- event.reason / event.code / observer ----
	{
		name: "event/reason and code",
		line: mtH + "event_description=Plaintext password login attempt over HTTP event_type=Device Sent Plaintext Credentials",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_description=Plaintext password login attempt over HTTP event_type=Device Sent Plaintext Credentials",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,
				"reason":"Plaintext password login attempt over HTTP","code":"Device Sent Plaintext Credentials"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "event/reason keeps key-like text without a space",
		line: mtH + "event_description=see http://h/?user=admin event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_description=see http://h/?user=admin event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,
				"reason":"see http://h/?user=admin","code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "observer/header fields 2 3 4",
		line: "CEF:0|Acme Corp|Industrial Device Security Platform|2.3.4|11111111|Some name|5|event_type=x",
		want: `{"message":"CEF:0|Acme Corp|Industrial Device Security Platform|2.3.4|11111111|Some name|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Acme Corp","product":"Industrial Device Security Platform","version":"2.3.4"}}`,
	},

	// ---- source / destination ----
	{
		name: "source/ip mac port",
		line: mtH + "src_ip=1.2.3.4 src_mac=e8:98:6d:ce:1f:12 src_port=39252",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=1.2.3.4 src_mac=e8:98:6d:ce:1f:12 src_port=39252",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"1.2.3.4","mac":"e8:98:6d:ce:1f:12","port":39252,"address":"1.2.3.4"},
			"related":{"ip":["1.2.3.4"]}}`,
	},
	{
		name: "destination/ip mac port",
		line: mtH + "dst_ip=5.6.7.8 dst_mac=e8:98:6d:ce:1f:11 dst_port=80",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_ip=5.6.7.8 dst_mac=e8:98:6d:ce:1f:11 dst_port=80",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"5.6.7.8","mac":"e8:98:6d:ce:1f:11","port":80,"address":"5.6.7.8"},
			"related":{"ip":["5.6.7.8"]}}`,
	},
	{
		name: "port/0 present",
		line: mtH + "src_port=0 dst_port=0",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=0 dst_port=0",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"port":0},
			"destination":{"port":0}}`,
	},
	{
		name: "port/65535",
		line: mtH + "dst_port=65535",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_port=65535",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"port":65535}}`,
	},
	{
		name: "port/65536 invalid",
		line: mtH + "dst_port=65536 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_port=65536 event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"dst_port: invalid port \"65536\""}}`,
	},
	{
		name: "port/abc invalid",
		line: mtH + "src_ip=1.2.3.4 src_port=abc",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=1.2.3.4 src_port=abc",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"1.2.3.4","address":"1.2.3.4"},
			"related":{"ip":["1.2.3.4"]},
			"error":{"message":"src_port: invalid port \"abc\""}}`,
	},
	{
		name: "port/-1 invalid",
		line: mtH + "src_port=-1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=-1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"src_port: invalid port \"-1\""}}`,
	},
	{
		name: "port/value with a quote is quoted like %q",
		line: mtH + `src_port=8"0`,
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=8\"0",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"src_port: invalid port \"8\\\"0\""}}`,
	},
	{
		name: "port/surrounding spaces tolerated",
		line: mtH + "src_port= 80 dst_port=443 ",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port= 80 dst_port=443",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"port":80},
			"destination":{"port":443}}`,
	},
	{
		name: "ip/IPv6 source and destination",
		line: mtH + "src_ip=fe80::1 dst_ip=2001:db8::1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=fe80::1 dst_ip=2001:db8::1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"fe80::1","address":"fe80::1"},
			"destination":{"ip":"2001:db8::1","address":"2001:db8::1"},
			"related":{"ip":["2001:db8::1","fe80::1"]}}`,
	},
	{
		name: "ip/invalid src_ip leaves ip and address out",
		line: mtH + "src_ip=1.2.3 src_mac=aa:bb:cc:dd:ee:ff src_port=80",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=1.2.3 src_mac=aa:bb:cc:dd:ee:ff src_port=80",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"mac":"aa:bb:cc:dd:ee:ff","port":80},
			"error":{"message":"src_ip: invalid IP address \"1.2.3\""}}`,
	},
	{
		name: "ip/IPv6 zone refused (no place for it in an ECS ip field)",
		line: mtH + "src_ip=fe80::1%eth0 device_ip_list=['fe80::3%x', '10.0.0.1']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=fe80::1%eth0 device_ip_list=['fe80::3%x', '10.0.0.1']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"host":{"ip":["10.0.0.1"]},
			"related":{"ip":["10.0.0.1"]},
			"error":{"message":"src_ip: invalid IP address \"fe80::1%eth0\"; device_ip_list: invalid IP address \"fe80::3%x\""}}`,
	},
	{
		name: "ip/invalid dst_ip leaves ip and address out",
		line: mtH + "dst_ip=999.1.1.1 dst_port=80",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_ip=999.1.1.1 dst_port=80",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"port":80},
			"error":{"message":"dst_ip: invalid IP address \"999.1.1.1\""}}`,
	},
	{
		name: "ip/surrounding spaces tolerated",
		line: mtH + "src_ip= 1.2.3.4 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip= 1.2.3.4 event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"1.2.3.4","address":"1.2.3.4"},
			"related":{"ip":["1.2.3.4"]}}`,
	},

	// ---- destination.domain and its decomposition ----
	{
		name: "domain/nrldv001.prod.example.com",
		line: mtH + "domain=nrldv001.prod.example.com",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=nrldv001.prod.example.com",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"nrldv001.prod.example.com","address":"nrldv001.prod.example.com",
				"registered_domain":"example.com","subdomain":"nrldv001.prod","top_level_domain":"com"},
			"related":{"hosts":["nrldv001.prod.example.com"]}}`,
	},
	{
		name: "domain/co.uk suffix",
		line: mtH + "domain=hmi.plant.example.co.uk",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=hmi.plant.example.co.uk",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"hmi.plant.example.co.uk","address":"hmi.plant.example.co.uk",
				"registered_domain":"example.co.uk","subdomain":"hmi.plant","top_level_domain":"co.uk"},
			"related":{"hosts":["hmi.plant.example.co.uk"]}}`,
	},
	{
		name: "domain/private suffix ignored",
		line: mtH + "domain=dtest.cloudfront.net",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=dtest.cloudfront.net",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"dtest.cloudfront.net","address":"dtest.cloudfront.net",
				"registered_domain":"cloudfront.net","subdomain":"dtest","top_level_domain":"net"},
			"related":{"hosts":["dtest.cloudfront.net"]}}`,
	},
	{
		name: "domain/com is only a top-level domain",
		line: mtH + "domain=com",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=com",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"com","address":"com","top_level_domain":"com"},
			"related":{"hosts":["com"]}}`,
	},
	{
		name: "domain/co.uk is only a top-level domain",
		line: mtH + "domain=co.uk",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=co.uk",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"co.uk","address":"co.uk","top_level_domain":"co.uk"},
			"related":{"hosts":["co.uk"]}}`,
	},
	{
		name: "domain/localhost not decomposed",
		line: mtH + "domain=localhost",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=localhost",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"localhost","address":"localhost"},
			"related":{"hosts":["localhost"]}}`,
	},
	{
		name: "domain/non-ICANN last label not decomposed",
		line: mtH + "domain=plc01.plant.local",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=plc01.plant.local",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"plc01.plant.local","address":"plc01.plant.local"},
			"related":{"hosts":["plc01.plant.local"]}}`,
	},
	{
		name: "domain/IPv4 not decomposed",
		line: mtH + "domain=10.1.2.3",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=10.1.2.3",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"10.1.2.3","address":"10.1.2.3"},
			"related":{"hosts":["10.1.2.3"]}}`,
	},
	{
		name: "domain/IPv6 not decomposed",
		line: mtH + "domain=2001:db8::1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=2001:db8::1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"2001:db8::1","address":"2001:db8::1"},
			"related":{"hosts":["2001:db8::1"]}}`,
	},
	{
		name: "domain/example.org has no subdomain",
		line: mtH + "domain=example.org",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=example.org",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"example.org","address":"example.org",
				"registered_domain":"example.org","top_level_domain":"org"},
			"related":{"hosts":["example.org"]}}`,
	},
	{
		name: "domain/mixed case kept",
		line: mtH + "domain=WWW.Example.COM",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=WWW.Example.COM",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"WWW.Example.COM","address":"WWW.Example.COM",
				"registered_domain":"Example.COM","subdomain":"WWW","top_level_domain":"COM"},
			"related":{"hosts":["WWW.Example.COM"]}}`,
	},
	{
		name: "domain/trailing dot ignored by the split",
		line: mtH + "domain=example.com.",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=example.com.",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"example.com.","address":"example.com.",
				"registered_domain":"example.com","top_level_domain":"com"},
			"related":{"hosts":["example.com."]}}`,
	},
	{
		name: "domain/mixed case and trailing dot",
		line: mtH + "domain=hmi.Example.CO.uk.",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=hmi.Example.CO.uk.",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"domain":"hmi.Example.CO.uk.","address":"hmi.Example.CO.uk.",
				"registered_domain":"Example.CO.uk","subdomain":"hmi","top_level_domain":"CO.uk"},
			"related":{"hosts":["hmi.Example.CO.uk."]}}`,
	},
	{
		name: "domain/None",
		line: mtH + "domain=None event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=None event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "address/domain wins over dst_ip",
		line: mtH + "dst_ip=5.6.7.8 domain=example.com",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_ip=5.6.7.8 domain=example.com",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"5.6.7.8","domain":"example.com","address":"example.com",
				"registered_domain":"example.com","top_level_domain":"com"},
			"related":{"ip":["5.6.7.8"],"hosts":["example.com"]}}`,
	},
	{
		name: "address/dst_ip when domain is None",
		line: mtH + "domain=None dst_ip=5.6.7.8",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|domain=None dst_ip=5.6.7.8",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"5.6.7.8","address":"5.6.7.8"},
			"related":{"ip":["5.6.7.8"]}}`,
	},

	// ---- user, network, host, device ----
	{
		name: "user/name",
		line: mtH + "username=john.doe",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username=john.doe",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"user":{"name":"john.doe"},
			"related":{"user":["john.doe"]}}`,
	},
	{
		name: "network/protocol with a space",
		line: mtH + "protocol=TLS 1.2",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|protocol=TLS 1.2",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"network":{"protocol":"TLS 1.2"}}`,
	},
	{
		name: "host/lists keep their order",
		line: mtH + "device_ip_list=['5.6.7.8', '1.2.3.4'] device_mac_list=['00:50:56:94:2b:94', 'e8:98:6d:ce:1f:12']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=['5.6.7.8', '1.2.3.4'] device_mac_list=['00:50:56:94:2b:94', 'e8:98:6d:ce:1f:12']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"host":{"ip":["5.6.7.8","1.2.3.4"],"mac":["00:50:56:94:2b:94","e8:98:6d:ce:1f:12"]},
			"related":{"ip":["1.2.3.4","5.6.7.8"]}}`,
	},
	{
		name: "host/empty lists absent",
		line: mtH + "device_ip_list=[] device_mac_list=[] event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=[] device_mac_list=[] event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "host/[None] lists absent",
		line: mtH + "device_ip_list=[None] device_mac_list=[None] event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=[None] device_mac_list=[None] event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "host/None entries dropped and bad IP dropped with error",
		line: mtH + "device_ip_list=['1.2.3.4', None, 'bad', '::1'] device_mac_list=[None, 'aa:bb:cc:dd:ee:ff']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=['1.2.3.4', None, 'bad', '::1'] device_mac_list=[None, 'aa:bb:cc:dd:ee:ff']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"host":{"ip":["1.2.3.4","::1"],"mac":["aa:bb:cc:dd:ee:ff"]},
			"related":{"ip":["1.2.3.4","::1"]},
			"error":{"message":"device_ip_list: invalid IP address \"bad\""}}`,
	},
	{
		name: "host/bare single values",
		line: mtH + "device_ip_list=1.2.3.4 device_mac_list=00:50:56:94:2b:94",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=1.2.3.4 device_mac_list=00:50:56:94:2b:94",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"host":{"ip":["1.2.3.4"],"mac":["00:50:56:94:2b:94"]},
			"related":{"ip":["1.2.3.4"]}}`,
	},
	{
		name: "host/double-quoted and bare entries",
		line: mtH + `device_ip_list=["1.2.3.4", 5.6.7.8] device_mac_list=["aa:bb:cc:dd:ee:ff", None]`,
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=[\"1.2.3.4\", 5.6.7.8] device_mac_list=[\"aa:bb:cc:dd:ee:ff\", None]",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"host":{"ip":["1.2.3.4","5.6.7.8"],"mac":["aa:bb:cc:dd:ee:ff"]},
			"related":{"ip":["1.2.3.4","5.6.7.8"]}}`,
	},
	{
		name: "host/bare single bad IP",
		line: mtH + "device_ip_list=bad event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=bad event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"device_ip_list: invalid IP address \"bad\""}}`,
	},
	{
		name: "host/each bad entry has a clause",
		line: mtH + "device_ip_list=['x', 'y'] event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=['x', 'y'] event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"device_ip_list: invalid IP address \"x\"; device_ip_list: invalid IP address \"y\""}}`,
	},
	{
		name: "host/type and os",
		line: mtH + "device_type=Hematology Analyzer device_os=Windows Server 2016 1607",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_type=Hematology Analyzer device_os=Windows Server 2016 1607",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"host":{"type":"Hematology Analyzer","os":{"full":"Windows Server 2016 1607"}}}`,
	},
	{
		name: "device/id manufacturer model",
		line: mtH + "device_asset_id=BWMKNUSOGU device_manufacturer=APC device_model=Smart UPS",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_asset_id=BWMKNUSOGU device_manufacturer=APC device_model=Smart UPS",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"device":{"id":"BWMKNUSOGU","manufacturer":"APC","model":{"name":"Smart UPS"}}}`,
	},

	// ---- tls ----
	{
		name: "tls/Server all fields",
		line: mtH + "certificate_C=US certificate_CN=plc.example.com certificate_L=Tel Aviv certificate_O=Acme Inc certificate_OU=OT Security certificate_ST=Center certificate_expiry_date=20160526192415Z certificate_start_date=20150527192415Z certificate_thumbprint=AF:40:01:58:A8:3F:B2:AB:3C:7A:36:67:FD:65:FA:50:6C:67:A6:59 certificate_type=Server",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_C=US certificate_CN=plc.example.com certificate_L=Tel Aviv certificate_O=Acme Inc certificate_OU=OT Security certificate_ST=Center certificate_expiry_date=20160526192415Z certificate_start_date=20150527192415Z certificate_thumbprint=AF:40:01:58:A8:3F:B2:AB:3C:7A:36:67:FD:65:FA:50:6C:67:A6:59 certificate_type=Server",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{
				"x509":{"subject":{"common_name":"plc.example.com","country":"US","locality":"Tel Aviv",
					"organization":"Acme Inc","organizational_unit":"OT Security","state_or_province":"Center"},
					"not_after":"2016-05-26T19:24:15Z","not_before":"2015-05-27T19:24:15Z"},
				"hash":{"sha1":"AF:40:01:58:A8:3F:B2:AB:3C:7A:36:67:FD:65:FA:50:6C:67:A6:59"}}},
			"related":{"hash":["AF:40:01:58:A8:3F:B2:AB:3C:7A:36:67:FD:65:FA:50:6C:67:A6:59"]}}`,
	},
	{
		name: "tls/Client all fields",
		line: mtH + "certificate_type=Client certificate_C=IL certificate_CN=hmi01 certificate_L=Haifa certificate_O=Plant certificate_OU=Line 2 certificate_ST=North certificate_expiry_date=20300101000000Z certificate_start_date=20200101000000Z certificate_thumbprint=01:02:03",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Client certificate_C=IL certificate_CN=hmi01 certificate_L=Haifa certificate_O=Plant certificate_OU=Line 2 certificate_ST=North certificate_expiry_date=20300101000000Z certificate_start_date=20200101000000Z certificate_thumbprint=01:02:03",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"client":{
				"x509":{"subject":{"common_name":"hmi01","country":"IL","locality":"Haifa",
					"organization":"Plant","organizational_unit":"Line 2","state_or_province":"North"},
					"not_after":"2030-01-01T00:00:00Z","not_before":"2020-01-01T00:00:00Z"},
				"hash":{"sha1":"01:02:03"}}},
			"related":{"hash":["01:02:03"]}}`,
	},
	{
		name: "tls/certificate_type client lower case",
		line: mtH + "certificate_type=client certificate_CN=hmi01",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=client certificate_CN=hmi01",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"client":{"x509":{"subject":{"common_name":"hmi01"}}}}}`,
	},
	{
		name: "tls/certificate_type SERVER upper case",
		line: mtH + "certificate_type=SERVER certificate_CN=plc01",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=SERVER certificate_CN=plc01",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{"x509":{"subject":{"common_name":"plc01"}}}}}`,
	},
	{
		name: "tls/no certificate_type no tls",
		line: mtH + "certificate_CN=plc01 certificate_expiry_date=20160526192415Z certificate_thumbprint=AB:CD",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_CN=plc01 certificate_expiry_date=20160526192415Z certificate_thumbprint=AB:CD",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "tls/certificate_type Other no tls",
		line: mtH + "certificate_type=Other certificate_CN=plc01 certificate_thumbprint=AB:CD",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Other certificate_CN=plc01 certificate_thumbprint=AB:CD",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "tls/certificate_type None no tls",
		line: mtH + "certificate_type=None certificate_CN=plc01",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=None certificate_CN=plc01",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "tls/certificate_type alone gives no tls",
		line: mtH + "certificate_type=Server",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "tls/None fields absent",
		line: mtH + "certificate_C=None certificate_CN=plc01 certificate_L=None certificate_O=None certificate_OU=None certificate_ST=None certificate_expiry_date=None certificate_start_date=None certificate_thumbprint=None certificate_type=Server",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_C=None certificate_CN=plc01 certificate_L=None certificate_O=None certificate_OU=None certificate_ST=None certificate_expiry_date=None certificate_start_date=None certificate_thumbprint=None certificate_type=Server",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{"x509":{"subject":{"common_name":"plc01"}}}}}`,
	},
	{
		name: "tls/UTCTime dates",
		line: mtH + "certificate_type=Server certificate_expiry_date=160526192415Z certificate_start_date=991231235959Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server certificate_expiry_date=160526192415Z certificate_start_date=991231235959Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{"x509":{"not_after":"2016-05-26T19:24:15Z","not_before":"1999-12-31T23:59:59Z"}}}}`,
	},
	{
		name: "tls/UTCTime century pivot 49 and 50",
		line: mtH + "certificate_type=Server certificate_expiry_date=491231235959Z certificate_start_date=500101000000Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server certificate_expiry_date=491231235959Z certificate_start_date=500101000000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{"x509":{"not_after":"2049-12-31T23:59:59Z","not_before":"1950-01-01T00:00:00Z"}}}}`,
	},
	{
		name: "tls/GeneralizedTime offset and fraction",
		line: mtH + "certificate_type=Server certificate_expiry_date=20160526192415+0200 certificate_start_date=20150527192415.5Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server certificate_expiry_date=20160526192415+0200 certificate_start_date=20150527192415.5Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{"x509":{"not_after":"2016-05-26T17:24:15Z","not_before":"2015-05-27T19:24:15.500000Z"}}}}`,
	},
	{
		name: "tls/ISO 8601 dates accepted",
		line: mtH + "certificate_type=Client certificate_expiry_date=2016-05-26T19:24:15+00:00 certificate_start_date=2015-05-27 21:24:15+02:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Client certificate_expiry_date=2016-05-26T19:24:15+00:00 certificate_start_date=2015-05-27 21:24:15+02:00",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"client":{"x509":{"not_after":"2016-05-26T19:24:15Z","not_before":"2015-05-27T19:24:15Z"}}}}`,
	},
	{
		name: "tls/bad date",
		line: mtH + "certificate_type=Server certificate_CN=plc01 certificate_expiry_date=x certificate_start_date=20150527192415Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server certificate_CN=plc01 certificate_expiry_date=x certificate_start_date=20150527192415Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"tls":{"server":{"x509":{"subject":{"common_name":"plc01"},"not_before":"2015-05-27T19:24:15Z"}}},
			"error":{"message":"certificate_expiry_date: invalid date \"x\""}}`,
	},
	{
		name: "tls/bad date without certificate_type still recorded",
		line: mtH + "certificate_start_date=2015 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_start_date=2015 event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"certificate_start_date: invalid date \"2015\""}}`,
	},

	// ---- claroty.xdome ----
	{
		name: "claroty/client sender event ids",
		line: mtH + "client_id=ZOLDKI0234 sender_id=NRLDV001 event_id=11111111",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|client_id=ZOLDKI0234 sender_id=NRLDV001 event_id=11111111",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"client_id":"ZOLDKI0234","sender_id":"NRLDV001","event_id":"11111111"}}}`,
	},
	{
		name: "claroty/device fields",
		line: mtH + "device_uid=2bad8dfb-0bf8-4dcc-87c6-a669c8a30933 device_category=IoT device_subcategory=Facilities device_site_name=Main Site device_type_family=Uninterruptible Power Supply",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_uid=2bad8dfb-0bf8-4dcc-87c6-a669c8a30933 device_category=IoT device_subcategory=Facilities device_site_name=Main Site device_type_family=Uninterruptible Power Supply",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"device":{"uid":"2bad8dfb-0bf8-4dcc-87c6-a669c8a30933","category":"IoT",
				"subcategory":"Facilities","site_name":"Main Site","type_family":"Uninterruptible Power Supply"}}}}`,
	},

	// ---- external_ip ----
	{
		name: "external_ip/dst_ip absent",
		line: mtH + "external_ip=8.8.8.8",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|external_ip=8.8.8.8",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"8.8.8.8","address":"8.8.8.8"},
			"related":{"ip":["8.8.8.8"]}}`,
	},
	{
		name: "external_ip/dst_ip None",
		line: mtH + "dst_ip=None external_ip=8.8.8.8",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_ip=None external_ip=8.8.8.8",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"8.8.8.8","address":"8.8.8.8"},
			"related":{"ip":["8.8.8.8"]}}`,
	},
	{
		name: "external_ip/dst_ip invalid",
		line: mtH + "dst_ip=1.2.3 external_ip=8.8.8.8",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_ip=1.2.3 external_ip=8.8.8.8",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"8.8.8.8","address":"8.8.8.8"},
			"related":{"ip":["8.8.8.8"]},
			"error":{"message":"dst_ip: invalid IP address \"1.2.3\""}}`,
	},
	{
		name: "external_ip/valid dst_ip wins",
		line: mtH + "external_ip=8.8.8.8 dst_ip=5.6.7.8",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|external_ip=8.8.8.8 dst_ip=5.6.7.8",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"destination":{"ip":"5.6.7.8","address":"5.6.7.8"},
			"related":{"ip":["5.6.7.8"]}}`,
	},
	{
		name: "external_ip/invalid",
		line: mtH + "external_ip=bad event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|external_ip=bad event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"external_ip: invalid IP address \"bad\""}}`,
	},
	{
		name: "external_ip/both invalid in input order",
		line: mtH + "external_ip=bad dst_ip=1.2.3 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|external_ip=bad dst_ip=1.2.3 event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"external_ip: invalid IP address \"bad\"; dst_ip: invalid IP address \"1.2.3\""}}`,
	},

	// ---- claroty.xdome.alert ----
	{
		name: "alert/id from alert_id first",
		line: mtH + "event_alert_id=3 change_alert_id=2 alert_id=1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_alert_id=3 change_alert_id=2 alert_id=1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"id":"1"}}}}`,
	},
	{
		name: "alert/id from change_alert_id second",
		line: mtH + "event_alert_id=3 change_alert_id=2",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_alert_id=3 change_alert_id=2",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"id":"2"}}}}`,
	},
	{
		name: "alert/id from event_alert_id last",
		line: mtH + "event_alert_id=3",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_alert_id=3",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"id":"3"}}}}`,
	},
	{
		name: "alert/id None values skipped",
		line: mtH + "alert_id=None change_alert_id=None event_alert_id=3",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_id=None change_alert_id=None event_alert_id=3",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"id":"3"}}}}`,
	},
	{
		name: "alert/type from alert_type_name first",
		line: mtH + "alert_type=12 alert_type_name=Outdated Firmware",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_type=12 alert_type_name=Outdated Firmware",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"type":"Outdated Firmware"}}}}`,
	},
	{
		name: "alert/type from alert_type",
		line: mtH + "alert_type_name=None alert_type=Outdated Firmware",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_type_name=None alert_type=Outdated Firmware",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"type":"Outdated Firmware"}}}}`,
	},
	{
		name: "alert/name category description",
		line: "CEF:0|Claroty|xDome|1.0|1|alert_affected_device|5|alert_id=42 alert_name=Risky Device alert_category=Risk alert_description=A device with known CVEs was seen",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|alert_affected_device|5|alert_id=42 alert_name=Risky Device alert_category=Risk alert_description=A device with known CVEs was seen",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"A device with known CVEs was seen"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"alert":{"id":"42","name":"Risky Device","category":"Risk",
				"description":"A device with known CVEs was seen"}}}}`,
	},

	// ---- claroty.xdome.malicious_ip ----
	{
		name: "malicious_ip/all fields",
		line: mtH + "malicious_ip_confidence=High malicious_ip_severity=Critical malicious_ip_type=C2 Server malicious_ip_source=Threat Feed malicious_ip_threat_type=Botnet malicious_ip_tags=['tor']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|malicious_ip_confidence=High malicious_ip_severity=Critical malicious_ip_type=C2 Server malicious_ip_source=Threat Feed malicious_ip_threat_type=Botnet malicious_ip_tags=['tor']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"malicious_ip":{"confidence":"High","severity":"Critical","type":"C2 Server",
				"source":"Threat Feed","threat_type":"Botnet","tags":["tor"]}}}}`,
	},

	// ---- claroty.xdome.change ----
	{
		name: "change/all fields and change_description as reason",
		line: "CEF:0|Claroty|xDome|1.0|1|device_change_event|5|change_id=c1 change_type=Firmware Version change_timestamp=2022-02-06T14:18:48.578951+02:00 change_alerted_attribute=firmware_version change_description=Firmware changed from 1 to 2 event_description=Device changed",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|device_change_event|5|change_id=c1 change_type=Firmware Version change_timestamp=2022-02-06T14:18:48.578951+02:00 change_alerted_attribute=firmware_version change_description=Firmware changed from 1 to 2 event_description=Device changed",
			"@timestamp":"2022-02-06T12:18:48.578951Z",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5,"reason":"Firmware changed from 1 to 2"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"change":{"id":"c1","type":"Firmware Version","timestamp":"2022-02-06T12:18:48.578951Z",
				"alerted_attribute":"firmware_version"}}}}`,
	},
	{
		name: "change/no change_description falls back to event_description",
		line: mtH + "change_id=c1 event_description=Device changed",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_id=c1 event_description=Device changed",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5,"reason":"Device changed"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"change":{"id":"c1"}}}}`,
	},
	{
		name: "change/change_description None falls back to event_description",
		line: mtH + "change_id=c1 change_description=None event_description=Device changed",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_id=c1 change_description=None event_description=Device changed",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5,"reason":"Device changed"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"change":{"id":"c1"}}}}`,
	},
	{
		name: "change/change_description ignored without change_id",
		line: mtH + "change_description=Firmware changed event_description=Device seen",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_description=Firmware changed event_description=Device seen",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"Device seen"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "change/change_description alone without change_id",
		line: mtH + "change_description=Firmware changed",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_description=Firmware changed",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "change/timestamp without zone and 9 digits",
		line: mtH + "change_id=c1 change_timestamp=2022-02-06 14:18:48.123456789",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_id=c1 change_timestamp=2022-02-06 14:18:48.123456789",
			"@timestamp":"2022-02-06T14:18:48.123456Z",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"change":{"id":"c1","timestamp":"2022-02-06T14:18:48.123456Z"}}}}`,
	},
	{
		name: "change/timestamp invalid",
		line: mtH + "change_id=c1 change_timestamp=soon",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_id=c1 change_timestamp=soon",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"change":{"id":"c1"}}},
			"error":{"message":"change_timestamp: invalid timestamp \"soon\""}}`,
	},

	// ---- claroty.xdome.threat / file ----
	{
		name: "threat/signature fields",
		line: mtH + "signature_name=ET SCAN Nmap signature_content=alert tcp any any -> any 445 signature_confidence=High signature_severity=Critical signature_id=2001",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|signature_name=ET SCAN Nmap signature_content=alert tcp any any -> any 445 signature_confidence=High signature_severity=Critical signature_id=2001",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"claroty":{"xdome":{"threat":{"signature_name":"ET SCAN Nmap","signature_content":"alert tcp any any -> any 445",
				"signature_confidence":"High","signature_severity":"Critical","signature_id":"2001"}}}}`,
	},
	{
		name: "file/name and type",
		line: mtH + "file_name=firmware v2.bin file_type=Binary",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|file_name=firmware v2.bin file_type=Binary",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"file":{"name":"firmware v2.bin","type":"Binary"}}`,
	},

	// ---- related ----
	{
		name: "related/ip unique and byte-sorted",
		line: mtH + "src_ip=10.0.0.1 dst_ip=9.0.0.1 device_ip_list=['9.0.0.1', '1.2.3.4', '10.0.0.1']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.1 dst_ip=9.0.0.1 device_ip_list=['9.0.0.1', '1.2.3.4', '10.0.0.1']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"destination":{"ip":"9.0.0.1","address":"9.0.0.1"},
			"host":{"ip":["9.0.0.1","1.2.3.4","10.0.0.1"]},
			"related":{"ip":["1.2.3.4","10.0.0.1","9.0.0.1"]}}`,
	},
	{
		name: "related/same IP everywhere once",
		line: mtH + "src_ip=1.2.3.4 dst_ip=1.2.3.4 device_ip_list=['1.2.3.4']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=1.2.3.4 dst_ip=1.2.3.4 device_ip_list=['1.2.3.4']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"1.2.3.4","address":"1.2.3.4"},
			"destination":{"ip":"1.2.3.4","address":"1.2.3.4"},
			"host":{"ip":["1.2.3.4"]},
			"related":{"ip":["1.2.3.4"]}}`,
	},
	{
		name: "related/IPv4 and IPv6 byte order",
		line: mtH + "src_ip=2001:db8::1 dst_ip=192.168.0.1 device_ip_list=['::1']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=2001:db8::1 dst_ip=192.168.0.1 device_ip_list=['::1']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"2001:db8::1","address":"2001:db8::1"},
			"destination":{"ip":"192.168.0.1","address":"192.168.0.1"},
			"host":{"ip":["::1"]},
			"related":{"ip":["192.168.0.1","2001:db8::1","::1"]}}`,
	},
	{
		name: "related/all four lists",
		line: mtH + "src_ip=5.6.7.8 dst_ip=10.0.0.1 domain=b.example.com username=zed certificate_type=Client certificate_thumbprint=FF:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=5.6.7.8 dst_ip=10.0.0.1 domain=b.example.com username=zed certificate_type=Client certificate_thumbprint=FF:00",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"5.6.7.8","address":"5.6.7.8"},
			"destination":{"ip":"10.0.0.1","domain":"b.example.com","address":"b.example.com",
				"registered_domain":"example.com","subdomain":"b","top_level_domain":"com"},
			"user":{"name":"zed"},
			"tls":{"client":{"hash":{"sha1":"FF:00"}}},
			"related":{"ip":["10.0.0.1","5.6.7.8"],"hosts":["b.example.com"],"user":["zed"],"hash":["FF:00"]}}`,
	},

	// ---- errors: several bad fields at once ----
	{
		name: "errors/several clauses in input order, severity first",
		line: "CEF:0|Claroty|xDome|1.0|1|t|abc|event_timestamp=yesterday src_port=x dst_ip=1.2.3 device_ip_list=['1.2.3.4', 'bad'] certificate_start_date=x dst_port=99999 src_ip=9.9.9.9",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|abc|event_timestamp=yesterday src_port=x dst_ip=1.2.3 device_ip_list=['1.2.3.4', 'bad'] certificate_start_date=x dst_port=99999 src_ip=9.9.9.9",
			"event":{"kind":"alert","category":["network"],"type":["connection"]},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"ip":"9.9.9.9","address":"9.9.9.9"},
			"host":{"ip":["1.2.3.4"]},
			"related":{"ip":["1.2.3.4","9.9.9.9"]},
			"error":{"message":"severity: invalid severity \"abc\"; event_timestamp: invalid timestamp \"yesterday\"; src_port: invalid port \"x\"; dst_ip: invalid IP address \"1.2.3\"; device_ip_list: invalid IP address \"bad\"; certificate_start_date: invalid date \"x\"; dst_port: invalid port \"99999\""}}`,
	},
	{
		name: "errors/input order not alphabetical",
		line: mtH + "src_port=p2 change_timestamp=t dst_port=p1 certificate_expiry_date=d",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=p2 change_timestamp=t dst_port=p1 certificate_expiry_date=d",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"error":{"message":"src_port: invalid port \"p2\"; change_timestamp: invalid timestamp \"t\"; dst_port: invalid port \"p1\"; certificate_expiry_date: invalid date \"d\""}}`,
	},

	// ---- None in every kind of field ----
	{
		name: "none/every mapped key",
		line: mtH + "event_timestamp=None event_description=None event_type=None src_ip=None src_mac=None src_port=None dst_ip=None dst_mac=None dst_port=None domain=None username=None protocol=None device_ip_list=None device_mac_list=None device_type=None device_os=None device_asset_id=None device_manufacturer=None device_model=None client_id=None sender_id=None event_id=None device_uid=None device_category=None device_subcategory=None device_site_name=None device_type_family=None external_ip=None",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=None event_description=None event_type=None src_ip=None src_mac=None src_port=None dst_ip=None dst_mac=None dst_port=None domain=None username=None protocol=None device_ip_list=None device_mac_list=None device_type=None device_os=None device_asset_id=None device_manufacturer=None device_model=None client_id=None sender_id=None event_id=None device_uid=None device_category=None device_subcategory=None device_site_name=None device_type_family=None external_ip=None",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "none/every catalogue key",
		line: mtH + "alert_id=None change_alert_id=None event_alert_id=None alert_type_name=None alert_type=None alert_name=None alert_category=None alert_description=None malicious_ip_confidence=None malicious_ip_severity=None malicious_ip_type=None malicious_ip_source=None malicious_ip_threat_type=None change_id=None change_type=None change_timestamp=None change_alerted_attribute=None change_description=None signature_name=None signature_content=None signature_confidence=None signature_severity=None file_name=None file_type=None",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_id=None change_alert_id=None event_alert_id=None alert_type_name=None alert_type=None alert_name=None alert_category=None alert_description=None malicious_ip_confidence=None malicious_ip_severity=None malicious_ip_type=None malicious_ip_source=None malicious_ip_threat_type=None change_id=None change_type=None change_timestamp=None change_alerted_attribute=None change_description=None signature_name=None signature_content=None signature_confidence=None signature_severity=None file_name=None file_type=None",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	{
		name: "none/every certificate key with a side",
		line: mtH + "certificate_C=None certificate_CN=None certificate_L=None certificate_O=None certificate_OU=None certificate_ST=None certificate_expiry_date=None certificate_start_date=None certificate_thumbprint=None certificate_type=Client",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_C=None certificate_CN=None certificate_L=None certificate_O=None certificate_OU=None certificate_ST=None certificate_expiry_date=None certificate_start_date=None certificate_thumbprint=None certificate_type=Client",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},

	// ---- duplicate keys ----
	{
		name: "duplicate/last occurrence wins",
		line: mtH + "src_port=1 username=a src_port=2 username=b",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=1 username=a src_port=2 username=b",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"},
			"source":{"port":2},
			"user":{"name":"b"},
			"related":{"user":["b"]}}`,
	},
	{
		name: "duplicate/last None wins",
		line: mtH + "username=alice username=None",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|username=alice username=None",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},

	// ---- unmapped keys ----
	{
		name: "unmapped/keys do not appear",
		line: mtH + "geo_location=US server_port=abc msg_category=comm_event other_device_ip=1.2.3.4 other_device_mac=aa:bb:cc:dd:ee:ff password_length=6 device_note=note device_assignees=['bob'] device_labels=['x'] device_network_list=['Corporate'] device_connection_type_list=['Ethernet'] ad.custom=1 event_type=x",
		want: `{"destination":{"geo":{"name":"US"}},"message":"CEF:0|Claroty|xDome|1.0|1|t|5|geo_location=US server_port=abc msg_category=comm_event other_device_ip=1.2.3.4 other_device_mac=aa:bb:cc:dd:ee:ff password_length=6 device_note=note device_assignees=['bob'] device_labels=['x'] device_network_list=['Corporate'] device_connection_type_list=['Ethernet'] ad.custom=1 event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},
			"observer":{"vendor":"Claroty","product":"xDome","version":"1.0"}}`,
	},
	// ==== Every kind of record xDome sends ====

	// ---- the record kind ----
	{
		name: "kind/msg_category vulnerability_affected_device",
		line: mtH + "msg_category=vulnerability_affected_device vulnerability_name=Ripple20",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|msg_category=vulnerability_affected_device vulnerability_name=Ripple20",
			"event":{"kind":"alert","category":["vulnerability"],"type":["info"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"vulnerability":{"name":"Ripple20"}}}}`,
	},
	{
		name: "kind/header Name vulnerability_affected_device beats the username rule",
		line: "CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|username=bob",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|username=bob",
			"event":{"kind":"alert","category":["vulnerability"],"type":["info"],"severity":5},` + mtObs + `,
			"user":{"name":"bob"},"related":{"user":["bob"]}}`,
	},
	{
		name: "kind/server_incident maps its keys",
		line: mtH + "msg_category=server_incident server_name=xdome-coll-01 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|msg_category=server_incident server_name=xdome-coll-01 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring",
			"event":{"kind":"alert","category":["host"],"type":["info"],"severity":5},` + mtObs + `,
			"host":{"name":"xdome-coll-01"},
			"claroty":{"xdome":{"incident":{"id":"INC-7","status":"Open","location":"Rack 4","updated_by":"admin",
				"interface":{"name":"eth1","type":"Monitoring"}}}},
			"related":{"hosts":["xdome-coll-01"]}}`,
	},
	{
		name: "kind/incident keys are ignored on other kinds",
		line: mtH + "server_name=s1 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|server_name=s1 incident_id=INC-7 status=Open location=Rack 4 updated_by=admin interface_name=eth1 interface_type=Monitoring event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},
	{
		name: "kind/header Name server_incident",
		line: "CEF:0|Claroty|xDome|1.0|1|server_incident|5|status=Open",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|server_incident|5|status=Open",
			"event":{"kind":"alert","category":["host"],"type":["info"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"incident":{"status":"Open"}}}}`,
	},
	{
		name: "kind/msg_category wins over the header Name",
		line: "CEF:0|Claroty|xDome|1.0|1|server_incident|5|msg_category=comm_event status=Open",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|server_incident|5|msg_category=comm_event status=Open",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "kind/msg_category after the keys still decides",
		line: "CEF:0|Claroty|xDome|1.0|1|t|5|status=Open server_name=s1 msg_category=server_incident",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|status=Open server_name=s1 msg_category=server_incident",
			"event":{"kind":"alert","category":["host"],"type":["info"],"severity":5},` + mtObs + `,
			"host":{"name":"s1"},"claroty":{"xdome":{"incident":{"status":"Open"}}},"related":{"hosts":["s1"]}}`,
	},
	{
		name: "kind/an unknown msg_category falls back to the header Name",
		line: "CEF:0|Claroty|xDome|1.0|1|server_incident|5|msg_category=something_new status=Open",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|server_incident|5|msg_category=something_new status=Open",
			"event":{"kind":"alert","category":["host"],"type":["info"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"incident":{"status":"Open"}}}}`,
	},
	{
		name: "kind/change_id makes a change of any kind",
		line: mtH + "msg_category=vulnerability_affected_device change_id=c1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|msg_category=vulnerability_affected_device change_id=c1",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"change":{"id":"c1"}}}}`,
	},
	{
		name: "kind/device_change_event without change_id",
		line: "CEF:0|Claroty|xDome|1.0|1|device_change_event|5|change_description=Went offline event_description=Device changed",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|device_change_event|5|change_description=Went offline event_description=Device changed",
			"event":{"kind":"alert","category":["configuration"],"type":["change"],"severity":5,"reason":"Went offline"},` + mtObs + `}`,
	},
	{
		name: "kind/alert with a user is authentication",
		line: mtH + "msg_category=alert_affected_device username=bob",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|msg_category=alert_affected_device username=bob",
			"event":{"kind":"alert","category":["authentication"],"type":["info"],"severity":5},` + mtObs + `,
			"user":{"name":"bob"},"related":{"user":["bob"]}}`,
	},
	{
		name: "kind/Medigate vendor maps the same",
		line: "CEF:0|Medigate|Medical Device Security Platform|2.1|7|alert_affected_device|6|alert_id=9 src_ip=10.0.0.1",
		want: `{"message":"CEF:0|Medigate|Medical Device Security Platform|2.1|7|alert_affected_device|6|alert_id=9 src_ip=10.0.0.1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":6},
			"observer":{"vendor":"Medigate","product":"Medical Device Security Platform","version":"2.1"},
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"claroty":{"xdome":{"alert":{"id":"9"}}},"related":{"ip":["10.0.0.1"]}}`,
	},

	// ---- @timestamp: the chain ----
	{
		name: "timestamp/alert_timestamp",
		line: mtH + "alert_timestamp=2024-01-26T12:53:33.035+00:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_timestamp=2024-01-26T12:53:33.035+00:00",
			"@timestamp":"2024-01-26T12:53:33.035000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "timestamp/timestamp key",
		line: mtH + "timestamp=2024-01-26 12:53:33",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|timestamp=2024-01-26 12:53:33",
			"@timestamp":"2024-01-26T12:53:33Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "timestamp/event_timestamp before alert_timestamp, written after",
		line: mtH + "alert_timestamp=2024-01-01T00:00:00Z event_timestamp=2024-02-02T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_timestamp=2024-01-01T00:00:00Z event_timestamp=2024-02-02T00:00:00Z",
			"@timestamp":"2024-02-02T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "timestamp/event_timestamp before alert_timestamp, written before",
		line: mtH + "event_timestamp=2024-02-02T00:00:00Z alert_timestamp=2024-01-01T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2024-02-02T00:00:00Z alert_timestamp=2024-01-01T00:00:00Z",
			"@timestamp":"2024-02-02T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "timestamp/a bad event_timestamp is recorded and alert_timestamp used",
		line: mtH + "event_timestamp=yesterday alert_timestamp=2024-01-01T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=yesterday alert_timestamp=2024-01-01T00:00:00Z",
			"@timestamp":"2024-01-01T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"event_timestamp: invalid timestamp \"yesterday\""}}`,
	},
	{
		name: "timestamp/a bad alert_timestamp is recorded",
		line: mtH + "alert_timestamp=2024-02-30T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_timestamp=2024-02-30T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"alert_timestamp: invalid timestamp \"2024-02-30T00:00:00Z\""}}`,
	},
	{
		name: "timestamp/a bad later key is recorded though an earlier one is used",
		line: mtH + "event_timestamp=2024-02-02T00:00:00Z timestamp=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2024-02-02T00:00:00Z timestamp=x",
			"@timestamp":"2024-02-02T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"timestamp: invalid timestamp \"x\""}}`,
	},
	{
		name: "timestamp/change_timestamp before timestamp and rt",
		line: mtH + "rt=1700000000000 timestamp=2024-03-03T00:00:00Z change_timestamp=2024-04-04T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=1700000000000 timestamp=2024-03-03T00:00:00Z change_timestamp=2024-04-04T00:00:00Z",
			"@timestamp":"2024-04-04T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"change":{"timestamp":"2024-04-04T00:00:00Z"}}}}`,
	},
	{
		name: "timestamp/timestamp before rt",
		line: mtH + "rt=1700000000000 timestamp=2024-03-03T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=1700000000000 timestamp=2024-03-03T00:00:00Z",
			"@timestamp":"2024-03-03T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "timestamp/RFC 5424 header time as the last resort",
		line: "<134>1 2022-02-06T16:18:48.5+02:00 host app - - - " + mtH + "event_type=x",
		want: `{"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app"}},"message":"<134>1 2022-02-06T16:18:48.5+02:00 host app - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"@timestamp":"2022-02-06T14:18:48.500000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},
	{
		name: "timestamp/RFC 5424 header time loses to rt",
		line: "<134>1 2022-02-06T16:18:48Z host app - - - " + mtH + "rt=1700000000000",
		want: `{"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app"}},"message":"<134>1 2022-02-06T16:18:48Z host app - - - CEF:0|Claroty|xDome|1.0|1|t|5|rt=1700000000000",
			"@timestamp":"2023-11-14T22:13:20Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "timestamp/RFC 5424 nil time gives none",
		line: "<134>1 - host app - - - " + mtH + "event_type=x",
		want: `{"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"version":"1","hostname":"host","appname":"app"}},"message":"<134>1 - host app - - - CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},
	{
		name: "timestamp/RFC 3164 header time is never used",
		line: "<134>Feb  6 14:18:48 host tag: " + mtH + "event_type=x",
		want: `{"log":{"syslog":{"priority":134,"facility":{"code":16},"severity":{"code":6},"hostname":"host","appname":"tag"}},"message":"<134>Feb  6 14:18:48 host tag: CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},
	{
		name: "timestamp/year 1 is kept",
		line: mtH + "event_timestamp=0001-01-01T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=0001-01-01T00:00:00Z",
			"@timestamp":"0001-01-01T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},

	// ---- rt, the standard receipt time ----
	{
		name: "rt/epoch milliseconds",
		line: mtH + "rt=1644157128578",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=1644157128578",
			"@timestamp":"2022-02-06T14:18:48.578000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/ISO 8601",
		line: mtH + "rt=2022-02-06T16:18:48.578+02:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=2022-02-06T16:18:48.578+02:00",
			"@timestamp":"2022-02-06T14:18:48.578000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/MMM dd yyyy HH:mm:ss without zone is UTC",
		line: mtH + "rt=Feb 06 2022 14:18:48",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 14:18:48",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/MMM dd yyyy HH:mm:ss.SSS UTC",
		line: mtH + "rt=Feb 06 2022 14:18:48.578 UTC",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 14:18:48.578 UTC",
			"@timestamp":"2022-02-06T14:18:48.578000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/GMT",
		line: mtH + "rt=Dec 31 2023 23:59:59 GMT",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Dec 31 2023 23:59:59 GMT",
			"@timestamp":"2023-12-31T23:59:59Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/Z",
		line: mtH + "rt=Jan 01 2024 00:00:00 Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Jan 01 2024 00:00:00 Z",
			"@timestamp":"2024-01-01T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/numeric offset with colon",
		line: mtH + "rt=Feb 06 2022 16:18:48.5 +02:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 16:18:48.5 +02:00",
			"@timestamp":"2022-02-06T14:18:48.500000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/numeric offset without colon, across midnight",
		line: mtH + "rt=Dec 31 2023 21:00:00 -0500",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Dec 31 2023 21:00:00 -0500",
			"@timestamp":"2024-01-01T02:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/one-digit day and lower-case month",
		line: mtH + "rt=feb 6 2022 14:18:48",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=feb 6 2022 14:18:48",
			"@timestamp":"2022-02-06T14:18:48Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/impossible date recorded",
		line: mtH + "rt=Feb 30 2022 14:18:48",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 30 2022 14:18:48",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"rt: invalid timestamp \"Feb 30 2022 14:18:48\""}}`,
	},
	{
		name: "rt/a lower-case z is not a zone",
		line: mtH + "rt=Feb 06 2022 14:18:48 z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 14:18:48 z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"rt: invalid timestamp \"Feb 06 2022 14:18:48 z\""}}`,
	},
	{
		name: "rt/named zone other than UTC GMT Z recorded",
		line: mtH + "rt=Feb 06 2022 14:18:48 CET",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=Feb 06 2022 14:18:48 CET",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"rt: invalid timestamp \"Feb 06 2022 14:18:48 CET\""}}`,
	},
	{
		name: "rt/epoch past year 9999 recorded",
		line: mtH + "rt=253402300800000",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=253402300800000",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"rt: invalid timestamp \"253402300800000\""}}`,
	},
	{
		name: "rt/loses to event_timestamp written after it",
		line: mtH + "rt=1644157128578 event_timestamp=2024-01-01T00:00:00Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|rt=1644157128578 event_timestamp=2024-01-01T00:00:00Z",
			"@timestamp":"2024-01-01T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/loses to event_timestamp written before it",
		line: mtH + "event_timestamp=2024-01-01T00:00:00Z rt=1644157128578",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=2024-01-01T00:00:00Z rt=1644157128578",
			"@timestamp":"2024-01-01T00:00:00Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},
	{
		name: "rt/used when event_timestamp is None",
		line: mtH + "event_timestamp=None rt=1644157128578",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_timestamp=None rt=1644157128578",
			"@timestamp":"2022-02-06T14:18:48.578000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `}`,
	},

	// ---- event.reason: the chain ----
	{
		name: "reason/event_description before alert_description",
		line: mtH + "alert_description=A event_description=E",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_description=A event_description=E",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"E"},` + mtObs + `,
			"claroty":{"xdome":{"alert":{"description":"A"}}}}`,
	},
	{
		name: "reason/alert_description before vulnerability_description",
		line: mtH + "vulnerability_description=V alert_description=A",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_description=V alert_description=A",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"A"},` + mtObs + `,
			"vulnerability":{"description":"V"},
			"claroty":{"xdome":{"alert":{"description":"A"}}}}`,
	},
	{
		name: "reason/vulnerability_description last",
		line: mtH + "vulnerability_description=V",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_description=V",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"V"},` + mtObs + `,
			"vulnerability":{"description":"V"}}`,
	},
	{
		name: "reason/change_description counts on change records only",
		line: mtH + "change_description=C alert_description=A",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|change_description=C alert_description=A",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"A"},` + mtObs + `,
			"claroty":{"xdome":{"alert":{"description":"A"}}}}`,
	},

	// ---- standard CEF keys ----
	{
		name: "standard/every key alone",
		line: mtH + "src=10.0.0.1 dst=10.0.0.2 spt=1234 dpt=502 smac=aa:bb:cc:dd:ee:01 dmac=aa:bb:cc:dd:ee:02 proto=TCP cat=Modbus Write",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src=10.0.0.1 dst=10.0.0.2 spt=1234 dpt=502 smac=aa:bb:cc:dd:ee:01 dmac=aa:bb:cc:dd:ee:02 proto=TCP cat=Modbus Write",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"Modbus Write"},` + mtObs + `,
			"source":{"ip":"10.0.0.1","mac":"aa:bb:cc:dd:ee:01","port":1234,"address":"10.0.0.1"},
			"destination":{"ip":"10.0.0.2","mac":"aa:bb:cc:dd:ee:02","port":502,"address":"10.0.0.2"},
			"network":{"transport":"tcp"},
			"related":{"ip":["10.0.0.1","10.0.0.2"]}}`,
	},
	{
		name: "standard/xDome keys win, written after",
		line: mtH + "src=10.0.0.1 dst=10.0.0.2 spt=1 dpt=2 smac=s dmac=d proto=UDP cat=c src_ip=192.168.0.1 dst_ip=192.168.0.2 src_port=11 dst_port=22 src_mac=S dst_mac=D ip_protocol=TCP event_type=E",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src=10.0.0.1 dst=10.0.0.2 spt=1 dpt=2 smac=s dmac=d proto=UDP cat=c src_ip=192.168.0.1 dst_ip=192.168.0.2 src_port=11 dst_port=22 src_mac=S dst_mac=D ip_protocol=TCP event_type=E",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"E"},` + mtObs + `,
			"source":{"ip":"192.168.0.1","mac":"S","port":11,"address":"192.168.0.1"},
			"destination":{"ip":"192.168.0.2","mac":"D","port":22,"address":"192.168.0.2"},
			"network":{"transport":"tcp"},
			"related":{"ip":["192.168.0.1","192.168.0.2"]}}`,
	},
	{
		name: "standard/xDome keys win, written before",
		line: mtH + "src_ip=192.168.0.1 dst_ip=192.168.0.2 src_port=11 dst_port=22 src_mac=S dst_mac=D ip_protocol=TCP event_type=E src=10.0.0.1 dst=10.0.0.2 spt=1 dpt=2 smac=s dmac=d proto=UDP cat=c",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=192.168.0.1 dst_ip=192.168.0.2 src_port=11 dst_port=22 src_mac=S dst_mac=D ip_protocol=TCP event_type=E src=10.0.0.1 dst=10.0.0.2 spt=1 dpt=2 smac=s dmac=d proto=UDP cat=c",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"E"},` + mtObs + `,
			"source":{"ip":"192.168.0.1","mac":"S","port":11,"address":"192.168.0.1"},
			"destination":{"ip":"192.168.0.2","mac":"D","port":22,"address":"192.168.0.2"},
			"network":{"transport":"tcp"},
			"related":{"ip":["192.168.0.1","192.168.0.2"]}}`,
	},
	{
		name: "standard/used when the xDome key is None",
		line: mtH + "src_ip=None src=10.0.0.1 dst_port=None dpt=80 event_type=None cat=c src_mac=None smac=m",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=None src=10.0.0.1 dst_port=None dpt=80 event_type=None cat=c src_mac=None smac=m",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"c"},` + mtObs + `,
			"source":{"ip":"10.0.0.1","mac":"m","address":"10.0.0.1"},
			"destination":{"port":80},
			"related":{"ip":["10.0.0.1"]}}`,
	},
	{
		name: "standard/used when the xDome key is invalid, which is recorded",
		line: mtH + "src_ip=10.0.0.999 src=10.0.0.1 dst_port=http dpt=80",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.999 src=10.0.0.1 dst_port=http dpt=80",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"destination":{"port":80},
			"error":{"message":"src_ip: invalid IP address \"10.0.0.999\"; dst_port: invalid port \"http\""},
			"related":{"ip":["10.0.0.1"]}}`,
	},
	{
		name: "standard/a later None of the xDome key gives way to the standard key",
		line: mtH + "src_ip=192.168.0.1 src=10.0.0.1 src_ip=None",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=192.168.0.1 src=10.0.0.1 src_ip=None",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"related":{"ip":["10.0.0.1"]}}`,
	},
	{
		name: "standard/external_ip before dst",
		line: mtH + "dst=10.0.0.2 external_ip=203.0.113.9",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst=10.0.0.2 external_ip=203.0.113.9",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"destination":{"ip":"203.0.113.9","address":"203.0.113.9"},
			"related":{"ip":["203.0.113.9"]}}`,
	},
	{
		name: "standard/dst when dst_ip and external_ip are invalid",
		line: mtH + "dst_ip=x external_ip=y dst=2001:DB8::1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst_ip=x external_ip=y dst=2001:DB8::1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"destination":{"ip":"2001:db8::1","address":"2001:db8::1"},
			"error":{"message":"dst_ip: invalid IP address \"x\"; external_ip: invalid IP address \"y\""},
			"related":{"ip":["2001:db8::1"]}}`,
	},
	{
		name: "standard/bad dst and dpt are recorded",
		line: mtH + "dst=10.0.0.300 dpt=-1 smac=None",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|dst=10.0.0.300 dpt=-1 smac=None",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"dst: invalid IP address \"10.0.0.300\"; dpt: invalid port \"-1\""}}`,
	},
	{
		name: "standard/bad standard values are recorded",
		line: mtH + "src=x spt=99999 rt=soon",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src=x spt=99999 rt=soon",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"src: invalid IP address \"x\"; spt: invalid port \"99999\"; rt: invalid timestamp \"soon\""}}`,
	},

	// ---- more keys ----
	{
		name: "transport/ip_protocol in lower case",
		line: mtH + "ip_protocol=IPv6-ICMP",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|ip_protocol=IPv6-ICMP",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"network":{"transport":"ipv6-icmp"}}`,
	},
	{
		name: "transport/an uncommon protocol in lower case",
		line: mtH + "ip_protocol=VRRP protocol=VRRP",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|ip_protocol=VRRP protocol=VRRP",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"network":{"protocol":"VRRP","transport":"vrrp"}}`,
	},
	{
		name: "source.domain with the destination's",
		line: mtH + "src_ip=10.0.0.1 src_domain=ws1.example.com domain=srv.example.com",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.1 src_domain=ws1.example.com domain=srv.example.com",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1","domain":"ws1.example.com"},
			"destination":{"domain":"srv.example.com","address":"srv.example.com","top_level_domain":"com","subdomain":"srv","registered_domain":"example.com"},
			"related":{"ip":["10.0.0.1"],"hosts":["srv.example.com","ws1.example.com"]}}`,
	},
	{
		name: "mitre/ids then enterprise ids, unique",
		line: mtH + "alert_mitre_technique_enterprise_ids=['T0843', 'T0836'] alert_mitre_technique_ids=['T0836', 'T0855'] alert_mitre_technique_names=['Program Download'] alert_mitre_technique_enterprise_names=['Program Download', 'Modify Parameter']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_mitre_technique_enterprise_ids=['T0843', 'T0836'] alert_mitre_technique_ids=['T0836', 'T0855'] alert_mitre_technique_names=['Program Download'] alert_mitre_technique_enterprise_names=['Program Download', 'Modify Parameter']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"threat":{"framework":"MITRE ATT&CK","technique":{"id":["T0836","T0855","T0843"],"name":["Program Download","Modify Parameter"]}}}`,
	},
	{
		name: "mitre/names without ids give no framework",
		line: mtH + "alert_mitre_technique_names=['Remote Services']",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_mitre_technique_names=['Remote Services']",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"threat":{"technique":{"name":["Remote Services"]}}}`,
	},
	{
		name: "mitre/empty lists give nothing",
		line: mtH + "alert_mitre_technique_ids=[] alert_mitre_technique_enterprise_ids=None alert_mitre_technique_names=[None] event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_mitre_technique_ids=[] alert_mitre_technique_enterprise_ids=None alert_mitre_technique_names=[None] event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},
	{
		name: "alert/device status",
		line: mtH + "alert_device_status=Resolved",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|alert_device_status=Resolved",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"alert":{"device_status":"Resolved"}}}}`,
	},
	{
		name: "malicious_ip/last_update as a date alone",
		line: mtH + "malicious_ip_last_update=2024-01-20",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|malicious_ip_last_update=2024-01-20",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"malicious_ip":{"last_update":"2024-01-20T00:00:00Z"}}}}`,
	},
	{
		name: "malicious_ip/last_update with an offset",
		line: mtH + "malicious_ip_last_update=2024-01-20T01:30:00-02:00",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|malicious_ip_last_update=2024-01-20T01:30:00-02:00",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"malicious_ip":{"last_update":"2024-01-20T03:30:00Z"}}}}`,
	},
	{
		name: "malicious_ip/last_update invalid recorded",
		line: mtH + "malicious_ip_last_update=last week",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|malicious_ip_last_update=last week",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"malicious_ip_last_update: invalid date \"last week\""}}`,
	},

	// ---- vulnerabilities ----
	{
		name: "vulnerability/every field",
		line: "CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|7|vulnerability_cves=['CVE-2020-11896', 'CVE-2020-11897', 'CVE-2020-11896'] vulnerability_name=Ripple20 vulnerability_description=Treck TCP/IP stack flaws vulnerability_cvssv3_base_score=10.0 vulnerability_cvssv2_base_score=7.5 vulnerability_release_date=2020-06-16 vulnerability_is_known_exploited=True device_vulnerability_relevance=Confirmed",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|7|vulnerability_cves=['CVE-2020-11896', 'CVE-2020-11897', 'CVE-2020-11896'] vulnerability_name=Ripple20 vulnerability_description=Treck TCP/IP stack flaws vulnerability_cvssv3_base_score=10.0 vulnerability_cvssv2_base_score=7.5 vulnerability_release_date=2020-06-16 vulnerability_is_known_exploited=True device_vulnerability_relevance=Confirmed",
			"event":{"kind":"alert","category":["vulnerability"],"type":["info"],"severity":7,"reason":"Treck TCP/IP stack flaws"},` + mtObs + `,
			"vulnerability":{"id":["CVE-2020-11896","CVE-2020-11897"],"enumeration":"CVE","description":"Treck TCP/IP stack flaws",
				"score":{"base":10,"version":"3"},"classification":"CVSS"},
			"claroty":{"xdome":{"vulnerability":{"name":"Ripple20","release_date":"2020-06-16T00:00:00Z","is_known_exploited":true,"relevance":"Confirmed"}}}}`,
	},
	{
		name: "vulnerability/v2 score without a v3 one",
		line: mtH + "vulnerability_cvssv2_base_score=4.3",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cvssv2_base_score=4.3",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"vulnerability":{"score":{"base":4.3,"version":"2"},"classification":"CVSS"}}`,
	},
	{
		name: "vulnerability/an invalid v3 score is recorded and v2 used",
		line: mtH + "vulnerability_cvssv3_base_score=high vulnerability_cvssv2_base_score=5",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cvssv3_base_score=high vulnerability_cvssv2_base_score=5",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"vulnerability":{"score":{"base":5,"version":"2"},"classification":"CVSS"},
			"error":{"message":"vulnerability_cvssv3_base_score: invalid score \"high\""}}`,
	},
	{
		name: "vulnerability/a score above 10 is recorded",
		line: mtH + "vulnerability_cvssv3_base_score=10.5",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cvssv3_base_score=10.5",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"vulnerability_cvssv3_base_score: invalid score \"10.5\""}}`,
	},
	{
		name: "vulnerability/a negative or non-decimal score is recorded",
		line: mtH + "vulnerability_cvssv3_base_score=-1 vulnerability_cvssv2_base_score=NaN",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cvssv3_base_score=-1 vulnerability_cvssv2_base_score=NaN",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"vulnerability_cvssv3_base_score: invalid score \"-1\"; vulnerability_cvssv2_base_score: invalid score \"NaN\""}}`,
	},
	{
		name: "vulnerability/score 0 is a score",
		line: mtH + "vulnerability_cvssv3_base_score=0.0",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cvssv3_base_score=0.0",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"vulnerability":{"score":{"base":0,"version":"3"},"classification":"CVSS"}}`,
	},
	{
		name: "vulnerability/known exploited False in any case",
		line: mtH + "vulnerability_is_known_exploited=FALSE",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_is_known_exploited=FALSE",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"claroty":{"xdome":{"vulnerability":{"is_known_exploited":false}}}}`,
	},
	{
		name: "vulnerability/known exploited invalid recorded",
		line: mtH + "vulnerability_is_known_exploited=yes",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_is_known_exploited=yes",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"vulnerability_is_known_exploited: invalid boolean \"yes\""}}`,
	},
	{
		name: "vulnerability/release date invalid recorded",
		line: mtH + "vulnerability_release_date=2020-13-01",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_release_date=2020-13-01",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"vulnerability_release_date: invalid date \"2020-13-01\""}}`,
	},
	{
		name: "vulnerability/one CVE without brackets",
		line: mtH + "vulnerability_cves=CVE-2021-44228",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cves=CVE-2021-44228",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"vulnerability":{"id":["CVE-2021-44228"],"enumeration":"CVE"}}`,
	},
	{
		name: "vulnerability/an empty CVE list gives nothing",
		line: mtH + "vulnerability_cves=[] event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|vulnerability_cves=[] event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},

	// ---- nothing mixed, nothing silent ----
	{
		name: "mixed/a header written twice is text before the first key",
		line: mtH + mtH + "event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"extension: text before the first key \"CEF:0|Claroty|xDome|1.0|1|t|5|event_type=x\""}}`,
	},
	{
		name: "mixed/words before the first key",
		line: mtH + "stray words src_ip=10.0.0.1",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|stray words src_ip=10.0.0.1",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"error":{"message":"extension: text before the first key \"stray words\""},
			"related":{"ip":["10.0.0.1"]}}`,
	},
	{
		name: "mixed/a key glued to a pipe",
		line: mtH + "|src_ip=10.0.0.1 event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5||src_ip=10.0.0.1 event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `,
			"error":{"message":"extension: text before the first key \"|src_ip=10.0.0.1\""}}`,
	},
	{
		name: "mixed/two records joined by a lone CR",
		line: mtH + "src_ip=10.0.0.1 event_type=a\r" + mtH + "src_ip=10.0.0.2 event_type=b",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.1 event_type=a\rCEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.2 event_type=b",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"a"},` + mtObs + `,
			"source":{"ip":"10.0.0.1","address":"10.0.0.1"},
			"error":{"message":"message: text after a raw line break \"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=10.0.0.2 event_type=b\""},
			"related":{"ip":["10.0.0.1"]}}`,
	},
	{
		name: "mixed/a raw LF inside a value ends the record",
		line: mtH + "event_description=line one\nline two event_type=x",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_description=line one\nline two event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"line one"},` + mtObs + `,
			"error":{"message":"message: text after a raw line break \"line two event_type=x\""}}`,
	},
	{
		name: "mixed/a line break before CEF: is not in the record",
		line: "junk\r\n" + mtH + "event_type=x",
		want: `{"message":"junk\r\nCEF:0|Claroty|xDome|1.0|1|t|5|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"x"},` + mtObs + `}`,
	},
	{
		name: "mixed/an escaped line break is a value's",
		line: mtH + `event_description=line one\nline two event_type=x`,
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|event_description=line one\\nline two event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"reason":"line one\nline two","code":"x"},` + mtObs + `}`,
	},
	{
		name: "error.message/at most 16 clauses, then the count",
		line: mtH + "device_ip_list=[x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, 10.0.0.1] src_port=bad",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|device_ip_list=[x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, 10.0.0.1] src_port=bad",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"host":{"ip":["10.0.0.1"]},
			"error":{"message":"device_ip_list: invalid IP address \"x1\"; device_ip_list: invalid IP address \"x2\"; device_ip_list: invalid IP address \"x3\"; device_ip_list: invalid IP address \"x4\"; device_ip_list: invalid IP address \"x5\"; device_ip_list: invalid IP address \"x6\"; device_ip_list: invalid IP address \"x7\"; device_ip_list: invalid IP address \"x8\"; device_ip_list: invalid IP address \"x9\"; device_ip_list: invalid IP address \"x10\"; device_ip_list: invalid IP address \"x11\"; device_ip_list: invalid IP address \"x12\"; device_ip_list: invalid IP address \"x13\"; device_ip_list: invalid IP address \"x14\"; device_ip_list: invalid IP address \"x15\"; device_ip_list: invalid IP address \"x16\"; and 2 more"},
			"related":{"ip":["10.0.0.1"]}}`,
	},
	{
		name: "error.message/a long value is cut at 256 bytes",
		line: mtH + "src_ip=" + strings.Repeat("a", 300),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=` + strings.Repeat("a", 300) + `",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"src_ip: invalid IP address \"` + strings.Repeat("a", 256) + `\"..."}}`,
	},
	{
		name: "error.message/a cut falls on a UTF-8 boundary",
		line: mtH + "src_ip=" + strings.Repeat("a", 255) + "éb",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=` + strings.Repeat("a", 255) + `éb",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"src_ip: invalid IP address \"` + strings.Repeat("a", 255) + `\"..."}}`,
	},
	{
		name: "error.message/a value of exactly 256 bytes is whole",
		line: mtH + "src_ip=" + strings.Repeat("a", 256),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_ip=` + strings.Repeat("a", 256) + `",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"src_ip: invalid IP address \"` + strings.Repeat("a", 256) + `\""}}`,
	},

	// ---- small leaks closed ----
	{
		name: "certificate/year 1 is kept",
		line: mtH + "certificate_type=Server certificate_start_date=00010101000000Z",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=Server certificate_start_date=00010101000000Z",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"tls":{"server":{"x509":{"not_before":"0001-01-01T00:00:00Z"}}}}`,
	},
	{
		name: "certificate/type folds ASCII case only",
		line: mtH + "certificate_type=\u017Ferver certificate_CN=x event_type=e",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|certificate_type=\u017Ferver certificate_CN=x event_type=e",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5,"code":"e"},` + mtObs + `}`,
	},
	{
		name: "severity/a Kelvin sign is not a k",
		line: mtSev("Un\u212Anown"),
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|Un\u212Anown|event_type=x",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"code":"x"},` + mtObs + `,
			"error":{"message":"severity: invalid severity \"Un\u212Anown\""}}`,
	},
	{
		name: "port/any number of leading zeros",
		line: mtH + "src_port=000080 dst_port=0000000",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=000080 dst_port=0000000",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"source":{"port":80},"destination":{"port":0}}`,
	},
	{
		name: "port/leading zeros do not bring a value into range",
		line: mtH + "src_port=0065536",
		want: `{"message":"CEF:0|Claroty|xDome|1.0|1|t|5|src_port=0065536",
			"event":{"kind":"alert","category":["network"],"type":["connection"],"severity":5},` + mtObs + `,
			"error":{"message":"src_port: invalid port \"0065536\""}}`,
	},
}

// TestMapping checks each field-level mapping rule (docs/mapping.md) on a whole
// document: Parse(line) must marshal to exactly want.
func TestMapping(t *testing.T) {
	seen := make(map[string]bool, len(mappingCases))
	for _, c := range mappingCases {
		if seen[c.name] {
			t.Errorf("duplicate case name %q", c.name)
		}
		seen[c.name] = true
	}
	for _, c := range mappingCases {
		t.Run(c.name, func(t *testing.T) {
			want := decodeJSON(t, []byte(c.want))
			got := parseDoc(t, c.line)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", c.line, diff)
			}
		})
	}
}

// TestParseIntoResets: ParseInto on a reused Event leaves nothing of the
// previous event behind, whichever way round two very different events
// come, and an error leaves the Event empty.
func TestParseIntoResets(t *testing.T) {
	var cert, alert sample
	for _, s := range loadSamples(t, "golden") {
		if s.name == "test_expired_certificate" {
			cert = s
		}
	}
	for _, s := range loadSamples(t, "catalogue") {
		if s.name == "alert_malicious_ip" {
			alert = s
		}
	}
	if cert.input == nil || alert.input == nil {
		t.Fatal("samples missing")
	}
	for _, order := range [][2]sample{{cert, alert}, {alert, cert}, {cert, cert}} {
		var ev Event
		for _, s := range order {
			if err := ParseInto(&ev, s.input); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if diff := cmp.Diff(decodeJSON(t, s.want), docOf(t, &ev)); diff != "" {
				t.Errorf("%s after %s (-want +got):\n%s", s.name, order[0].name, diff)
			}
		}
		if err := ParseInto(&ev, []byte("not cef")); err == nil {
			t.Fatal("ParseInto(not cef): no error")
		}
		if got := string(ev.AppendJSON(nil)); got != "{}" {
			t.Errorf("after an error the event is %s, want {}", got)
		}
	}
}

// TestClone: a clone keeps its document when the original Event is reused,
// for every sample, so that every slice and pointer into the Event's own
// storage (ports, score, known-exploited flag, lists, certificate) is
// covered.
func TestClone(t *testing.T) {
	samples := append(loadSamples(t, "golden"), loadSamples(t, "catalogue")...)
	for _, want := range samples {
		var ev Event
		if err := ParseInto(&ev, want.input); err != nil {
			t.Fatal(err)
		}
		c := ev.Clone()
		// Reuse ev for every sample, then for a line that writes other
		// values into every piece of the Event's storage, so that a clone
		// still sharing any of it shows the difference.
		for _, line := range append(sampleInputs(samples), []byte(cloneScrambler)) {
			if err := ParseInto(&ev, line); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(decodeJSON(t, want.want), docOf(t, c)); diff != "" {
			t.Errorf("%s: clone changed by reuse of the original (-want +got):\n%s", want.name, diff)
		}
	}
}

// cloneScrambler sets every value that an Event keeps in its own storage
// (severity, ports, score, known-exploited flag, lists, certificate side)
// to a value no sample has.
const cloneScrambler = "CEF:0|X|Y|2|1|t|1|src_ip=9.9.9.1 dst_ip=9.9.9.2 src_port=1 dst_port=2 " +
	"vulnerability_cvssv3_base_score=1.5 vulnerability_is_known_exploited=True " +
	"device_ip_list=['9.9.9.3', '9.9.9.4', '9.9.9.5'] device_mac_list=['m1', 'm2', 'm3'] username=zz " +
	"certificate_CN=zz certificate_thumbprint=zz domain=zz.example.net " +
	"certificate_type=Client alert_mitre_technique_ids=['T9'] vulnerability_cves=['CVE-9'] malicious_ip_tags=['zz']"

func sampleInputs(samples []sample) [][]byte {
	var out [][]byte
	for _, s := range samples {
		out = append(out, s.input)
	}
	return out
}

// TestParseConcurrent parses every sample from many goroutines at once;
// under -race it proves that Parse shares no mutable state.
func TestParseConcurrent(t *testing.T) {
	samples := append(loadSamples(t, "golden"), loadSamples(t, "catalogue")...)
	want := make([]any, len(samples))
	for i, s := range samples {
		want[i] = decodeJSON(t, s.want)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var reused Event
			for n := 0; n < 20; n++ {
				i := (g + n) % len(samples)
				ev, err := Parse(samples[i].input)
				if err != nil {
					errs <- samples[i].name + ": " + err.Error()
					return
				}
				if err := ParseInto(&reused, samples[i].input); err != nil {
					errs <- samples[i].name + ": " + err.Error()
					return
				}
				for _, e := range []*Event{ev, &reused} {
					var got any
					dec := json.NewDecoder(bytes.NewReader(e.AppendJSON(nil)))
					dec.UseNumber()
					if err := dec.Decode(&got); err != nil {
						errs <- err.Error()
						return
					}
					if diff := cmp.Diff(want[i], got); diff != "" {
						errs <- samples[i].name + ": " + diff
						return
					}
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

// TestListIter: the Python list literals xDome writes, item by item.
func TestListIter(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`['1.2.3.4']`, []string{"1.2.3.4"}},
		{`['a', 'b']`, []string{"a", "b"}},
		{`["a", 'b',c]`, []string{"a", "b", "c"}},
		{`[]`, nil},
		{`[None]`, nil},
		{`[None, 'x', None]`, []string{"x"}},
		{`['None']`, []string{"None"}},
		{`['New York, United States', 'b']`, []string{"New York, United States", "b"}},
		{`['it\'s', 'x']`, []string{`it\'s`, "x"}},
		{`['C:\\', 'x']`, []string{`C:\\`, "x"}},
		{`['', 'x']`, []string{"x"}},
		{`['unterminated`, []string{`['unterminated`}}, // not a list: one value
		{`['unterminated]`, []string{"unterminated"}},
		{`1.2.3.4`, []string{"1.2.3.4"}},
		{` [ 'a' ,  'b' ] `, []string{"a", "b"}},
		{`[a, , b,]`, []string{"a", "b"}},
		{``, nil},
	}
	for _, tt := range tests {
		var got []string
		it := listIter{s: tt.in}
		for item, ok := it.next(); ok; item, ok = it.next() {
			got = append(got, item)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("list %q (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestAddrText checks the text of source.address and destination.address
// against a.String() for addresses written in every way parseIP takes.
func TestAddrText(t *testing.T) {
	for _, written := range []string{"10.0.0.1", " 10.0.0.1\t", "0.0.0.0", "255.255.255.255",
		"::1", "::FFFF:10.0.0.1", "::ffff:10.0.0.1", "2001:DB8::1", " 2001:db8:0:0:0:0:0:1 ", "fe80::1"} {
		a, ok := parseIP(written)
		if !ok {
			t.Fatalf("parseIP(%q) refused", written)
		}
		if got, want := addrText(a, written), a.String(); got != want {
			t.Errorf("addrText(%q) = %q, want %q", written, got, want)
		}
	}
}
