// Package xdome turns Claroty xDome security events, CEF records sent over
// syslog, into Elastic Common Schema (ECS) documents.
//
// The fast path, [AppendECS], appends a line's document to a buffer, which
// is reused for every line and written out as NDJSON, one document per
// line:
//
//	var doc []byte
//	for in.Scan() {
//		var err error
//		doc, err = xdome.AppendECS(doc[:0], in.Bytes())
//		if err != nil {
//			continue // not a CEF record: a *ParseError; report it
//		}
//		doc = append(doc, '\n')
//		out.Write(doc)
//	}
//
// It writes byte for byte what json.Marshal writes for the [Event] that
// [Parse] returns, without keeping an Event or copying the line, and
// without allocating once the buffer has grown. [Parse] and [ParseInto]
// give that Event, to look at fields before writing them out with
// [Event.AppendJSON]; [ParseCEF] gives the CEF record alone, every key
// included. The package example is the loop above in full; the module's
// examples/ndjson is it as a complete program.
//
// # Input
//
// One line holds one record:
//
//	CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension
//
// The header has 7 "|"-separated fields after "CEF:"; inside them `\|` and
// `\\` are escapes and any other backslash is kept. A record with no
// extension may omit the "|" after Severity. The version is an integer
// (xDome sends 0; 1 is accepted). Severity is an integer 0-10 or one of the
// CEF words Unknown (0), Low (3), Medium (6), High (8), Very-High (10), in
// any case.
//
// The extension is space-separated key=value pairs. A key is a run of
// letters, digits, "_", "." "[" and "]" that starts the extension or
// follows a space, and ends at an "=". A value runs up to the space before
// the next key, so it may hold spaces, and an "=" inside a value that does
// not follow " key" stays in the value (as in "see http://h/?user=admin").
// In values `\=`, `\\`, `\n` and `\r` are escapes; any other backslash is
// kept, since xDome writes regex text such as `\x20` unescaped. The last
// value loses trailing white space. xDome writes Python-style values:
// None is "no value", and lists look like ['1.2.3.4', None] or [].
// When a key occurs twice, the last occurrence wins.
//
// # Tolerated
//
// Leading and trailing white space and line breaks (\n, \r\n). A syslog
// header in front of "CEF:": RFC 3164 ("<134>Feb  6 14:18:48 host tag: "),
// RFC 5424 with or without structured data and with a UTF-8 BOM, each
// possibly behind an RFC 6587 octet count ("312 <134>1 ..."). Relay damage:
// a syslog relay that took "CEF:" for the tag and dropped it, leaving
// "<134>Feb  6 14:21:52 host 0|Claroty|...": the header after a syslog
// header is parsed as if "CEF:" stood before it when it starts with a
// version number and a "|".
//
// # Rejected
//
// [Parse] and [ParseCEF] return a *[ParseError] (never a nil event with a
// nil error) for empty input ([ErrEmpty]), a line without a CEF record
// ([ErrNotCEF]), a header of fewer than 7 fields ([ErrHeader]) and a version
// that is not an integer ([ErrVersion]). The error gives the byte offset in
// the line.
//
// # Bad values
//
// A bad value of one field (a port that is not 0-65535, an address,
// timestamp or date that does not parse, an unknown severity) does not
// fail the line: the field is left out, the rest is mapped, and the
// problem is recorded in the event's ECS error.message, one clause per bad
// value joined by "; ", such as `src_port: invalid port "abc"`. The raw
// line stays in message, so nothing is lost.
//
// # Output
//
// See [Event], and docs/mapping.md in the module, for the field mapping. The documents of the
// vendor integration page are reproduced exactly; fields the line did not
// give are left out (no empty strings, objects, nulls or zeros). Parse is
// safe for concurrent use: it shares no mutable state.
package xdome
