package xdome

import "strings"

// keyByte marks the bytes a CEF extension key is made of: letters, digits,
// "_", and the "." "[" "]" that some producers use (ad.field, cs1[0]).
// A table lookup is the cheapest test on the scanner's hot path.
var keyByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['_'], t['.'], t['['], t[']'] = true, true, true, true
	return t
}()

// extScanner walks the key=value pairs of a CEF extension.
//
// A key is a run of key bytes that starts the extension or follows a space
// and ends at an "=". A value runs from that "=" up to the space before the
// next key, so values may hold spaces, and an "=" that is not preceded by
// " key" (as in "http://h/?user=admin") stays inside the value. Rather than
// test every byte, the scanner jumps from "=" to "=" with IndexByte and
// looks back over the key bytes before each: the look-back stops at the
// first non-key byte, so every byte is looked at a bounded number of times
// and the cost stays linear in the length of the line.
//
// The scanner keeps only offsets: it hands each pair back as results, since
// storing strings in it would cost a GC write barrier per pair.
type extScanner struct {
	s string
	// Where the next key starts and where its "=" is; nextKey == len(s)
	// when there is none.
	nextKey, nextEq int
}

// newExtScanner returns a scanner positioned at the first key of ext.
// Text before the first key (not valid CEF) is skipped; it stays in the
// event's message.
func newExtScanner(ext string) extScanner {
	k, eq := findKey(ext, 0)
	return extScanner{s: ext, nextKey: k, nextEq: eq}
}

// next returns the next pair, its value still escaped (see unescapeValue),
// and false when there is none. It is small enough to be inlined into the
// loops that call it.
func (sc *extScanner) next() (key, raw string, ok bool) {
	s, k, eq := sc.s, sc.nextKey, sc.nextEq
	if k >= len(s) {
		return "", "", false
	}
	sc.nextKey, sc.nextEq = findKey(s, eq+1)
	return s[k:eq], s[eq+1 : valueEnd(s, eq+1, sc.nextKey)], true
}

// valueEnd returns where the value starting at start ends, given where
// the next key starts: the single space before that key separates the
// pairs, and the last value loses trailing white space.
func valueEnd(s string, start, nextKey int) int {
	if nextKey < len(s) {
		return nextKey - 1
	}
	end := len(s)
	for end > start && isSpace(s[end-1]) {
		end--
	}
	return end
}

// findKey returns the start of the first key at or after from and the
// offset of its "=", or (len(s), len(s)) when there is none.
func findKey(s string, from int) (int, int) {
	for from < len(s) {
		i := strings.IndexByte(s[from:], '=')
		if i < 0 {
			break
		}
		eq := from + i
		// Look back over the key bytes before the "=" (within the value
		// searched, as a slice, so that no index needs a bounds check).
		// Four bytes a step first: the four lookups are independent, so
		// the processor does them together.
		b := s[from:eq]
		n := len(b)
		for n >= 4 && keyByte[b[n-1]] && keyByte[b[n-2]] && keyByte[b[n-3]] && keyByte[b[n-4]] {
			n -= 4
		}
		for n > 0 && keyByte[b[n-1]] {
			n--
		}
		k := from + n
		// A key is not empty and starts the extension or follows a space.
		// An escaped "\=" fails here too: "\" is not a key byte.
		if k < eq && (k == 0 || s[k-1] == ' ') {
			return k, eq
		}
		from = eq + 1
	}
	return len(s), len(s)
}

// unescapeValue resolves the extension escapes of a value: `\=`, `\\`,
// `\n` (line feed) and `\r` (carriage return). Any other backslash stays as
// it is, since xDome writes regex text such as `\x20` unescaped. It
// allocates only when there is an escape to resolve.
func unescapeValue(v string) string {
	i := strings.IndexByte(v, '\\')
	if i < 0 {
		return v
	}
	// Find the first real escape; lone backslashes need no copy.
	for ; i < len(v)-1; i++ {
		if v[i] == '\\' && isValueEscape(v[i+1]) {
			break
		}
	}
	if i >= len(v)-1 {
		return v
	}
	b := make([]byte, i, len(v))
	copy(b, v[:i])
	for ; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) && isValueEscape(v[i+1]) {
			i++
			switch c = v[i]; c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			}
		}
		b = append(b, c)
	}
	return string(b)
}

func isValueEscape(c byte) bool {
	return c == '=' || c == '\\' || c == 'n' || c == 'r'
}
