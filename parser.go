package xdome

import "time"

// A Parser converts xDome lines with options. Its zero value converts
// exactly as the package functions [Parse], [ParseInto] and [AppendECS]
// do. A Parser is safe for concurrent use as long as it is not changed.
type Parser struct {
	// KeepUnmapped keeps the extension keys that the mapping of a record
	// does not use in claroty.xdome.unmapped (see [Unmapped]): each with
	// its value as given, a list literal as the array of its entries.
	// A key the mapping uses is not repeated there, even when its value
	// was invalid or lost to a key of higher rank; the server-incident
	// keys on other kinds of record, and change_description on records
	// that are not changes, are unused and so are kept. None, an empty
	// value and an empty list keep nothing; of a repeated key the last
	// occurrence counts. Keeping them costs an allocation per line.
	KeepUnmapped bool

	// Location is the zone of the times written without an offset or zone
	// (the ISO 8601 and "MMM dd yyyy HH:mm:ss" times, and every date: a
	// date alone is midnight there); nil is UTC. Times with an offset,
	// rt in epoch milliseconds, certificate dates and the syslog header's
	// time are not affected. A local time that a clock change skips or
	// repeats is resolved as time.Date resolves it.
	Location *time.Location

	// NormalizeMAC writes the MAC addresses of source.mac, destination.mac,
	// host.mac and claroty.xdome.other_device.mac as ECS's pattern asks,
	// upper case with "-" (00:50:56:94:2b:94 is 00-50-56-94-2B-94), when
	// they are six or eight two-digit hexadecimal groups separated by ":"
	// or "-"; any other value is kept as given.
	NormalizeMAC bool
}

// Parse is [Parse] with p's options.
func (p *Parser) Parse(line []byte) (*Event, error) {
	ev := new(Event)
	if err := ev.parse(line, p.options()); err != nil {
		return nil, err
	}
	return ev, nil
}

// ParseInto is [ParseInto] with p's options.
func (p *Parser) ParseInto(ev *Event, line []byte) error {
	return ev.parseInto(line, p.options())
}

// AppendECS is [AppendECS] with p's options.
func (p *Parser) AppendECS(dst, line []byte) ([]byte, error) {
	return appendECS(dst, line, p.options())
}

// options returns the options of p; a nil Parser has none.
func (p *Parser) options() Parser {
	if p == nil {
		return Parser{}
	}
	return *p
}
