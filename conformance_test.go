package xdome

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// This file proves that the documents are ECS: every field outside
// claroty.xdome.* is a field of the ECS 9.4.0 reference, testdata/ecs/fields.csv
// (elastic/ecs generated/csv/fields.csv at tag v9.4.0, Apache-2.0), and its
// JSON value is what Elasticsearch expects for the field's type. What the
// CSV does not say comes from testdata/ecs/ecs_flat.yml (generated/ecs/ecs_flat.yml
// of the same release): the allowed values of event.kind, event.category
// and event.type, the event types each category expects, and the patterns
// of fields such as the MAC addresses. The claroty.xdome.* fields are
// checked against fields.yml, which index-template.json maps.

// customPrefix is where the fields that ECS has no place for live.
const customPrefix = "claroty.xdome."

// ecsField is one field of the ECS reference, or of fields.yml.
type ecsField struct {
	name    string
	typ     string // keyword, long, ip, date, ...
	array   bool   // Normalization "array": the field may hold a list
	example string

	// From ecs_flat.yml (see newECSChecker); nil where ECS gives none.
	pattern *regexp.Regexp
	allowed map[string][]string // allowed value -> its expected_event_types
}

// loadECS reads testdata/ecs/fields.csv, finding its columns by the header
// row so that a newer reference with extra columns still loads.
func loadECS(t testing.TB) map[string]ecsField {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "ecs", "fields.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatalf("fields.csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"ECS_Version", "Field", "Type", "Normalization", "Example"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("fields.csv: no column %q in header %q", h, header)
		}
	}
	fields := map[string]ecsField{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("fields.csv: %v", err)
		}
		if v := rec[col["ECS_Version"]]; v != "9.4.0" {
			t.Fatalf("fields.csv: ECS version %q, want 9.4.0", v)
		}
		fld := ecsField{
			name:    rec[col["Field"]],
			typ:     rec[col["Type"]],
			array:   slices.Contains(strings.Split(rec[col["Normalization"]], ","), "array"),
			example: rec[col["Example"]],
		}
		fields[fld.name] = fld
	}
	if len(fields) < 1000 {
		t.Fatalf("fields.csv: only %d fields", len(fields))
	}
	return fields
}

// customField is one entry of fields.yml.
type customField struct {
	name, typ, description string
	array                  bool // normalize lists array, as in ECS
}

// loadFieldsYML reads fields.yml: a YAML list of {name, type, description}
// entries, one key per line, and for a list field a `normalize:` key whose
// block list holds `array` (as ECS writes it). That is all this reader
// understands (the module has no YAML dependency). Anything else that is
// not a comment or blank fails the test, so the file cannot drift into
// YAML this reader would misread.
func loadFieldsYML(t testing.TB) []customField {
	t.Helper()
	data, err := os.ReadFile("fields.yml")
	if err != nil {
		t.Fatal(err)
	}
	var out []customField
	inNormalize := false // the last key was `  normalize:`
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ": ")
		listItem, isItem := strings.CutPrefix(line, "    - ")
		wasNormalize := inNormalize
		inNormalize = false
		switch {
		case ok && key == "- name":
			out = append(out, customField{name: value})
		case ok && len(out) > 0 && key == "  type":
			out[len(out)-1].typ = value
		case ok && len(out) > 0 && key == "  description":
			out[len(out)-1].description = value
		case len(out) > 0 && line == "  normalize:":
			inNormalize = true
			continue
		case wasNormalize && isItem:
			if listItem != "array" {
				t.Errorf("fields.yml:%d: normalization %q, want array", n, listItem)
			}
			out[len(out)-1].array = true
			inNormalize = true
			continue
		default:
			t.Fatalf("fields.yml:%d: want `- name: `, `  type: `, `  description: ` or `  normalize:` with `    - array`, got %q", n, line)
		}
		// A plain YAML scalar must not contain ": " or " #", nor start
		// with a character that YAML reads as syntax.
		if strings.Contains(value, ": ") || strings.Contains(value, " #") ||
			value == "" || strings.ContainsAny(value[:1], `-?:,[]{}#&*!|>'"%@`+"`") {
			t.Errorf("fields.yml:%d: value %q is not a simple plain YAML scalar", n, value)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// customTypes returns fields.yml by name, checking each entry.
func customTypes(t testing.TB) map[string]customField {
	t.Helper()
	m := map[string]customField{}
	for _, f := range loadFieldsYML(t) {
		if !strings.HasPrefix(f.name, customPrefix) {
			t.Errorf("fields.yml: %q is not under %s", f.name, customPrefix)
		}
		switch f.typ {
		case "keyword", "date", "boolean", "ip", "flattened":
		default:
			t.Errorf("fields.yml: %s: type %q, want keyword, date, boolean, ip or flattened", f.name, f.typ)
		}
		if f.description == "" {
			t.Errorf("fields.yml: %s has no description", f.name)
		}
		if _, dup := m[f.name]; dup {
			t.Errorf("fields.yml: %s listed twice", f.name)
		}
		m[f.name] = f
	}
	return m
}

// ecsFlatField is what the checker takes from one field of ecs_flat.yml.
type ecsFlatField struct {
	typ     string
	pattern string
	allowed []ecsAllowedValue
}

// ecsAllowedValue is one entry of a field's allowed_values.
type ecsAllowedValue struct {
	name     string
	expected []string // expected_event_types (event.category only)
}

// loadECSFlat reads testdata/ecs/ecs_flat.yml: each field's type, pattern
// and allowed values. The module has no YAML dependency, so this reads the
// block YAML that ECS's generator (PyYAML) writes, and only as much as it
// needs: a field is a key at column 0; its keys are at column 2, among them
// `type:`, `pattern:` and `allowed_values:`, a list whose items ("  - ")
// have keys at column 4, `name:` and `expected_event_types:` with its list
// ("    - "). Every other key is skipped with its value: a quoted scalar
// up to its closing quote, a plain scalar with its more indented
// continuation lines. TestECSFlat checks the result against fields.csv.
func loadECSFlat(t testing.TB) map[string]*ecsFlatField {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "ecs", "ecs_flat.yml"))
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]*ecsFlatField{}
	var (
		field   *ecsFlatField
		section string           // the field's column-2 key being read
		item    *ecsAllowedValue // the allowed value being read
		list    string           // the item's column-4 key being read
		quote   byte             // inside a multi-line scalar quoted by it
		plain   = -1             // column of a key whose plain scalar may continue
	)
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		if quote != 0 {
			if closesQuote(line, quote) {
				quote = 0
			}
			continue
		}
		body := strings.TrimLeft(line, " ")
		if body == "" {
			continue
		}
		col := len(line) - len(body)
		if plain >= 0 && col > plain {
			continue // a plain scalar's continuation
		}
		plain = -1
		dash := strings.HasPrefix(body, "- ")
		if dash {
			body = body[2:]
			col += 2
		}
		key, value, isKey := cutYAMLKey(body)
		if !isKey {
			key, value = "", body
		}
		if v := value; v != "" && (v[0] == '\'' || v[0] == '"') {
			if !closesQuote(v[1:], v[0]) {
				quote = v[0]
			}
			value = unquoteYAML(v)
		} else if v != "" {
			// A plain scalar continues on lines indented past its key,
			// or past the dash of a list item that is a plain scalar.
			plain = col
			if dash && !isKey {
				plain = col - 2
			}
		}
		switch {
		case col == 0 && isKey && !dash && value == "":
			field = &ecsFlatField{}
			fields[key] = field
			section, item, list = "", nil, ""
		case field == nil:
			t.Fatalf("ecs_flat.yml:%d: %q before the first field", n, line)
		case col == 2 && isKey && !dash:
			section, item, list = key, nil, ""
			switch key {
			case "type":
				field.typ = value
			case "pattern":
				field.pattern = value
			}
		case section != "allowed_values":
			// another key's content
		case col == 4 && dash && isKey:
			// "  - key: value" starts an allowed value.
			field.allowed = append(field.allowed, ecsAllowedValue{})
			item = &field.allowed[len(field.allowed)-1]
			fallthrough
		case col == 4 && isKey && !dash && item != nil:
			list = key
			if key == "name" {
				item.name = value
			}
		case col == 6 && dash && !isKey && item != nil && list == "expected_event_types":
			item.expected = append(item.expected, value)
		}
	}
	if quote != 0 {
		t.Fatal("ecs_flat.yml: a quoted scalar does not end")
	}
	return fields
}

