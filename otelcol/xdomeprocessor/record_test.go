package xdomeprocessor

import (
	"context"
	"fmt"
	"testing"
	"time"

	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// What the record had before the processor: the test checks what is
// replaced and what is left.
var (
	receivedTime     = pcommon.Timestamp(1_700_000_000_000_000_001)
	receivedObserved = pcommon.Timestamp(1_700_000_000_000_000_002)
)

const (
	receivedSeverity     = plog.SeverityNumberDebug2
	receivedSeverityText = "debug2"
)

// recordFields is what the processor may set on a record besides its body.
type recordFields struct {
	Timestamp, Observed pcommon.Timestamp
	Severity            plog.SeverityNumber
	SeverityText        string
}

// convertOne sends one record, with receivedTime and the other received
// values set, through the default processor and returns those fields and
// the body type of what comes out.
func convertOne(t *testing.T, line string) (recordFields, pcommon.ValueType) {
	t.Helper()
	sink := new(consumertest.LogsSink)
	p := newTestProcessor(t, defaultConfig(), processortest.NewNopSettings(metadata.Type), sink)
	in := newLogs(str(line))
	lr := in.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	lr.SetTimestamp(receivedTime)
	lr.SetObservedTimestamp(receivedObserved)
	lr.SetSeverityNumber(receivedSeverity)
	lr.SetSeverityText(receivedSeverityText)
	if err := p.ConsumeLogs(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	out := records(sink)[0]
	return recordFields{out.Timestamp(), out.ObservedTimestamp(), out.SeverityNumber(), out.SeverityText()}, out.Body().Type()
}

// TestSeverityBands: event.severity sets SeverityNumber and SeverityText
// by CEF's bands, checked at both edges of each band, for numbers and
// for the CEF words; no severity leaves both as they were.
func TestSeverityBands(t *testing.T) {
	for _, tc := range []struct {
		header string // the CEF header's Severity
		num    plog.SeverityNumber
		text   string
	}{
		{"0", 9, "Low"},
		{"3", 9, "Low"},
		{"4", 13, "Medium"},
		{"6", 13, "Medium"},
		{"7", 17, "High"},
		{"8", 17, "High"},
		{"9", 21, "Very-High"},
		{"10", 21, "Very-High"},
		{"Unknown", 9, "Low"},
		{"low", 9, "Low"},
		{"MEDIUM", 13, "Medium"},
		{"High", 17, "High"},
		{"very-high", 21, "Very-High"},
		// No event.severity: the header's is not a severity.
		{"11", receivedSeverity, receivedSeverityText},
		{"-1", receivedSeverity, receivedSeverityText},
		{"", receivedSeverity, receivedSeverityText},
		{"critical", receivedSeverity, receivedSeverityText},
	} {
		line := fmt.Sprintf("CEF:0|Claroty|xDome|1.0|1|comm_event|%s|src_ip=10.0.0.1", tc.header)
		got, typ := convertOne(t, line)
		if typ != pcommon.ValueTypeMap {
			t.Fatalf("severity %q: body is %s, not converted", tc.header, typ)
		}
		if got.Severity != tc.num || got.SeverityText != tc.text {
			t.Errorf("severity %q: SeverityNumber %d, SeverityText %q; want %d, %q", tc.header, got.Severity, got.SeverityText, tc.num, tc.text)
		}
	}
}

// TestRecordTimestamp: Timestamp is the document's @timestamp, to the
// microsecond as the document writes it; left as it was when the document
// has none or one a Timestamp cannot hold. ObservedTimestamp is never
// touched.
func TestRecordTimestamp(t *testing.T) {
	ts := func(y int, mo time.Month, d, h, mi, s, ns int) pcommon.Timestamp {
		return pcommon.NewTimestampFromTime(time.Date(y, mo, d, h, mi, s, ns, time.UTC))
	}
	const head = "CEF:0|Claroty|xDome|1.0|1|comm_event|5|src_ip=10.0.0.1 "
	for _, tc := range []struct {
		name, line string
		want       pcommon.Timestamp
	}{
		{"seconds", head + "event_timestamp=2024-05-02T09:30:00Z", ts(2024, 5, 2, 9, 30, 0, 0)},
		{"nanoseconds cut to the document's microseconds", head + "event_timestamp=2024-05-02T09:30:00.123456789Z", ts(2024, 5, 2, 9, 30, 0, 123456000)},
		{"a zone", head + "event_timestamp=2024-05-02T11:30:00.5+02:00", ts(2024, 5, 2, 9, 30, 0, 500000000)},
		{"rt in milliseconds", head + "rt=1644157128578", ts(2022, 2, 6, 14, 18, 48, 578000000)},
		{"the syslog header's time, the last resort", "<134>1 2022-02-06T14:18:48.25Z host app - - - " + head, ts(2022, 2, 6, 14, 18, 48, 250000000)},
		{"first nanosecond held", head + "event_timestamp=1970-01-01T00:00:00.000001Z", 1000},
		{"last microsecond held", head + "event_timestamp=2262-04-11T23:47:16.854775Z", ts(2262, 4, 11, 23, 47, 16, 854775000)},
		{"no time", head + "src_port=1", receivedTime},
		{"a bad time", head + "event_timestamp=yesterday", receivedTime},
		{"the epoch: 0 is unknown", head + "event_timestamp=1970-01-01T00:00:00Z", receivedTime},
		{"before 1970", head + "event_timestamp=1969-12-31T23:59:59.999999Z", receivedTime},
		{"year 1", head + "event_timestamp=0001-01-01T00:00:01Z", receivedTime},
		{"past 2262", head + "event_timestamp=2262-04-11T23:47:16.854776Z", receivedTime},
		{"year 9999", head + "event_timestamp=9999-12-31T23:59:59Z", receivedTime},
	} {
		got, typ := convertOne(t, tc.line)
		if typ != pcommon.ValueTypeMap {
			t.Fatalf("%s: body is %s, not converted", tc.name, typ)
		}
		if got.Timestamp != tc.want {
			t.Errorf("%s: Timestamp %v (%d), want %v (%d)", tc.name, got.Timestamp, uint64(got.Timestamp), tc.want, uint64(tc.want))
		}
		if got.Observed != receivedObserved {
			t.Errorf("%s: ObservedTimestamp changed to %v", tc.name, got.Observed)
		}
	}
}

// TestNotCEFRecordUntouched: a record that is not CEF keeps its time and
// severity.
func TestNotCEFRecordUntouched(t *testing.T) {
	got, typ := convertOne(t, "not CEF, 2024-05-02T09:30:00Z, severity 10")
	want := recordFields{receivedTime, receivedObserved, receivedSeverity, receivedSeverityText}
	if typ != pcommon.ValueTypeStr || got != want {
		t.Errorf("got %+v (%s), want %+v (Str)", got, typ, want)
	}
}
