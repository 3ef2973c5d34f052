package xdome

// ParseString is [Parse] for a line held in a string, as a log pipeline
// that receives its records as strings has them: it makes no copy of the
// line. A Go string never changes, so the strings of the Event are pieces
// of line itself (only a value with escape sequences, an error.message or
// a lower-cased transport is new text). The other side of that: the Event
// keeps all of line in memory as long as one of its strings is alive; use
// [Event.Clone] and clone the strings you keep if that matters.
//
// It accepts, rejects and maps exactly as Parse does on the same bytes,
// with the same *[ParseError] on failure.
func ParseString(line string) (*Event, error) {
	ev := new(Event)
	if err := ev.parseString(line, Parser{}); err != nil {
		return nil, err
	}
	return ev, nil
}

// ParseStringInto is [ParseInto] for a line held in a string: ev is reset
// and its storage reused, and no copy of line is made (see [ParseString]),
// so the usual line costs no allocation at all. What ev carries from one
// line to the next holds nothing of line: the domain split it remembers
// is a copy, and the certificate storage is cleared with the rest of ev,
// so a pooled Event does not keep an old line alive. On error, ev is left
// reset.
func ParseStringInto(ev *Event, line string) error {
	return ev.parseStringInto(line, Parser{})
}

// ParseString is [ParseString] with p's options.
func (p *Parser) ParseString(line string) (*Event, error) {
	ev := new(Event)
	if err := ev.parseString(line, p.options()); err != nil {
		return nil, err
	}
	return ev, nil
}

// ParseStringInto is [ParseStringInto] with p's options.
func (p *Parser) ParseStringInto(ev *Event, line string) error {
	return ev.parseStringInto(line, p.options())
}

// parseStringInto is ParseStringInto with options.
func (ev *Event) parseStringInto(line string, opt Parser) error {
	ev.release() // as AppendECS leaves its Events: nothing of a line kept
	return ev.parseString(line, opt)
}

// parseString maps line on an empty Event; its strings are views of the
// caller's text, as for AppendECS.
func (ev *Event) parseString(line string, opt Parser) error {
	trimmed, base := trimLine(line)
	return ev.parseMessage(trimmed, base, opt)
}