// cutYAMLKey splits "key: value" or "key:" (a key with a block below it).
// A key may be single-quoted, as '@timestamp' is.
func cutYAMLKey(s string) (key, value string, ok bool) {
	if strings.HasPrefix(s, "'") {
		end := strings.Index(s, "':")
		if end < 0 || (len(s) > end+2 && s[end+2] != ' ') {
			return "", "", false
		}
		return strings.ReplaceAll(s[1:end], "''", "'"), strings.TrimSpace(s[end+2:]), true
	}
	if k, ok := strings.CutSuffix(s, ":"); ok && !strings.Contains(k, ": ") {
		return k, "", true
	}
	k, v, ok := strings.Cut(s, ": ")
	if !ok || strings.ContainsAny(k[:1], `'"[{`) {
		return "", "", false
	}
	return k, v, true
}

// closesQuote reports whether s, the text after an opening quote or a
// continuation line of a quoted scalar, holds the closing quote q.
func closesQuote(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++ // an escape: the next byte is not a quote
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++ // '' is a quote inside a single-quoted scalar
		case s[i] == q:
			return true
		}
	}
	return false
}

// unquoteYAML returns the value of a quoted scalar that ends on its line.
// The checker uses only such values (names, types, patterns); any other
// comes back as written, and is not used.
func unquoteYAML(v string) string {
	switch v[0] {
	case '\'':
		inner, ok := strings.CutSuffix(v[1:], "'")
		if ok && !strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
			return strings.ReplaceAll(inner, "''", "'")
		}
	case '"':
		if s, err := strconv.Unquote(v); err == nil {
			return s
		}
	}
	return v
}

// A rule is one property the checker demands of a value.
type rule string

const (
	ruleField    rule = "not an ECS 9.4 field"
	ruleCustom   rule = "not a custom field of fields.yml"
	ruleType     rule = "does not fit the ECS type"
	ruleArray    rule = "array in a field that is not an ECS array"
	ruleEmpty    rule = "empty value (no empty objects, arrays or null)"
	rulePattern  rule = "does not match the ECS pattern of the field"
	ruleAllowed  rule = "not an allowed value of the ECS field"
	ruleExpected rule = "not an expected event.type of the event's categories"
)

// waivable are the rules an allow-list entry may waive: both are about
// the form of a value Elasticsearch still indexes as the field's type.
var waivable = []rule{rulePattern, ruleArray}

// An ecsDeviation lets one path break one rule. The six golden samples are
// the contract (where the vendor page and its samples disagree, the
// samples win), so where they depart from ECS the documents must too; each
// entry names the samples that show it, or for a departure the mapping
// makes beyond the samples, a line of the kind it describes.
// TestECSDeviationsNeeded fails if a named sample or the line no longer
// shows the deviation, so the list cannot go stale.
type ecsDeviation struct {
	path    string
	rule    rule
	samples []string // golden samples that depart from ECS here
	line    string   // or an input line whose document does
	why     string
}

// goldenNames are all six samples of testdata/golden.
var goldenNames = []string{
	"test_auth_failed_login", "test_auth_with_plaintext_password",
	"test_auth_with_weak_password", "test_expired_certificate",
	"test_phi_protocol", "test_smb_communication",
}

// ecsDeviations is the complete list of allowed departures from ECS 9.4.
//
// Not listed because it is no departure: tls.*.x509.subject.* are arrays in
// ECS and single strings in test_expired_certificate, but an ECS array field
// may hold a single value (Elasticsearch indexes a value and a one-element
// list alike), so the checker accepts them without an entry.
var ecsDeviations = []ecsDeviation{
	{
		path: "source.mac", rule: rulePattern, samples: goldenNames,
		why: `every golden sample keeps xDome's lower-case, colon-separated src_mac, e.g. test_smb_communication "fc:3f:db:0d:87:89"`,
	},
	{
		path: "destination.mac", rule: rulePattern, samples: goldenNames,
		why: `every golden sample keeps xDome's lower-case, colon-separated dst_mac, e.g. test_smb_communication "c8:d3:ff:9b:4f:9c"`,
	},
	{
		path: "host.mac", rule: rulePattern, samples: goldenNames,
		why: `every golden sample keeps xDome's device_mac_list entries as given, e.g. test_smb_communication ["fc:3f:db:0d:87:89"]`,
	},
	{
		path: "vulnerability.id", rule: ruleArray,
		line: "CEF:0|Claroty|xDome|1.0|1|vulnerability_affected_device|5|vulnerability_cves=['CVE-2021-44228', 'CVE-2021-45046']",
		why:  `docs/mapping.md, "Vulnerability records": vulnerability_cves is a list and a record naming several CVEs keeps them all; ECS 9.4 does not mark vulnerability.id as an array`,
	},
}

// violation is one value that breaks a rule.
type violation struct {
	path  string
	value string // the JSON text of the value
	rule  rule
	note  string // what exactly is wrong, when the rule alone does not say
}

func (v violation) String() string {
	s := fmt.Sprintf("%s = %s: %s", v.path, v.value, v.rule)
	if v.note != "" {
		s += " (" + v.note + ")"
	}
	return s
}

// ecsChecker checks documents against the ECS reference and fields.yml.
type ecsChecker struct {
	ecs    map[string]ecsField
	custom map[string]ecsField // fields.yml
	allow  map[string][]rule   // from ecsDeviations
}

