package xdomeprocessor

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/cefecs/xdome"
	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// optionsLine has what each option changes: keys no field takes, a time
// and a date without an offset, and MACs in xDome's notation.
const optionsLine = "CEF:0|Claroty|Claroty|0.0|1|comm_event|5|event_timestamp=2024-03-14 08:15:27 " +
	"src_mac=00:50:56:94:2b:94 device_mac_list=['fc:3f:db:0d:87:89'] password_length=6 " +
	"device_labels=['ICU', 'Pumps'] last_offline_status_change=2024-03-10"

// TestOptions: each of keep_unmapped, location and normalize_mac, alone
// and together, gives the body the document of the library's Parser with
// the same option, and the record's Timestamp follows the zone.
func TestOptions(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin") // time/tzdata is linked in
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		set    func(*Config)
		parser xdome.Parser
		ts     string // the record's Timestamp
		check  string // a value of the document, by path
	}{
		{"defaults", func(*Config) {}, xdome.Parser{}, "2024-03-14T08:15:27Z", "source.mac=00:50:56:94:2b:94"},
		{"keep_unmapped", func(c *Config) { c.KeepUnmapped = true }, xdome.Parser{KeepUnmapped: true},
			"2024-03-14T08:15:27Z", "claroty.xdome.unmapped.password_length=6"},
		{"location", func(c *Config) { c.Location = "Europe/Berlin" }, xdome.Parser{Location: berlin},
			"2024-03-14T07:15:27Z", "claroty.xdome.change.last_offline_status_change=2024-03-09T23:00:00Z"},
		{"normalize_mac", func(c *Config) { c.NormalizeMAC = true }, xdome.Parser{NormalizeMAC: true},
			"2024-03-14T08:15:27Z", "source.mac=00-50-56-94-2B-94"},
		{"all three", func(c *Config) { c.KeepUnmapped, c.Location, c.NormalizeMAC = true, "Europe/Berlin", true },
			xdome.Parser{KeepUnmapped: true, Location: berlin, NormalizeMAC: true},
			"2024-03-14T07:15:27Z", "claroty.xdome.unmapped.password_length=6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := defaultConfig()
			tc.set(cfg)
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			sink := new(consumertest.LogsSink)
			p := newTestProcessor(t, cfg, processortest.NewNopSettings(metadata.Type), sink)
			if err := p.ConsumeLogs(context.Background(), newLogs(str(optionsLine))); err != nil {
				t.Fatal(err)
			}
			got := records(sink)
			if len(got) != 1 || got[0].Body().Type() != pcommon.ValueTypeMap {
				t.Fatalf("want one record with a map body, got %d", len(got))
			}
			ev, err := tc.parser.Parse([]byte(optionsLine))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := json.Marshal(ev)
			if diff := cmp.Diff(jsonDoc(t, data), got[0].Body().Map().AsRaw()); diff != "" {
				t.Errorf("body differs from the Parser's document (-json +map):\n%s", diff)
			}
			if ts := got[0].Timestamp().AsTime().UTC().Format(time.RFC3339); ts != tc.ts {
				t.Errorf("Timestamp %s, want %s", ts, tc.ts)
			}
			path, want, _ := strings.Cut(tc.check, "=")
			if v, ok := lookup(got[0].Body().Map(), path); !ok || v.AsString() != want {
				t.Errorf("%s = %v (%v), want %s", path, v.AsString(), ok, want)
			}
		})
	}
}

// TestLocationConfig: a zone name that is not one is refused when the
// configuration is loaded, naming the key.
func TestLocationConfig(t *testing.T) {
	for loc, ok := range map[string]bool{"": true, "UTC": true, "Local": true, "Europe/Berlin": true, "Mars/Olympus": false, "+01:00": false} {
		cfg := defaultConfig()
		cfg.Location = loc
		err := cfg.Validate()
		if (err == nil) != ok {
			t.Errorf("Validate(location: %q) = %v", loc, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "location: ") {
			t.Errorf("Validate(location: %q) = %q, want it to name the key", loc, err)
		}
	}
}
