// Written by hand in the form mdatagen generates from metadata.yaml; keep
// the two in step.

package metadata

import (
	"go.opentelemetry.io/otel/metric"

	"go.opentelemetry.io/collector/component"
)

// Meter returns the processor's meter from the collector's telemetry.
func Meter(settings component.TelemetrySettings) metric.Meter {
	return settings.MeterProvider.Meter(ScopeName)
}

// TelemetryBuilder holds the instruments of the processor's own metrics.
type TelemetryBuilder struct {
	// ProcessorXdomeNonCefRecords counts the records whose string body is
	// not an xDome CEF record.
	ProcessorXdomeNonCefRecords metric.Int64Counter
	// ProcessorXdomeOversizedRecords counts the records whose string body
	// is longer than max_line_bytes.
	ProcessorXdomeOversizedRecords metric.Int64Counter
}

// NewTelemetryBuilder creates the instruments of metadata.yaml.
func NewTelemetryBuilder(settings component.TelemetrySettings) (*TelemetryBuilder, error) {
	var b TelemetryBuilder
	var err error
	b.ProcessorXdomeNonCefRecords, err = Meter(settings).Int64Counter(
		"otelcol_processor_xdome_non_cef_records",
		metric.WithDescription("Number of log records whose string body is not an xDome CEF record (kept with an error.message attribute, or dropped, as configured). [Development]"),
		metric.WithUnit("{record}"),
	)
	if err != nil {
		return nil, err
	}
	b.ProcessorXdomeOversizedRecords, err = Meter(settings).Int64Counter(
		"otelcol_processor_xdome_oversized_records",
		metric.WithDescription("Number of log records whose string body is longer than max_line_bytes, so not parsed (kept with an error.message attribute, or dropped, as non_cef says). [Development]"),
		metric.WithUnit("{record}"),
	)
	if err != nil {
		return nil, err
	}
	return &b, nil
}