// newECSChecker loads fields.csv, adds the patterns and allowed values of
// ecs_flat.yml, and loads fields.yml.
func newECSChecker(t testing.TB) *ecsChecker {
	t.Helper()
	c := &ecsChecker{ecs: loadECS(t), custom: map[string]ecsField{}, allow: map[string][]rule{}}
	for name, ff := range loadECSFlat(t) {
		f, ok := c.ecs[name]
		if !ok {
			t.Fatalf("ecs_flat.yml: %s is not in fields.csv", name)
		}
		if ff.pattern != "" {
			re, err := regexp.Compile(ff.pattern)
			if err != nil {
				t.Fatalf("ecs_flat.yml: %s: pattern: %v", name, err)
			}
			f.pattern = re
		}
		if len(ff.allowed) > 0 {
			f.allowed = map[string][]string{}
			for _, a := range ff.allowed {
				f.allowed[a.name] = a.expected
			}
		}
		c.ecs[name] = f
	}
	for name, cf := range customTypes(t) {
		c.custom[name] = ecsField{name: name, typ: cf.typ, array: cf.array}
	}
	for _, d := range ecsDeviations {
		c.allow[d.path] = append(c.allow[d.path], d.rule)
	}
	return c
}

// allowed reports whether an allow-list entry lets path break r.
func (c *ecsChecker) allowed(path string, r rule) bool {
	return slices.Contains(c.allow[path], r)
}

// checkRun is one run of check: the violations found so far and the event
// categories and types, checked against each other once the walk is done.
type checkRun struct {
	out        []violation
	categories []string // the allowed values of event.category
	types      []string // the allowed values of event.type
	hasCat     bool     // event.category is present, allowed or not
}

func (r *checkRun) add(path string, v any, ru rule, note string) {
	r.out = append(r.out, violation{path: path, value: jsonText(v), rule: ru, note: note})
}

// check returns every violation in doc, a document decoded by decodeJSON.
func (c *ecsChecker) check(doc any) []violation {
	obj, ok := doc.(map[string]any)
	if !ok {
		return []violation{{path: "(document)", value: jsonText(doc), rule: ruleType, note: "a document is a JSON object"}}
	}
	r := &checkRun{}
	c.walkObject(r, "", obj)
	c.checkEventTypes(r)
	return r.out
}

// checkEventTypes demands that every event.type be one that an
// event.category of the event expects (ECS expected_event_types). A type
// that is not an allowed value at all is already reported; so is a
// category that is not, and then its types are not held against it.
func (c *ecsChecker) checkEventTypes(r *checkRun) {
	if len(r.types) == 0 || (r.hasCat && len(r.categories) == 0) {
		return
	}
	byCategory := c.ecs["event.category"].allowed
	for _, typ := range r.types {
		if !slices.ContainsFunc(r.categories, func(cat string) bool { return slices.Contains(byCategory[cat], typ) }) {
			note := fmt.Sprintf("categories %q expect none of them", r.categories)
			if !r.hasCat {
				note = "no event.category to expect it"
			}
			r.add("event.type", typ, ruleExpected, note)
		}
	}
}

// objectTypes are the ECS types whose value is a JSON object that the
// reference does not describe field by field.
var objectTypes = map[string]bool{"object": true, "flattened": true, "nested": true, "geo_point": true}

func (c *ecsChecker) walkObject(r *checkRun, path string, obj map[string]any) {
	if len(obj) == 0 {
		r.add(path, obj, ruleEmpty, "")
		return
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		p := k
		if path != "" {
			p = path + "." + k
		}
		v := obj[k]
		if sub, ok := v.(map[string]any); ok {
			// An object is an intermediate of dotted names unless the
			// reference says the path itself is a field.
			f, isField := c.ecs[p]
			if cf, ok := c.custom[p]; ok && strings.HasPrefix(p, customPrefix) {
				f, isField = cf, true
			}
			switch {
			case !isField:
				c.walkObject(r, p, sub)
			case objectTypes[f.typ]:
				c.checkValue(r, p, f, v)
			default:
				r.add(p, v, ruleType, "an object in a "+f.typ+" field")
			}
			continue
		}
		c.checkLeaf(r, p, v)
	}
}

// checkLeaf checks a value that is not an object: a scalar, an array or null.
func (c *ecsChecker) checkLeaf(r *checkRun, path string, v any) {
	var f ecsField
	if strings.HasPrefix(path, customPrefix) {
		cf, ok := c.custom[path]
		if !ok {
			r.add(path, v, ruleCustom, "")
			return
		}
		f = cf
	} else {
		ef, ok := c.ecs[path]
		if !ok {
			r.add(path, v, ruleField, "")
			return
		}
		f = ef
		f.array = f.array || f.typ == "nested"
	}
	if path == "event.category" {
		r.hasCat = true
	}
	list, isList := v.([]any)
	if !isList {
		c.checkValue(r, path, f, v)
		return
	}
	if !f.array && !c.allowed(path, ruleArray) {
		r.add(path, v, ruleArray, "")
		return
	}
	if len(list) == 0 {
		r.add(path, v, ruleEmpty, "")
	}
	for _, e := range list {
		if _, nested := e.([]any); nested {
			r.add(path, v, ruleType, "an array inside an array")
			continue
		}
		c.checkValue(r, path, f, e)
	}
}

// checkValue checks one value (not a list) of field f.
func (c *ecsChecker) checkValue(r *checkRun, path string, f ecsField, v any) {
	typ := f.typ
	bad := func(note string) { r.add(path, v, ruleType, note) }
	if v == nil {
		r.add(path, nil, ruleEmpty, "")
		return
	}
	switch typ {
	case "keyword", "constant_keyword", "wildcard", "match_only_text", "text":
		s, ok := v.(string)
		if !ok {
			bad(typ + " wants a JSON string")
			return
		}
		if f.pattern != nil && !f.pattern.MatchString(s) && !c.allowed(path, rulePattern) {
			r.add(path, v, rulePattern, f.pattern.String())
		}
		if f.allowed != nil {
			if _, ok := f.allowed[s]; !ok {
				r.add(path, v, ruleAllowed, "ECS allows "+strings.Join(slices.Sorted(maps.Keys(f.allowed)), ", "))
				return
			}
		}
		switch path {
		case "event.category":
			r.categories = append(r.categories, s)
		case "event.type":
			r.types = append(r.types, s)
		}
	case "long", "integer", "short", "byte":
		bits := map[string]int{"long": 64, "integer": 32, "short": 16, "byte": 8}[typ]
		n, ok := v.(json.Number)
		if !ok {
			bad(typ + " wants a JSON number")
			return
		}
		if _, err := strconv.ParseInt(string(n), 10, bits); err != nil {
			bad(fmt.Sprintf("%s wants an integer of %d bits", typ, bits))
		}
	case "float", "half_float", "double", "scaled_float":
		n, ok := v.(json.Number)
		if !ok {
			bad(typ + " wants a JSON number")
			return
		}
		if _, err := strconv.ParseFloat(string(n), 64); err != nil {
			bad(typ + " wants a finite number")
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("boolean wants true or false")
		}
	case "ip":
		s, ok := v.(string)
		if !ok {
			bad("ip wants a JSON string")
			return
		}
		// Elasticsearch's ip type takes no IPv6 zone ("fe80::1%eth0").
		if a, err := netip.ParseAddr(s); err != nil || a.Zone() != "" {
			bad("ip wants an IPv4 or IPv6 address without a zone")
		}
	case "date":
		s, ok := v.(string)
		if !ok {
			bad("date wants a JSON string")
			return
		}
		if !isRFC3339UTC(s) {
			bad("date wants RFC 3339 in UTC ending in Z, such as 2016-05-23T08:05:34.853Z")
		}
	case "object", "nested":
		if _, ok := v.(map[string]any); !ok {
			bad(typ + " wants a JSON object")
		}
	case "flattened":
		// ECS's: any JSON value (nulls are caught above). The custom
		// ones, claroty.xdome.unmapped: an object of keys to a string or
		// a list of strings, none of them empty.
		if !strings.HasPrefix(path, customPrefix) {
			break
		}
		obj, ok := v.(map[string]any)
		if !ok {
			bad("a custom flattened field wants a JSON object")
			return
		}
		for k, e := range obj {
			switch e := e.(type) {
			case string:
				if e == "" {
					r.add(path+"."+k, e, ruleEmpty, "")
				}
			case []any:
				if len(e) == 0 {
					r.add(path+"."+k, e, ruleEmpty, "")
				}
				for _, s := range e {
					if _, ok := s.(string); !ok {
						bad("a list of " + k + " holds a " + fmt.Sprintf("%T", s))
					}
				}
			default:
				bad(k + " is neither a string nor a list of strings")
			}
		}
	case "geo_point":
		switch v.(type) {
		case string, map[string]any:
		default:
			bad(`geo_point wants "lat,lon" or {"lat":…,"lon":…}`)
		}
	default:
		bad("the checker does not know ECS type " + typ)
	}
}

