package xdomeprocessor

import (
	"fmt"
	"time"
	_ "time/tzdata" // location names work in a collector image without a zone database

	"go.opentelemetry.io/collector/component"
)

// What to do with a record whose string body is not an xDome CEF record.
const (
	// NonCEFKeep passes the record on as it was, with an error.message
	// attribute.
	NonCEFKeep = "keep"
	// NonCEFDrop removes the record from the batch.
	NonCEFDrop = "drop"
)

// Config is the configuration of the xdome processor.
type Config struct {
	// NonCEF is what happens to a log record whose string body is not a
	// CEF record: "keep" (the default) or "drop". Either way it is counted
	// in otelcol_processor_xdome_non_cef_records.
	NonCEF string `mapstructure:"non_cef"`
	// KeepOriginal puts the body as received into event.original of the
	// document. The document's message already holds the line less
	// leading and trailing white space, so this is off by default.
	KeepOriginal bool `mapstructure:"keep_original"`
	// MaxLineBytes is the longest string body, in bytes, that is parsed
	// (default 1 MiB; 0: no limit). An xDome record is 1-3 KB: a longer
	// body is not one, and its document (the line is in message, and its
	// values again in their fields and in related.*) would cost several
	// times its size in memory and could pass the 4 MiB a gRPC receiver
	// takes by default. It is handled like a body that is not CEF, and
	// counted in otelcol_processor_xdome_oversized_records.
	MaxLineBytes int `mapstructure:"max_line_bytes"`

	// The options of the library's xdome.Parser (the defaults are the
	// library's package functions):
	//
	// KeepUnmapped keeps the extension keys that no field takes under
	// claroty.xdome.unmapped, a list literal as a list.
	KeepUnmapped bool `mapstructure:"keep_unmapped"`
	// Location is the IANA time zone, such as Europe/Berlin, or "Local",
	// of the times a record writes without an offset; empty is UTC.
	Location string `mapstructure:"location"`
	// NormalizeMAC writes MAC addresses as ECS's pattern asks,
	// 00-50-56-94-2B-94.
	NormalizeMAC bool `mapstructure:"normalize_mac"`

	// Prevent unkeyed literals, so fields can be added.
	_ struct{}
}

var _ component.Config = (*Config)(nil)

// DefaultMaxLineBytes is the default of max_line_bytes: 1 MiB.
const DefaultMaxLineBytes = 1 << 20

// Validate checks the configuration when the collector loads it.
func (c *Config) Validate() error {
	switch c.NonCEF {
	case NonCEFKeep, NonCEFDrop:
	default:
		return fmt.Errorf("non_cef: %q is not one of %q, %q", c.NonCEF, NonCEFKeep, NonCEFDrop)
	}
	if c.MaxLineBytes < 0 {
		return fmt.Errorf("max_line_bytes: %d is negative (0 means no limit)", c.MaxLineBytes)
	}
	if _, err := c.location(); err != nil {
		return err
	}
	return nil
}

// location loads the time zone of Location; nil for UTC.
func (c *Config) location() (*time.Location, error) {
	if c.Location == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(c.Location)
	if err != nil {
		return nil, fmt.Errorf("location: %q is not a time zone: %w", c.Location, err)
	}
	return loc, nil
}
