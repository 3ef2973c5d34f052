package xdome

import (
	"slices"
	"strings"
)

// Unmapped is claroty.xdome.unmapped: the extension keys that the mapping
// of a record did not use, kept by a [Parser] with KeepUnmapped, one
// field a key, sorted by key. It encodes as a JSON object of each key to
// its value: a string, or for a list literal the array of its entries.
type Unmapped []UnmappedField

// UnmappedField is one unmapped key: Value is its value as given (with
// its escape sequences resolved), or, when the value is a list literal
// such as ['a', 'b'], List holds its entries and Value is empty.
type UnmappedField struct {
	Key   string
	Value string
	List  []string
}

// MarshalJSON encodes u as the JSON object that [Event.AppendJSON] writes.
func (u Unmapped) MarshalJSON() ([]byte, error) {
	if u == nil {
		return []byte("null"), nil
	}
	return appendUnmapped(nil, u), nil
}

// clone returns a copy of u that shares no storage with it.
func (u Unmapped) clone() Unmapped {
	if u == nil {
		return nil
	}
	c := slices.Clone(u)
	for i := range c {
		c[i].List = slices.Clone(c[i].List)
	}
	return c
}

// unmappedFields turns the unused keys of a line, in the order of the line,
// into the Unmapped field: the last occurrence of a key counts, a key
// whose last value is empty (None included) or an empty list is left
// out, and a list literal becomes its entries (as device_ip_list's are
// read, without address checks).
func unmappedFields(pairs []UnmappedField) Unmapped {
	// Stable: of the occurrences of a key, the last stays last.
	slices.SortStableFunc(pairs, func(a, b UnmappedField) int { return strings.Compare(a.Key, b.Key) })
	out := make(Unmapped, 0, len(pairs))
	for i, f := range pairs {
		if i+1 < len(pairs) && pairs[i+1].Key == f.Key {
			continue // a later occurrence wins
		}
		if v := trimSpace(f.Value); len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' {
			f.List = appendList(nil, v)
			if len(f.List) == 0 {
				continue
			}
			f.Value = ""
		} else if f.Value == "" {
			continue
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// unmappedField writes the member key of u when u is not empty.
func unmappedField(b []byte, key string, u Unmapped) []byte {
	if len(u) == 0 {
		return b
	}
	b = append(b, key...)
	return appendUnmapped(b, u)
}

// appendUnmapped writes u as a JSON object.
func appendUnmapped(b []byte, u Unmapped) []byte {
	b = append(b, '{')
	for i, f := range u {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.Key)
		b = append(b, ':')
		if f.List != nil {
			b = append(b, '[')
			for j, s := range f.List {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, s)
			}
			b = append(b, ']')
		} else {
			b = appendJSONString(b, f.Value)
		}
	}
	return append(b, '}')
}