// isRFC3339UTC reports whether s is an RFC 3339 date-time in UTC written
// with a "Z", as Elasticsearch's default date format reads it.
func isRFC3339UTC(s string) bool {
	if len(s) < len("2006-01-02T15:04:05Z") || s[10] != 'T' || !strings.HasSuffix(s, "Z") {
		return false
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

// jsonText is v as JSON text, for messages.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// namedDoc is one document the suite produces, with where it comes from.
type namedDoc struct {
	name string
	doc  any
}

// suiteDocuments parses every message the test suite has: the goldens, the
// catalogue, the mapping cases and the fuzz corpus. The counts say how many
// came from each source.
func suiteDocuments(t *testing.T) (docs []namedDoc, counts map[string]int) {
	t.Helper()
	counts = map[string]int{}
	add := func(source, name string, line []byte, mustParse bool) {
		ev, err := Parse(line)
		if err != nil {
			if mustParse {
				t.Errorf("%s/%s: Parse: %v", source, name, err)
			}
			return
		}
		docs = append(docs, namedDoc{name: source + "/" + name, doc: docOf(t, ev)})
		counts[source]++
	}
	lines := suiteLines(t)
	for _, name := range slices.Sorted(maps.Keys(lines)) {
		source, rest, _ := strings.Cut(name, "/")
		add(source, rest, lines[name], source == "golden" || source == "catalogue")
	}
	// The options' documents: the cases of "Everything a line carries",
	// each with its Parser.
	for _, c := range carriesCases {
		ev, err := c.p.Parse([]byte(c.line))
		if err != nil {
			t.Errorf("carries/%s: Parse: %v", c.name, err)
			continue
		}
		docs = append(docs, namedDoc{name: "carries/" + c.name, doc: docOf(t, ev)})
		counts["carries"]++
	}
	return docs, counts
}

// fuzzInputs returns the []byte and string values of a Go fuzz corpus file
// ("go test fuzz v1", then one Go literal per line).
func fuzzInputs(t testing.TB, file string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) == 0 || lines[0] != "go test fuzz v1" {
		t.Errorf("%s: not a Go fuzz corpus file", file)
		return nil
	}
	var out [][]byte
	for _, l := range lines[1:] {
		var lit string
		switch {
		case strings.HasPrefix(l, "[]byte(") && strings.HasSuffix(l, ")"):
			lit = l[len("[]byte(") : len(l)-1]
		case strings.HasPrefix(l, "string(") && strings.HasSuffix(l, ")"):
			lit = l[len("string(") : len(l)-1]
		default:
			continue // another argument type: not a line
		}
		s, err := strconv.Unquote(lit)
		if err != nil {
			t.Errorf("%s: %v in %s", file, err, l)
			continue
		}
		out = append(out, []byte(s))
	}
	return out
}

// TestECSConformance checks every document the suite produces against
// ECS 9.4 and fields.yml. A failure names the document, the path, the value
// and the rule it breaks.
func TestECSConformance(t *testing.T) {
	c := newECSChecker(t)
	docs, counts := suiteDocuments(t)
	t.Logf("checked documents: %v", counts)
	if counts["golden"] != 6 || counts["catalogue"] == 0 || counts["mapping"] == 0 {
		t.Errorf("too few documents: %v (want the 6 goldens, the catalogue and the mapping cases)", counts)
	}
	// The same bug usually shows in many documents: name the first few.
	const perProblem = 3
	seen := map[string]int{}
	for _, d := range docs {
		for _, v := range c.check(d.doc) {
			key := v.path + "\x00" + string(v.rule)
			if seen[key]++; seen[key] <= perProblem {
				t.Errorf("%s: %v", d.name, v)
			}
		}
	}
	for _, key := range slices.Sorted(maps.Keys(seen)) {
		if n := seen[key]; n > perProblem {
			path, r, _ := strings.Cut(key, "\x00")
			t.Errorf("... %s: %s in %d documents in all", path, r, n)
		}
	}
}

// TestECSConformanceCovers makes sure that TestECSConformance holds every
// field to its rules on real output, not only in TestECSCheckerRejects:
// each path of the Event type appears in some document of the suite, and
// so does each event.category of the five kinds of record.
func TestECSConformanceCovers(t *testing.T) {
	docs, _ := suiteDocuments(t)
	seen := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		seen[path] = true // a flattened field is an object
		obj, ok := v.(map[string]any)
		if !ok {
			return
		}
		for k, sub := range obj {
			if path != "" {
				k = path + "." + k
			}
			walk(k, sub)
		}
	}
	categories := map[string]bool{}
	for _, d := range docs {
		walk("", d.doc)
		obj, _ := d.doc.(map[string]any)
		if event, ok := obj["event"].(map[string]any); ok {
			cats, _ := event["category"].([]any)
			for _, c := range cats {
				if s, ok := c.(string); ok {
					categories[s] = true
				}
			}
		}
	}
	for _, path := range slices.Sorted(maps.Keys(eventLeaves(t))) {
		if !seen[path] {
			t.Errorf("no document of the suite has %s", path)
		}
	}
	for _, c := range []string{"network", "authentication", "configuration", "vulnerability", "host"} {
		if !categories[c] {
			t.Errorf("no document of the suite has event.category %q", c)
		}
	}
}

