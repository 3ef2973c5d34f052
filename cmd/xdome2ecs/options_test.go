package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cefecs/xdome"
)

// optionsLine has what each option changes: keys no field takes, a time
// without an offset, and MACs in xDome's notation.
const optionsLine = "CEF:0|Claroty|Claroty|0.0|1|comm_event|5|event_timestamp=2024-03-14 08:15:27 " +
	"src_mac=00:50:56:94:2b:94 device_mac_list=['fc:3f:db:0d:87:89'] password_length=6 device_labels=['ICU', 'Pumps']"

// TestOptionFlags: -keep-unmapped, -location and -normalize-mac, alone and
// together, write the documents of the library's Parser with the same
// options, byte for byte.
func TestOptionFlags(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin") // time/tzdata is linked in
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		flags  []string
		parser xdome.Parser
		has    string // a piece of the document that only the option gives
	}{
		{nil, xdome.Parser{}, `"mac":"00:50:56:94:2b:94"`},
		{[]string{"-keep-unmapped"}, xdome.Parser{KeepUnmapped: true}, `"unmapped":{"device_labels":["ICU","Pumps"],"password_length":"6"}`},
		{[]string{"-location", "Europe/Berlin"}, xdome.Parser{Location: berlin}, `"@timestamp":"2024-03-14T07:15:27Z"`},
		{[]string{"-normalize-mac"}, xdome.Parser{NormalizeMAC: true}, `"mac":["FC-3F-DB-0D-87-89"]`},
		{[]string{"-keep-unmapped", "-location=Europe/Berlin", "-normalize-mac"},
			xdome.Parser{KeepUnmapped: true, Location: berlin, NormalizeMAC: true}, `"mac":"00-50-56-94-2B-94"`},
	} {
		want, err := tc.parser.AppendECS(nil, []byte(optionsLine))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		if !bytes.Contains(want, []byte(tc.has)) {
			t.Fatalf("%v: the Parser's document lacks %s: %s", tc.flags, tc.has, want)
		}
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"-q"}, tc.flags...), "-")
		if status := run(args, strings.NewReader(optionsLine+"\n"), &stdout, &stderr); status != exitOK {
			t.Fatalf("%v: exit status %d: %s", tc.flags, status, stderr.String())
		}
		if got := stdout.String(); got != string(want) {
			t.Errorf("%v:\n got %s\nwant %s", tc.flags, got, want)
		}
	}
}

// TestLocationFlagRefused: a zone that is not one is a usage error.
func TestLocationFlagRefused(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if status := run([]string{"-location", "Mars/Olympus", "-"}, strings.NewReader(optionsLine), &stdout, &stderr); status != exitFatal {
		t.Errorf("exit status %d, want %d", status, exitFatal)
	}
	if !strings.HasPrefix(stderr.String(), `xdome2ecs: -location "Mars/Olympus": not a time zone`) {
		t.Errorf("standard error %q", stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("wrote %q", stdout.String())
	}
}
