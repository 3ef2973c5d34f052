package xdomeprocessor

import (
	"context"
	"math"
	"strconv"
	"sync"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processorhelper"
	"go.opentelemetry.io/otel/metric"

	"github.com/cefecs/xdome"
	"github.com/cefecs/xdome/otelcol/xdomeprocessor/internal/metadata"
)

// errorMessageKey is the attribute that flags a record that is not CEF,
// named like the ECS field that carries field problems inside a document.
const errorMessageKey = "error.message"

type xdomeProcessor struct {
	dropNonCEF   bool
	keepOriginal bool
	maxLine      int // 0: no limit
	parser       xdome.Parser
	nonCEF       metric.Int64Counter
	oversized    metric.Int64Counter

	// Events for xdome.ParseStringInto, one per batch being processed:
	// the collector may call processLogs from several goroutines at once.
	// Nothing of an Event outlives the batch: every string the body map
	// gets is a piece of the body's own string (ParseStringInto makes no
	// copy; a Go string never changes) or new text, and the Event's lists
	// are copied into the map.
	events sync.Pool
}

func newProcessor(cfg *Config, set component.TelemetrySettings) (*xdomeProcessor, error) {
	loc, err := cfg.location()
	if err != nil {
		return nil, err
	}
	tb, err := metadata.NewTelemetryBuilder(set)
	if err != nil {
		return nil, err
	}
	return &xdomeProcessor{
		parser:       xdome.Parser{KeepUnmapped: cfg.KeepUnmapped, Location: loc, NormalizeMAC: cfg.NormalizeMAC},
		dropNonCEF:   cfg.NonCEF == NonCEFDrop,
		keepOriginal: cfg.KeepOriginal,
		maxLine:      cfg.MaxLineBytes,
		nonCEF:       tb.ProcessorXdomeNonCefRecords,
		oversized:    tb.ProcessorXdomeOversizedRecords,
		events:       sync.Pool{New: func() any { return new(xdome.Event) }},
	}, nil
}

// processLogs turns every string body holding an xDome CEF record into its
// ECS document. Other bodies (maps, numbers, bytes, empty) pass untouched.
func (p *xdomeProcessor) processLogs(ctx context.Context, ld plog.Logs) (plog.Logs, error) {
	ev := p.events.Get().(*xdome.Event)
	defer p.events.Put(ev)

	var nonCEF, oversized int64
	rls := ld.ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		sls := rls.At(i).ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			// RemoveIf moves nothing while nothing is removed, so it is
			// the loop for both settings of non_cef.
			sls.At(j).LogRecords().RemoveIf(func(lr plog.LogRecord) bool {
				switch p.convert(ev, lr) {
				case recConverted:
					return false
				case recNotCEF:
					nonCEF++
				case recTooLong:
					oversized++
				}
				return p.dropNonCEF
			})
		}
	}
	if nonCEF > 0 {
		p.nonCEF.Add(ctx, nonCEF)
	}
	if oversized > 0 {
		p.oversized.Add(ctx, oversized)
	}
	if nonCEF+oversized == 0 || !p.dropNonCEF {
		return ld, nil
	}
	// Drop what the dropped records leave empty, as the filter processor
	// does, and send nothing on when nothing is left.
	rls.RemoveIf(func(rl plog.ResourceLogs) bool {
		rl.ScopeLogs().RemoveIf(func(sl plog.ScopeLogs) bool { return sl.LogRecords().Len() == 0 })
		return rl.ScopeLogs().Len() == 0
	})
	if rls.Len() == 0 {
		return ld, processorhelper.ErrSkipProcessingData
	}
	return ld, nil
}

// outcome is what convert did with a record.
type outcome uint8

const (
	recConverted outcome = iota // or not a string: passed on as it was
	recNotCEF                   // a string that is not a CEF record
	recTooLong                  // a string longer than max_line_bytes, not parsed
)

// convert rewrites the body of lr when it is a string holding a CEF record.
// A string that is not one, or is longer than max_line_bytes, is left as
// it was and flagged with an error.message attribute, unless such records
// are dropped.
func (p *xdomeProcessor) convert(ev *xdome.Event, lr plog.LogRecord) outcome {
	body := lr.Body()
	if body.Type() != pcommon.ValueTypeStr {
		return recConverted
	}
	line := body.Str()
	if p.maxLine > 0 && len(line) > p.maxLine {
		if !p.dropNonCEF {
			lr.Attributes().PutStr(errorMessageKey, tooLongMessage(len(line), p.maxLine))
		}
		return recTooLong
	}
	if err := p.parser.ParseStringInto(ev, line); err != nil {
		if !p.dropNonCEF {
			lr.Attributes().PutStr(errorMessageKey, err.Error())
		}
		return recNotCEF
	}
	original := ""
	if p.keepOriginal {
		original = line
	}
	putEvent(body.SetEmptyMap(), ev, original)
	if ts, ok := recordTimestamp(ev.Timestamp); ok {
		lr.SetTimestamp(ts)
	}
	if ev.Event.Severity != nil {
		if n, text, ok := severity(*ev.Event.Severity); ok {
			lr.SetSeverityNumber(n)
			lr.SetSeverityText(text)
		}
	}
	return recConverted
}

// tooLongMessage is the error.message of a body longer than max_line_bytes.
func tooLongMessage(n, limit int) string {
	return "xdome: body of " + strconv.Itoa(n) + " bytes is longer than max_line_bytes (" + strconv.Itoa(limit) + "), not parsed"
}

// The times a record's Timestamp holds as the collector reads it:
// nanoseconds since 1970 in an int64, 0 meaning "unknown".
var (
	minTimestamp = time.Unix(0, 0)             // excluded
	maxTimestamp = time.Unix(0, math.MaxInt64) // 2262-04-11T23:47:16.854775807Z
)

// recordTimestamp is the document's @timestamp as a record's Timestamp:
// the time as the document writes it, to the microsecond. It reports false
// when the document has none, or one that a Timestamp cannot hold:
// 1970-01-01T00:00:00Z or before, or after maxTimestamp.
func recordTimestamp(t xdome.Time) (pcommon.Timestamp, bool) {
	if t.IsZero() {
		return 0, false
	}
	u := t.Truncate(time.Microsecond)
	if !u.After(minTimestamp) || u.After(maxTimestamp) {
		return 0, false
	}
	return pcommon.NewTimestampFromTime(u), true
}

// severity maps event.severity, the CEF severity 0-10, to the record's
// severity by the bands of the CEF standard: 0-3 Low, 4-6 Medium, 7-8
// High, 9-10 Very-High, as OpenTelemetry's INFO, WARN, ERROR and FATAL,
// with the CEF word as the text.
func severity(n int) (plog.SeverityNumber, string, bool) {
	switch {
	case n < 0 || n > 10:
		return 0, "", false
	case n <= 3:
		return plog.SeverityNumberInfo, "Low", true
	case n <= 6:
		return plog.SeverityNumberWarn, "Medium", true
	case n <= 8:
		return plog.SeverityNumberError, "High", true
	}
	return plog.SeverityNumberFatal, "Very-High", true
}
