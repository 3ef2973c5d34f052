package xdome

import (
	"net/netip"
	"slices"
	"strings"
)

// fillRelated sets related.* from the fields already mapped: every IP of
// the event (source, destination, host, other device), the user, the certificate hashes
// and the host names (destination and source domains, host.name). Each
// list is unique and sorted by its text in byte order (so "172.23.44.46"
// sorts before "5.6.7.8"), and nil when empty. The lists live in the Event's own arrays, so the usual event
// allocates nothing here; the lists are short, so insertion sort is the
// fastest sort.
func (m *mapper) fillRelated() {
	ev := m.ev
	r := &ev.Related
	st := &ev.store

	ips := st.relatedIP[:0]
	if n := len(ev.Host.IP) + 2; n > cap(ips) {
		ips = make([]netip.Addr, 0, n) // a long list: one allocation
	}
	ips = appendAddr(ips, ev.Source.IP)
	ips = appendAddr(ips, ev.Destination.IP)
	for _, a := range ev.Host.IP {
		ips = appendAddr(ips, a)
	}
	for _, a := range ev.Claroty.XDome.OtherDevice.IP {
		ips = appendAddr(ips, a)
	}
	if len(ips) > 0 {
		r.IP = sortUniqueAddrs(ips)
	}

	if ev.User.Name != "" {
		r.User = m.keepStrs(append(m.strBuf(), ev.User.Name))
	}

	hashes := m.strBuf()
	for _, peer := range [...]*TLSPeer{ev.TLS.Client, ev.TLS.Server} {
		if peer != nil {
			hashes = appendString(hashes, peer.Hash.SHA1)
		}
	}
	if len(hashes) > 0 {
		r.Hash = m.keepStrs(sortUniqueStrings(hashes))
	}

	hosts := m.strBuf()
	hosts = appendString(hosts, ev.Destination.Domain)
	hosts = appendString(hosts, ev.Source.Domain)
	hosts = appendString(hosts, ev.Host.Name)
	if len(hosts) > 0 {
		r.Hosts = m.keepStrs(sortUniqueStrings(hosts))
	}
}

func appendAddr(list []netip.Addr, a netip.Addr) []netip.Addr {
	if !a.IsValid() {
		return list
	}
	return append(list, a)
}

func appendString(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// sortUniqueStrings sorts list in byte order and drops repeats, in place.
func sortUniqueStrings(list []string) []string {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j] < list[j-1]; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
	out := list[:1]
	for _, s := range list[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}

// sortUniqueAddrs sorts list by the text of each address, in byte order,
// and drops repeats, in place. Each address is formatted once: a short
// list (the usual one) into buffers on the stack and an insertion sort; a
// longer one (a hostile line may hold millions) into one string, and a
// sort of O(n log n) comparisons of those texts.
func sortUniqueAddrs(list []netip.Addr) []netip.Addr {
	const short = len(store{}.relatedIP)
	if len(list) <= short {
		var bufs [short][48]byte
		var text [short][]byte
		for i, a := range list {
			text[i] = a.AppendTo(bufs[i][:0])
		}
		for i := 1; i < len(list); i++ {
			for j := i; j > 0 && string(text[j]) < string(text[j-1]); j-- {
				list[j], list[j-1] = list[j-1], list[j]
				text[j], text[j-1] = text[j-1], text[j]
			}
		}
	} else {
		// Repeats go first, by value, in place: a hostile list may hold
		// one address a million times, and only distinct ones need
		// their text.
		slices.SortFunc(list, netip.Addr.Compare)
		list = slices.Compact(list)
		if len(list) <= short {
			return sortUniqueAddrs(list)
		}
		type keyed struct {
			text string
			a    netip.Addr
		}
		var buf []byte
		ends := make([]int, len(list))
		for i, a := range list {
			buf = a.AppendTo(buf)
			ends[i] = len(buf)
		}
		all := string(buf)
		keys := make([]keyed, len(list))
		start := 0
		for i, a := range list {
			keys[i] = keyed{all[start:ends[i]], a}
			start = ends[i]
		}
		slices.SortFunc(keys, func(x, y keyed) int { return strings.Compare(x.text, y.text) })
		for i, k := range keys {
			list[i] = k.a
		}
	}
	out := list[:1]
	for _, a := range list[1:] {
		if a != out[len(out)-1] {
			out = append(out, a)
		}
	}
	return out
}