// conformanceEdges are lines that push the typed fields to the edges of
// what their ECS types hold: the first and last instants of a four-digit
// year after the offset is applied, the extreme ports and severities, IPv6
// forms. TestECSConformanceEdges checks their documents like the suite's.
var conformanceEdges = []struct{ name, line string }{
	{"dates/earliest", mtH + "event_timestamp=0000-01-01T00:00:00Z change_id=1 change_timestamp=0000-01-01 00:00:00-01:00"},
	{"dates/latest", mtH + "event_timestamp=9999-12-31T23:59:59.999999999Z change_id=1 change_timestamp=9999-12-31T22:59:59+01:00"},
	{"dates/offset past year 9999", mtH + "event_timestamp=9999-12-31T23:30:00-05:00"},
	{"dates/offset before year 0000", mtH + "change_id=1 change_timestamp=0000-01-01T00:00:00+01:00"},
	{"dates/certificate past year 9999", mtH + "certificate_type=Server certificate_start_date=99991231235959-0100 certificate_expiry_date=491231235959Z"},
	{"dates/certificate UTCTime bounds", mtH + "certificate_type=client certificate_start_date=500101000000Z certificate_expiry_date=491231235959Z"},
	{"ports and severity bounds", "CEF:0|Claroty|xDome|1.0|1|t|10|src_port=0 dst_port=65535 event_type=x"},
	{"severity word", "CEF:0|Claroty|xDome|1.0|1|t|Very-High|event_type=x"},
	{"IPv6 forms", mtH + "src_ip=::ffff:1.2.3.4 dst_ip=2001:DB8::1 device_ip_list=['::', '::1', '0.0.0.0']"},
}

// TestECSConformanceEdges checks the documents of conformanceEdges.
func TestECSConformanceEdges(t *testing.T) {
	c := newECSChecker(t)
	for _, e := range conformanceEdges {
		ev, err := Parse([]byte(e.line))
		if err != nil {
			t.Errorf("%s: Parse: %v", e.name, err)
			continue
		}
		for _, v := range c.check(docOf(t, ev)) {
			t.Errorf("%s: %v\n\tline: %s", e.name, v, e.line)
		}
	}
}

// TestECSDeviationsNeeded keeps the allow-list honest: each entry's rule is
// one the checker can waive, and each named golden sample, and the entry's
// line, really breaks that rule at that path without the entry.
func TestECSDeviationsNeeded(t *testing.T) {
	strict := newECSChecker(t)
	strict.allow = map[string][]rule{}
	docs := map[string]any{}
	for _, s := range loadSamples(t, "golden") {
		ev, err := Parse(s.input)
		if err != nil {
			t.Fatalf("golden/%s: Parse: %v", s.name, err)
		}
		docs[s.name] = docOf(t, ev)
	}
	paths := map[string]bool{}
	for _, d := range ecsDeviations {
		if paths[d.path] {
			t.Errorf("allow-list: %s listed twice", d.path)
		}
		paths[d.path] = true
		if !slices.Contains(waivable, d.rule) {
			t.Errorf("allow-list: %s: rule %q cannot be waived", d.path, d.rule)
		}
		if (len(d.samples) == 0 && d.line == "") || d.why == "" {
			t.Errorf("allow-list: %s must name its golden samples or give a line, and say why", d.path)
		}
		breaks := func(doc any) bool {
			return slices.ContainsFunc(strict.check(doc), func(v violation) bool { return v.path == d.path && v.rule == d.rule })
		}
		for _, name := range d.samples {
			doc, ok := docs[name]
			if !ok {
				t.Errorf("allow-list: %s: no golden sample %q", d.path, name)
				continue
			}
			if !breaks(doc) {
				t.Errorf("allow-list: %s: golden sample %s no longer breaks %q there; drop it from the entry", d.path, name, d.rule)
			}
		}
		if d.line != "" && !breaks(parseDoc(t, d.line)) {
			t.Errorf("allow-list: %s: the entry's line no longer breaks %q there; drop the entry\n\tline: %s", d.path, d.rule, d.line)
		}
	}
}

// TestECSReference checks the copy of the reference and the facts the
// checker takes from it.
func TestECSReference(t *testing.T) {
	c := newECSChecker(t)
	for name, want := range map[string]ecsField{
		"@timestamp":               {typ: "date"},
		"source.port":              {typ: "long"},
		"source.ip":                {typ: "ip"},
		"host.ip":                  {typ: "ip", array: true},
		"message":                  {typ: "match_only_text"},
		"vulnerability.id":         {typ: "keyword"},
		"vulnerability.score.base": {typ: "float"},
	} {
		if f := c.ecs[name]; f.typ != want.typ || f.array != want.array {
			t.Errorf("%s: type %q array %v, want %q %v", name, f.typ, f.array, want.typ, want.array)
		}
	}
	// The facts about event.* the conformance of every document rests on.
	for _, value := range []string{"alert"} {
		if _, ok := c.ecs["event.kind"].allowed[value]; !ok {
			t.Errorf("event.kind: %q is not an allowed value", value)
		}
	}
	for cat, types := range map[string][]string{
		"authentication": {"start", "end", "info"},
		"network":        {"access", "allowed", "connection", "denied", "end", "info", "protocol", "start"},
		"configuration":  {"access", "change", "creation", "deletion", "info"},
		"vulnerability":  {"info"},
		"host":           {"access", "change", "end", "info", "start"},
	} {
		got, ok := c.ecs["event.category"].allowed[cat]
		if !ok || !slices.Equal(got, types) {
			t.Errorf("event.category %q: expected_event_types %q (allowed %v), want %q", cat, got, ok, types)
		}
	}
	if n := len(c.ecs["event.type"].allowed); n != 18 {
		t.Errorf("event.type: %d allowed values, want 18", n)
	}
	// Every pattern holds for the field's own examples, and every MAC
	// field has one, so the pattern check covers MACs.
	macs, patterns := 0, 0
	for name, f := range c.ecs {
		if strings.HasSuffix(name, ".mac") {
			macs++
			if f.pattern == nil {
				t.Errorf("%s: no pattern", name)
			}
		}
		if f.pattern == nil {
			continue
		}
		patterns++
		var examples []string
		switch {
		case f.example == "":
		case f.array && strings.HasPrefix(f.example, "["):
			if err := json.Unmarshal([]byte(f.example), &examples); err != nil {
				t.Errorf("%s: example %q: %v", name, f.example, err)
			}
		default:
			examples = []string{f.example}
		}
		for _, e := range examples {
			if !f.pattern.MatchString(e) {
				t.Errorf("%s: ECS example %q does not match the field's pattern %s", name, e, f.pattern)
			}
		}
	}
	if macs == 0 || patterns != 17 {
		t.Errorf("%d *.mac fields and %d patterns in the reference, want some and 17", macs, patterns)
	}
}

