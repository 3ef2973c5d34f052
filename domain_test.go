package xdome

import (
	"strings"
	"testing"
)

// TestDomainMemo checks the memo behind domainParts: its parts are those
// of splitDomain, cut from the name it is given (a new line's own bytes,
// also on a hit), and it keeps a copy of the name, not the line's bytes.
func TestDomainMemo(t *testing.T) {
	var memo domainMemo
	for _, name := range []string{"nrldv001.prod.example.com", "nrldv001.prod.example.com",
		"WWW.Example.CO.UK.", "www.example.co.uk.", "com", "localhost", "10.1.2.3", "a..b.com",
		"x.cloudfront.net", "x.cloudfront.net", "nrldv001.prod.example.com"} {
		buf := []byte(name)
		d := viewString(buf)
		r, s, tld := memo.parts(d)
		wr, ws, wt := splitDomain(name)
		if r != wr || s != ws || tld != wt {
			t.Errorf("parts(%q) = %q %q %q, want %q %q %q", name, r, s, tld, wr, ws, wt)
		}
		for i := range buf {
			buf[i] = 'X'
		}
		if memo.name != name {
			t.Errorf("after %q the memo's name is %q: a view of the line", name, memo.name)
		}
		if r != "" && !strings.Contains(r, "X") {
			t.Errorf("parts(%q): registered domain %q is not cut from the name given", name, r)
		}
	}
}
