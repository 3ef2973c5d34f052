package xdome

import (
	"net/netip"
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"
)

// splitDomain decomposes a host name by the ICANN section of the public
// suffix list: for "nrldv001.prod.example.com" it returns the registered
// domain "example.com", the subdomain "nrldv001.prod" and the top-level
// domain "com".
//
// The lookup is made in lower case, but the parts are cut from the name as
// given, so their case is kept; a trailing dot is ignored. Private suffixes
// (such as cloudfront.net) are not suffixes here: a registered domain is
// what its owner registered with an ICANN registry. A name that is itself
// a suffix gets only the top-level domain. An IP address, a single label
// that is not a suffix (localhost), or a name whose last label is not an
// ICANN top-level domain (plc01.plant.local) gets nothing. Empty parts are
// returned as "".
func splitDomain(name string) (registered, subdomain, tld string) {
	name = strings.TrimSuffix(name, ".")
	if name == "" || strings.HasPrefix(name, ".") || strings.Contains(name, "..") {
		return "", "", ""
	}
	if mayBeIP(name) {
		if _, err := netip.ParseAddr(name); err == nil {
			return "", "", ""
		}
	}
	lower := name
	if hasUpper(name) {
		// ASCII lower-casing keeps every byte offset, so the parts found
		// in lower can be cut from name. (publicsuffix takes ASCII or
		// punycode names; other bytes are left as they are.)
		lower = asciiLower(name)
	}
	suffix := icannSuffix(lower)
	if suffix == "" {
		return "", "", ""
	}
	tld = name[len(name)-len(suffix):]
	if len(suffix) == len(name) {
		return "", "", tld
	}
	// The registered domain is the suffix and the one label before it.
	rest := name[:len(name)-len(suffix)-1]
	dot := strings.LastIndexByte(rest, '.')
	registered = name[dot+1:]
	if dot > 0 {
		subdomain = name[:dot]
	}
	return registered, subdomain, tld
}

// domainParts returns splitDomain(d), cut from d itself, by way of a memo
// of the last name split: publicsuffix.PublicSuffix allocates an error
// value on every call, and a stream repeats its domains. The memos are
// pooled, so that Parse, whose Event is new each time, has them too; a
// memo holds a copy of its name and the parts' lengths, never a piece of
// a line, so it keeps no line alive.
func domainParts(d string) (registered, subdomain, tld string) {
	memo := domainMemos.Get().(*domainMemo)
	registered, subdomain, tld = memo.parts(d)
	domainMemos.Put(memo)
	return registered, subdomain, tld
}

var domainMemos = sync.Pool{New: func() any { return new(domainMemo) }}

// domainMemo is the split of name: the lengths of its registered domain,
// subdomain and top-level domain. The first starts the name, the others
// end it, less a trailing dot (see splitDomain).
type domainMemo struct {
	name                 string
	registered, sub, tld int
}

// parts returns splitDomain(d), from the memo when it is d's.
func (memo *domainMemo) parts(d string) (registered, subdomain, tld string) {
	if memo.name != d {
		r, s, t := splitDomain(d)
		*memo = domainMemo{strings.Clone(d), len(r), len(s), len(t)}
	}
	end := len(strings.TrimSuffix(d, "."))
	return d[end-memo.registered : end], d[:memo.sub], d[end-memo.tld : end]
}

// icannSuffix returns the public suffix of the lower-case name by ICANN
// rules alone, or "" when its last label is not an ICANN top-level domain.
// publicsuffix.PublicSuffix answers with the longest rule of either
// section; when that is a private rule, the ICANN suffix is found by
// looking up the private suffix less its first label, until an ICANN rule
// matches or no label is left.
func icannSuffix(name string) string {
	for {
		suffix, icann := publicsuffix.PublicSuffix(name)
		if icann {
			return suffix
		}
		// A private rule, or no rule at all (then suffix is the last
		// label and the loop ends after it).
		dot := strings.IndexByte(suffix, '.')
		if dot < 0 {
			return ""
		}
		name = suffix[dot+1:]
	}
}

// mayBeIP reports whether name could be an IP address: IPv6 has a colon,
// and IPv4 ends in a digit, which no top-level domain does. The test spares
// host names the error value that a failed netip.ParseAddr allocates.
func mayBeIP(name string) bool {
	return strings.IndexByte(name, ':') >= 0 || isDigit(name[len(name)-1])
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