// TestECSFlat checks the reader of ecs_flat.yml against fields.csv, which
// is the same release: the same fields (fields.csv also lists each
// multi-field, such as user.name.text) with the same types, and the
// allowed values where ECS has them.
func TestECSFlat(t *testing.T) {
	csv := loadECS(t)
	flat := loadECSFlat(t)
	if len(flat) < 2000 {
		t.Fatalf("ecs_flat.yml: only %d fields", len(flat))
	}
	for name, f := range flat {
		if c, ok := csv[name]; !ok {
			t.Errorf("ecs_flat.yml: %s is not in fields.csv", name)
		} else if f.typ != c.typ {
			t.Errorf("ecs_flat.yml: %s: type %q, fields.csv says %q", name, f.typ, c.typ)
		}
	}
	for name := range csv {
		if _, ok := flat[name]; ok {
			continue
		}
		parent := name[:max(strings.LastIndexByte(name, '.'), 0)]
		if _, ok := flat[parent]; !ok {
			t.Errorf("fields.csv: %s is neither in ecs_flat.yml nor a multi-field of a field there", name)
		}
	}
	withAllowed := 0
	for name, f := range flat {
		if len(f.allowed) == 0 {
			continue
		}
		withAllowed++
		for _, a := range f.allowed {
			if a.name == "" || strings.ContainsAny(a.name, " '\"") {
				t.Errorf("ecs_flat.yml: %s: allowed value %q", name, a.name)
			}
			if (len(a.expected) > 0) != (name == "event.category") {
				t.Errorf("ecs_flat.yml: %s: %s: expected_event_types %q", name, a.name, a.expected)
			}
		}
	}
	if withAllowed != 19 {
		t.Errorf("ecs_flat.yml: %d fields with allowed values, want 19", withAllowed)
	}
	kinds := []string{}
	for _, a := range flat["event.kind"].allowed {
		kinds = append(kinds, a.name)
	}
	if want := []string{"alert", "asset", "enrichment", "event", "metric", "state", "pipeline_error", "signal"}; !slices.Equal(kinds, want) {
		t.Errorf("event.kind: allowed %q, want %q", kinds, want)
	}
	// Every expected event type is itself an allowed event.type.
	types := map[string]bool{}
	for _, a := range flat["event.type"].allowed {
		types[a.name] = true
	}
	for _, a := range flat["event.category"].allowed {
		for _, typ := range a.expected {
			if !types[typ] {
				t.Errorf("event.category %s expects %q, which is not an event.type", a.name, typ)
			}
		}
	}
	if p := flat["source.mac"].pattern; p != `^[A-F0-9]{2}(-[A-F0-9]{2}){5,}$` {
		t.Errorf("source.mac: pattern %q", p)
	}
	if p := flat["process.thread.capabilities.effective"].pattern; p != `^(CAP_[A-Z_]+|\d+)$` {
		t.Errorf("process.thread.capabilities.effective: pattern %q", p)
	}
}

