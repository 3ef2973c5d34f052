package xdome

// AppendText appends t to b in the format described at [Time], as
// MarshalText writes it, without allocating when b has room: it is
// encoding.TextAppender for Time. Without it, Time would get time.Time's
// AppendText through the embedded field, which writes nanoseconds and the
// zone, another text than MarshalText's for any encoder that prefers an
// appender.
func (t Time) AppendText(b []byte) ([]byte, error) {
	return t.appendText(b), nil
}
