// Written by hand in the form mdatagen generates from metadata.yaml; keep
// the two in step.

// Package metadata holds the component type, stability and telemetry of
// the xdome processor, as declared in metadata.yaml.
package metadata

import (
	"go.opentelemetry.io/collector/component"
)

var (
	// Type is the processor's name in a collector configuration.
	Type = component.MustNewType("xdome")
	// ScopeName is the instrumentation scope of the processor's telemetry.
	ScopeName = "github.com/cefecs/xdome/otelcol/xdomeprocessor"
)

const (
	// LogsStability is the stability of the logs processor.
	LogsStability = component.StabilityLevelDevelopment
)