// TestECSFlatReader checks the YAML forms the reader must step over: a
// multi-line scalar, plain or quoted, never yields a key.
func TestECSFlatReader(t *testing.T) {
	for _, tt := range []struct {
		in       string
		key, val string
		ok       bool
	}{
		{"type: keyword", "type", "keyword", true},
		{"allowed_values:", "allowed_values", "", true},
		{"'@timestamp':", "@timestamp", "", true},
		{"description: 'a: b'", "description", "'a: b'", true},
		{"'quoted text: not a key", "", "", false},
		{"plain continuation line", "", "", false},
	} {
		key, val, ok := cutYAMLKey(tt.in)
		if key != tt.key || val != tt.val || ok != tt.ok {
			t.Errorf("cutYAMLKey(%q) = %q, %q, %v, want %q, %q, %v", tt.in, key, val, ok, tt.key, tt.val, tt.ok)
		}
	}
	for _, tt := range []struct {
		in   string
		q    byte
		want bool
	}{
		{`it''s open`, '\'', false},
		{`it''s closed'`, '\'', true},
		{`a \" b`, '"', false},
		{`a \\" b`, '"', true},
		{`ends with an escape\`, '"', false},
	} {
		if got := closesQuote(tt.in, tt.q); got != tt.want {
			t.Errorf("closesQuote(%q, %q) = %v, want %v", tt.in, tt.q, got, tt.want)
		}
	}
	for in, want := range map[string]string{
		`'it''s'`:      "it's",
		`"a\tb"`:       "a\tb",
		`'a' trailing`: `'a' trailing`,
	} {
		if got := unquoteYAML(in); got != want {
			t.Errorf("unquoteYAML(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestECSCheckerRejects proves that the checker fails bad documents: each
// document here breaks exactly one rule at one path.
func TestECSCheckerRejects(t *testing.T) {
	c := newECSChecker(t)
	tests := []struct {
		name, doc, path string
		rule            rule
	}{
		{"port as string", `{"source":{"port":"80"}}`, "source.port", ruleType},
		{"port with fraction", `{"destination":{"port":80.5}}`, "destination.port", ruleType},
		{"severity beyond long", `{"event":{"severity":18446744073709551616}}`, "event.severity", ruleType},
		{"non-IP in source.ip", `{"source":{"ip":"1.2.3"}}`, "source.ip", ruleType},
		{"IPv6 zone in destination.ip", `{"destination":{"ip":"fe80::1%eth0"}}`, "destination.ip", ruleType},
		{"non-IP in an ip array", `{"host":{"ip":["1.2.3.4","host-1"]}}`, "host.ip", ruleType},
		{"IP as number", `{"related":{"ip":[16909060]}}`, "related.ip", ruleType},
		{"unknown field", `{"source":{"hostname":"plc"}}`, "source.hostname", ruleField},
		{"unknown top-level field", `{"xdome":"1"}`, "xdome", ruleField},
		{"vendor field outside claroty.xdome", `{"claroty":{"site":"Main"}}`, "claroty.site", ruleField},
		{"undocumented custom field", `{"claroty":{"xdome":{"device":{"color":"red"}}}}`, "claroty.xdome.device.color", ruleCustom},
		{"array in a non-array field", `{"source":{"ip":["1.2.3.4"]}}`, "source.ip", ruleArray},
		{"array in a custom field", `{"claroty":{"xdome":{"event_id":["1","2"]}}}`, "claroty.xdome.event_id", ruleArray},
		{"date without Z", `{"@timestamp":"2022-02-06T14:18:48.578951+00:00"}`, "@timestamp", ruleType},
		{"date without zone", `{"tls":{"server":{"x509":{"not_after":"2016-05-26T19:24:15"}}}}`, "tls.server.x509.not_after", ruleType},
		{"date as ASN.1 time", `{"tls":{"client":{"x509":{"not_before":"20150527192415Z"}}}}`, "tls.client.x509.not_before", ruleType},
		{"date of five-digit year", `{"@timestamp":"10000-01-01T00:00:00Z"}`, "@timestamp", ruleType},
		{"custom date without Z", `{"claroty":{"xdome":{"change":{"timestamp":"2024-03-14 07:15:27"}}}}`, "claroty.xdome.change.timestamp", ruleType},
		{"number in a keyword", `{"event":{"code":42}}`, "event.code", ruleType},
		{"number in a custom keyword", `{"claroty":{"xdome":{"malicious_ip":{"confidence":90}}}}`, "claroty.xdome.malicious_ip.confidence", ruleType},
		{"object in a keyword", `{"user":{"name":{"first":"a"}}}`, "user.name", ruleType},
		{"array in error.message", `{"error":{"message":["a","b"]}}`, "error.message", ruleArray},
		{"null", `{"event":{"reason":null}}`, "event.reason", ruleEmpty},
		{"empty object", `{"observer":{}}`, "observer", ruleEmpty},
		{"empty array", `{"related":{"user":[]}}`, "related.user", ruleEmpty},
		{"MAC outside the allow-list", `{"observer":{"mac":["00:50:56:94:2b:94"]}}`, "observer.mac", rulePattern},
		{"MAC with colons", `{"observer":{"mac":["00:50:56:94:2B:94"]}}`, "observer.mac", rulePattern},
		{"pattern of a field that is no MAC", `{"process":{"thread":{"capabilities":{"effective":["cap_chown"]}}}}`, "process.thread.capabilities.effective", rulePattern},
		{"disallowed kind", `{"event":{"kind":"incident"}}`, "event.kind", ruleAllowed},
		{"kind in another case", `{"event":{"kind":"Alert"}}`, "event.kind", ruleAllowed},
		{"disallowed category", `{"event":{"category":["connection"]}}`, "event.category", ruleAllowed},
		{"disallowed category, single value", `{"event":{"category":"server"}}`, "event.category", ruleAllowed},
		{"disallowed type", `{"event":{"category":["network"],"type":["network"]}}`, "event.type", ruleAllowed},
		{"type not expected for the category", `{"event":{"category":["vulnerability"],"type":["connection"]}}`, "event.type", ruleExpected},
		{"type expected for neither category", `{"event":{"category":["authentication","host"],"type":["info","connection"]}}`, "event.type", ruleExpected},
		{"type without a category", `{"event":{"type":["info"]}}`, "event.type", ruleExpected},
		{"array where ECS has none", `{"network":{"transport":["tcp"]}}`, "network.transport", ruleArray},
		{"array in a vulnerability field", `{"vulnerability":{"enumeration":["CVE"]}}`, "vulnerability.enumeration", ruleArray},
		{"string where a number is expected", `{"vulnerability":{"score":{"base":"9.8"}}}`, "vulnerability.score.base", ruleType},
		{"boolean where a number is expected", `{"vulnerability":{"score":{"base":true}}}`, "vulnerability.score.base", ruleType},
		{"string in a custom boolean", `{"claroty":{"xdome":{"vulnerability":{"is_known_exploited":"True"}}}}`, "claroty.xdome.vulnerability.is_known_exploited", ruleType},
		{"number in a custom boolean", `{"claroty":{"xdome":{"vulnerability":{"is_known_exploited":1}}}}`, "claroty.xdome.vulnerability.is_known_exploited", ruleType},
		{"custom date not RFC 3339", `{"claroty":{"xdome":{"vulnerability":{"release_date":"2021-12-10"}}}}`, "claroty.xdome.vulnerability.release_date", ruleType},
		{"number in a custom array", `{"claroty":{"xdome":{"malicious_ip":{"tags":["botnet",7]}}}}`, "claroty.xdome.malicious_ip.tags", ruleType},
		{"empty custom array", `{"claroty":{"xdome":{"malicious_ip":{"tags":[]}}}}`, "claroty.xdome.malicious_ip.tags", ruleEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.check(decodeJSON(t, []byte(tt.doc)))
			if len(got) != 1 || got[0].path != tt.path || got[0].rule != tt.rule {
				t.Errorf("check(%s) = %v, want one violation at %s: %s", tt.doc, got, tt.path, tt.rule)
			}
		})
	}

	// And it passes good ones: ECS arrays with one value or several, the
	// allow-listed MAC notation and vulnerability.id array, every custom
	// type, each kind's category and type.
	for _, doc := range []string{
		`{"@timestamp":"2022-02-06T14:24:10.146720Z","source":{"ip":"2001:db8::1","port":0,"mac":"fc:3f:db:0d:87:89"},
		  "event":{"kind":"alert","category":"network","type":["connection","info"],"severity":10},
		  "host":{"ip":"::ffff:1.2.3.4","mac":["00:50:56:94:2b:94"]},"observer":{"mac":"00-00-5E-00-53-23"},
		  "tls":{"server":{"x509":{"subject":{"common_name":"a","country":["US"]}}}},
		  "claroty":{"xdome":{"change":{"timestamp":"2024-03-14T07:15:27Z"},"event_id":"1"}}}`,
		`{"event":{"kind":"alert","category":["vulnerability"],"type":["info"]},
		  "vulnerability":{"id":["CVE-2021-44228","CVE-2021-45046"],"enumeration":"CVE","score":{"base":10.0,"version":"3"},"classification":"CVSS"},
		  "claroty":{"xdome":{"vulnerability":{"is_known_exploited":false,"release_date":"2021-12-10T00:00:00Z"},
		    "malicious_ip":{"tags":["botnet"],"last_update":"2024-01-01T00:00:00Z"}}}}`,
		`{"vulnerability":{"id":"CVE-2021-44228","score":{"base":7}},"claroty":{"xdome":{"malicious_ip":{"tags":"botnet"}}}}`,
		`{"event":{"category":["host"],"type":["info"]},"host":{"name":"srv-1"},"network":{"transport":"tcp"},"source":{"domain":"ws1.example.com"},
		  "threat":{"framework":"MITRE ATT&CK","technique":{"id":["T0886"],"name":["Remote Services"]}}}`,
		`{"event":{"category":["configuration"],"type":["change"]}}`,
		`{"event":{"category":["authentication"],"type":["info"]}}`,
		`{"event":{"category":["authentication","network"],"type":["connection","start"]}}`,
		`{"process":{"thread":{"capabilities":{"effective":["CAP_CHOWN","0"]}}}}`,
	} {
		if got := c.check(decodeJSON(t, []byte(doc))); len(got) != 0 {
			t.Errorf("check(%s) = %v, want no violations", doc, got)
		}
	}
}

// goLeaf is a leaf of the Event type: its ECS-like type and whether it is
// a list.
type goLeaf struct {
	typ   string
	array bool
}

// eventLeaves walks the json tags of the Event type: every path the
// encoding can produce, with the type of its Go field.
func eventLeaves(t testing.TB) map[string]goLeaf {
	t.Helper()
	out := map[string]goLeaf{}
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			path := prefix + name
			if f.Type == reflect.TypeFor[Unmapped]() {
				out[path] = goLeaf{"flattened", false}
				continue
			}
			ft, array := f.Type, false
			if ft.Kind() == reflect.Slice {
				ft, array = ft.Elem(), true
			}
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft == reflect.TypeFor[Time]():
				out[path] = goLeaf{"date", array}
			case ft == reflect.TypeFor[netip.Addr]():
				out[path] = goLeaf{"ip", array}
			case ft.Kind() == reflect.String:
				out[path] = goLeaf{"keyword", array}
			case ft.Kind() >= reflect.Int && ft.Kind() <= reflect.Uint64:
				out[path] = goLeaf{"long", array}
			case ft.Kind() == reflect.Float64 || ft.Kind() == reflect.Float32:
				out[path] = goLeaf{"float", array}
			case ft.Kind() == reflect.Bool:
				out[path] = goLeaf{"boolean", array}
			case ft.Kind() == reflect.Struct && !array:
				walk(path+".", ft)
			default:
				t.Fatalf("Event: %s has type %v, which eventLeaves does not know", path, f.Type)
			}
		}
	}
	walk("", reflect.TypeFor[Event]())
	return out
}

// TestEventTypeIsECS checks the Event type itself, so that a field no test
// document exercises is still held to ECS: each path outside claroty.xdome
// is an ECS field of a matching type, and only ECS arrays (and the
// allow-listed vulnerability.id) are Go slices.
func TestEventTypeIsECS(t *testing.T) {
	c := newECSChecker(t)
	ecs := c.ecs
	family := map[string]string{
		"keyword": "keyword", "constant_keyword": "keyword", "wildcard": "keyword",
		"match_only_text": "keyword", "text": "keyword",
		"long": "long", "ip": "ip", "date": "date",
		"float": "float", "half_float": "float", "double": "float", "scaled_float": "float",
		"boolean": "boolean",
	}
	for path, leaf := range eventLeaves(t) {
		if strings.HasPrefix(path, customPrefix) {
			continue // TestFieldsYML
		}
		f, ok := ecs[path]
		switch {
		case !ok:
			t.Errorf("Event: %s is not an ECS 9.4 field", path)
		case family[f.typ] != leaf.typ:
			t.Errorf("Event: %s holds a Go %s, ECS type is %s", path, leaf.typ, f.typ)
		case leaf.array && !f.array && !c.allowed(path, ruleArray):
			t.Errorf("Event: %s is a list, ECS field is not an array (and no allow-list entry)", path)
		}
	}
}

// TestFieldsYML checks that fields.yml documents exactly the claroty.xdome
// fields of the Event type, with their types, and as arrays exactly the
// Go lists: adding a field to the type without documenting it fails here.
func TestFieldsYML(t *testing.T) {
	documented := customTypes(t)
	emitted := map[string]goLeaf{}
	for path, leaf := range eventLeaves(t) {
		if strings.HasPrefix(path, customPrefix) {
			emitted[path] = leaf
		}
	}
	if len(emitted) == 0 {
		t.Fatal("the Event type has no claroty.xdome fields")
	}
	for path, leaf := range emitted {
		got, ok := documented[path]
		switch {
		case !ok:
			t.Errorf("fields.yml: %s (%s) is missing", path, leaf.typ)
		case got.typ != leaf.typ:
			t.Errorf("fields.yml: %s has type %s, the library emits a %s", path, got.typ, leaf.typ)
		case got.array != leaf.array:
			t.Errorf("fields.yml: %s: array %v, but the Go field is a list: %v", path, got.array, leaf.array)
		}
	}
	for path := range documented {
		if _, ok := emitted[path]; !ok {
			t.Errorf("fields.yml: %s is not a field the library emits", path)
		}
	}
}

// TestIndexTemplate checks index-template.json: valid JSON, a composable
// template for the logs-claroty.xdome-* data streams, whose mappings are
// exactly the fields of fields.yml with their types.
func TestIndexTemplate(t *testing.T) {
	data, err := os.ReadFile("index-template.json")
	if err != nil {
		t.Fatal(err)
	}
	var tpl struct {
		IndexPatterns []string                    `json:"index_patterns"`
		Priority      *int                        `json:"priority"`
		DataStream    *struct{}                   `json:"data_stream"`
		ComposedOf    []string                    `json:"composed_of"`
		Template      struct{ Mappings mappings } `json:"template"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&tpl); err != nil {
		t.Fatalf("index-template.json: %v", err)
	}
	if dec.More() {
		t.Fatal("index-template.json: more than one JSON value")
	}
	if !slices.Equal(tpl.IndexPatterns, []string{"logs-claroty.xdome-*"}) {
		t.Errorf("index_patterns = %q, want [logs-claroty.xdome-*]", tpl.IndexPatterns)
	}
	// Elasticsearch's built-in "logs" template matches logs-*-* at
	// priority 100; ours must win over it.
	if tpl.Priority == nil || *tpl.Priority <= 100 {
		t.Errorf("priority must be above 100, the built-in logs template's")
	}
	if tpl.DataStream == nil {
		t.Error("data_stream is missing: logs-* indices are data streams")
	}
	if !slices.Contains(tpl.ComposedOf, "ecs@mappings") {
		t.Errorf("composed_of = %q: the ECS fields need ecs@mappings", tpl.ComposedOf)
	}
	mapped := map[string]string{}
	tpl.Template.Mappings.leaves(t, "", mapped)
	documented := map[string]string{}
	for name, f := range customTypes(t) {
		documented[name] = f.typ
	}
	if !maps.Equal(mapped, documented) {
		for path, typ := range documented {
			if mapped[path] != typ {
				t.Errorf("index-template.json: %s is mapped as %q, fields.yml says %s", path, mapped[path], typ)
			}
		}
		for path := range mapped {
			if _, ok := documented[path]; !ok {
				t.Errorf("index-template.json: %s is mapped but not in fields.yml", path)
			}
		}
	}
}

// mappings is the "mappings" (or a "properties" child) of an index
// template, as far as the test reads it.
type mappings struct {
	Properties map[string]mappingNode `json:"properties"`
}

type mappingNode struct {
	Type        string `json:"type"`
	IgnoreAbove *int   `json:"ignore_above"`
	mappings
}

// leaves collects the mapped leaf fields under m as path -> type.
func (m mappings) leaves(t *testing.T, prefix string, out map[string]string) {
	for name, n := range m.Properties {
		path := prefix + name
		switch {
		case n.Properties != nil && (n.Type == "" || n.Type == "object"):
			n.leaves(t, path+".", out)
		case n.Properties == nil && n.Type != "" && n.Type != "object":
			out[path] = n.Type
			if n.IgnoreAbove != nil && n.Type != "keyword" {
				t.Errorf("index-template.json: %s: ignore_above on a %s", path, n.Type)
			}
		default:
			t.Errorf("index-template.json: %s is neither a typed field nor an object with properties", path)
		}
	}
}

// TestNormalizeMACNeedsNoDeviation: with NormalizeMAC, every document of
// the golden and catalogue records meets ECS's MAC pattern without the
// allow-list's MAC entries (only the vulnerability.id list stays waived),
// and they have MACs to show it. (A value that is no MAC, which some
// mapping cases have, is kept as given.)
func TestNormalizeMACNeedsNoDeviation(t *testing.T) {
	strict := newECSChecker(t)
	strict.allow = map[string][]rule{"vulnerability.id": {ruleArray}}
	p := Parser{NormalizeMAC: true}
	macs := 0
	lines := suiteLines(t)
	for _, name := range slices.Sorted(maps.Keys(lines)) {
		if !strings.HasPrefix(name, "golden/") && !strings.HasPrefix(name, "catalogue/") {
			continue
		}
		ev, err := p.Parse(lines[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		macs += len(ev.Host.MAC) + len(ev.Claroty.XDome.OtherDevice.MAC)
		if ev.Source.MAC != "" {
			macs++
		}
		for _, v := range strict.check(docOf(t, ev)) {
			if v.rule == rulePattern {
				t.Errorf("%s: %v", name, v)
			}
		}
	}
	if macs < 20 {
		t.Errorf("the suite has %d MACs, want some to check", macs)
	}
}
