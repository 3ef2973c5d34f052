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
// JSON value is what Elasticsearch expects for the field's type. The
// claroty.xdome.* fields are checked against fields.yml, which
// index-template.json maps.

// customPrefix is where the fields that ECS has no place for live.
const customPrefix = "claroty.xdome."

// ecsField is one row of the ECS reference.
type ecsField struct {
	name    string
	typ     string // keyword, long, ip, date, ...
	array   bool   // Normalization "array": the field may hold a list
	example string
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
type customField struct{ name, typ, description string }

// loadFieldsYML reads fields.yml: a YAML list of {name, type, description}
// entries, one key per line, which is all this reader understands (the
// module has no YAML dependency). Anything else that is not a comment or
// blank fails the test, so the file cannot drift into YAML this reader
// would misread.
func loadFieldsYML(t testing.TB) []customField {
	t.Helper()
	data, err := os.ReadFile("fields.yml")
	if err != nil {
		t.Fatal(err)
	}
	var out []customField
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ": ")
		switch {
		case ok && key == "- name":
			out = append(out, customField{name: value})
		case ok && len(out) > 0 && key == "  type":
			out[len(out)-1].typ = value
		case ok && len(out) > 0 && key == "  description":
			out[len(out)-1].description = value
		default:
			t.Fatalf("fields.yml:%d: want `- name: `, `  type: ` or `  description: `, got %q", n, line)
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

// customTypes returns fields.yml as name -> type, checking each entry.
func customTypes(t testing.TB) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, f := range loadFieldsYML(t) {
		if !strings.HasPrefix(f.name, customPrefix) {
			t.Errorf("fields.yml: %q is not under %s", f.name, customPrefix)
		}
		if f.typ != "keyword" && f.typ != "date" {
			t.Errorf("fields.yml: %s: type %q, want keyword or date", f.name, f.typ)
		}
		if f.description == "" {
			t.Errorf("fields.yml: %s has no description", f.name)
		}
		if _, dup := m[f.name]; dup {
			t.Errorf("fields.yml: %s listed twice", f.name)
		}
		m[f.name] = f.typ
	}
	return m
}

// A rule is one property the checker demands of a value.
type rule string

const (
	ruleField    rule = "not an ECS 9.4 field"
	ruleCustom   rule = "not a custom field of fields.yml"
	ruleType     rule = "does not fit the ECS type"
	ruleArray    rule = "array in a field that is not an ECS array"
	ruleEmpty    rule = "empty value (SPEC.md: no empty objects, arrays or null)"
	ruleMACNotes rule = "not a MAC address in ECS notation (RFC 7042: upper-case hex pairs joined by '-')"
)

// macNotation is how ECS writes MAC addresses: every *.mac field of the
// reference has an example in this notation (TestECSReference checks it),
// and ECS's field definitions give it as the pattern of those fields.
var macNotation = regexp.MustCompile(`^[A-F0-9]{2}(-[A-F0-9]{2}){5,}$`)

// An ecsDeviation lets one path break one rule. The six golden samples are
// the contract (SPEC.md: where the page and the samples disagree, the
// samples win), so where they depart from ECS the documents must too; each
// entry names the sample that shows it. TestECSDeviationsNeeded fails if a
// named sample no longer shows the deviation, so the list cannot go stale.
type ecsDeviation struct {
	path    string
	rule    rule
	samples []string // golden samples that depart from ECS here
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
		path: "source.mac", rule: ruleMACNotes, samples: goldenNames,
		why: `every golden sample keeps xDome's lower-case, colon-separated src_mac, e.g. test_smb_communication "fc:3f:db:0d:87:89"`,
	},
	{
		path: "destination.mac", rule: ruleMACNotes, samples: goldenNames,
		why: `every golden sample keeps xDome's lower-case, colon-separated dst_mac, e.g. test_smb_communication "c8:d3:ff:9b:4f:9c"`,
	},
	{
		path: "host.mac", rule: ruleMACNotes, samples: goldenNames,
		why: `every golden sample keeps xDome's device_mac_list entries as given, e.g. test_smb_communication ["fc:3f:db:0d:87:89"]`,
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
	custom map[string]string // fields.yml: name -> type
	allow  map[string]rule   // from ecsDeviations
}

func newECSChecker(t testing.TB) *ecsChecker {
	t.Helper()
	c := &ecsChecker{ecs: loadECS(t), custom: customTypes(t), allow: map[string]rule{}}
	for _, d := range ecsDeviations {
		c.allow[d.path] = d.rule
	}
	return c
}

// check returns every violation in doc, a document decoded by decodeJSON.
func (c *ecsChecker) check(doc any) []violation {
	var out []violation
	obj, ok := doc.(map[string]any)
	if !ok {
		return []violation{{path: "(document)", value: jsonText(doc), rule: ruleType, note: "a document is a JSON object"}}
	}
	c.walkObject("", obj, &out)
	return out
}

// objectTypes are the ECS types whose value is a JSON object that the
// reference does not describe field by field.
var objectTypes = map[string]bool{"object": true, "flattened": true, "nested": true, "geo_point": true}

func (c *ecsChecker) walkObject(path string, obj map[string]any, out *[]violation) {
	if len(obj) == 0 {
		*out = append(*out, violation{path: path, value: "{}", rule: ruleEmpty})
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
			switch {
			case !isField:
				c.walkObject(p, sub, out)
			case objectTypes[f.typ]:
				c.checkValue(p, f.typ, v, out)
			default:
				*out = append(*out, violation{path: p, value: jsonText(v), rule: ruleType, note: "an object in a " + f.typ + " field"})
			}
			continue
		}
		c.checkLeaf(p, v, out)
	}
}

// checkLeaf checks a value that is not an object: a scalar, an array or null.
func (c *ecsChecker) checkLeaf(path string, v any, out *[]violation) {
	var typ string
	var array bool
	if strings.HasPrefix(path, customPrefix) {
		t, ok := c.custom[path]
		if !ok {
			*out = append(*out, violation{path: path, value: jsonText(v), rule: ruleCustom})
			return
		}
		typ = t // custom fields hold one value each
	} else {
		f, ok := c.ecs[path]
		if !ok {
			*out = append(*out, violation{path: path, value: jsonText(v), rule: ruleField})
			return
		}
		typ, array = f.typ, f.array || f.typ == "nested"
	}
	list, isList := v.([]any)
	if !isList {
		c.checkValue(path, typ, v, out)
		return
	}
	if !array {
		*out = append(*out, violation{path: path, value: jsonText(v), rule: ruleArray})
		return
	}
	if len(list) == 0 {
		*out = append(*out, violation{path: path, value: "[]", rule: ruleEmpty})
	}
	for _, e := range list {
		if _, nested := e.([]any); nested {
			*out = append(*out, violation{path: path, value: jsonText(v), rule: ruleType, note: "an array inside an array"})
			continue
		}
		c.checkValue(path, typ, e, out)
	}
}

// checkValue checks one value (not a list) of a field of ECS type typ.
func (c *ecsChecker) checkValue(path, typ string, v any, out *[]violation) {
	bad := func(note string) {
		*out = append(*out, violation{path: path, value: jsonText(v), rule: ruleType, note: note})
	}
	if v == nil {
		*out = append(*out, violation{path: path, value: "null", rule: ruleEmpty})
		return
	}
	switch typ {
	case "keyword", "constant_keyword", "wildcard", "match_only_text", "text":
		s, ok := v.(string)
		if !ok {
			bad(typ + " wants a JSON string")
			return
		}
		if strings.HasSuffix(path, ".mac") && c.allow[path] != ruleMACNotes && !macNotation.MatchString(s) {
			*out = append(*out, violation{path: path, value: jsonText(v), rule: ruleMACNotes})
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
		// Any JSON value; nulls are caught above.
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
	for _, dir := range []string{"golden", "catalogue"} {
		for _, s := range loadSamples(t, dir) {
			add(dir, s.name, s.input, true)
		}
	}
	for _, mc := range mappingCases {
		add("mapping", mc.name, []byte(mc.line), false)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		for i, in := range fuzzInputs(t, file) {
			add("fuzz", fmt.Sprintf("%s#%d", filepath.ToSlash(strings.TrimPrefix(file, filepath.Join("testdata", "fuzz")+string(filepath.Separator))), i), in, false)
		}
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
// one the checker can waive, and each named golden sample really breaks
// that rule at that path without the entry.
func TestECSDeviationsNeeded(t *testing.T) {
	strict := newECSChecker(t)
	strict.allow = map[string]rule{}
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
		if d.rule != ruleMACNotes {
			t.Errorf("allow-list: %s: rule %q cannot be waived", d.path, d.rule)
		}
		if len(d.samples) == 0 || d.why == "" {
			t.Errorf("allow-list: %s must name its golden samples and say why", d.path)
		}
		for _, name := range d.samples {
			doc, ok := docs[name]
			if !ok {
				t.Errorf("allow-list: %s: no golden sample %q", d.path, name)
				continue
			}
			if !slices.ContainsFunc(strict.check(doc), func(v violation) bool { return v.path == d.path && v.rule == d.rule }) {
				t.Errorf("allow-list: %s: golden sample %s no longer breaks %q there; drop it from the entry", d.path, name, d.rule)
			}
		}
	}
}

// TestECSReference checks the copy of the reference and the facts the
// checker takes from it.
func TestECSReference(t *testing.T) {
	ecs := loadECS(t)
	for name, want := range map[string]ecsField{
		"@timestamp":  {typ: "date"},
		"source.port": {typ: "long"},
		"source.ip":   {typ: "ip"},
		"host.ip":     {typ: "ip", array: true},
		"message":     {typ: "match_only_text"},
	} {
		if f := ecs[name]; f.typ != want.typ || f.array != want.array {
			t.Errorf("%s: type %q array %v, want %q %v", name, f.typ, f.array, want.typ, want.array)
		}
	}
	macs := 0
	for name, f := range ecs {
		if !strings.HasSuffix(name, ".mac") {
			continue
		}
		macs++
		var examples []string
		if f.array {
			if err := json.Unmarshal([]byte(f.example), &examples); err != nil {
				t.Errorf("%s: example %q: %v", name, f.example, err)
			}
		} else {
			examples = []string{f.example}
		}
		for _, e := range examples {
			if !macNotation.MatchString(e) {
				t.Errorf("%s: ECS example %q is not in the notation the checker demands", name, e)
			}
		}
	}
	if macs == 0 {
		t.Error("no *.mac fields in the reference")
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
		{"MAC outside the allow-list", `{"observer":{"mac":["00:50:56:94:2b:94"]}}`, "observer.mac", ruleMACNotes},
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
	// allow-listed MAC notation, every custom type.
	for _, doc := range []string{
		`{"@timestamp":"2022-02-06T14:24:10.146720Z","source":{"ip":"2001:db8::1","port":0,"mac":"fc:3f:db:0d:87:89"},
		  "event":{"category":"network","type":["connection","info"],"severity":10},
		  "host":{"ip":"::ffff:1.2.3.4","mac":["00:50:56:94:2b:94"]},"observer":{"mac":"00-00-5E-00-53-23"},
		  "tls":{"server":{"x509":{"subject":{"common_name":"a","country":["US"]}}}},
		  "claroty":{"xdome":{"change":{"timestamp":"2024-03-14T07:15:27Z"},"event_id":"1"}}}`,
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
// is an ECS field of a matching type, and only ECS arrays are Go slices.
func TestEventTypeIsECS(t *testing.T) {
	ecs := loadECS(t)
	family := map[string]string{
		"keyword": "keyword", "constant_keyword": "keyword", "wildcard": "keyword",
		"match_only_text": "keyword", "text": "keyword",
		"long": "long", "ip": "ip", "date": "date",
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
		case leaf.array && !f.array:
			t.Errorf("Event: %s is a list, ECS field is not an array", path)
		}
	}
}

// TestFieldsYML checks that fields.yml documents exactly the claroty.xdome
// fields of the Event type, with their types: adding a field to the type
// without documenting it fails here.
func TestFieldsYML(t *testing.T) {
	documented := customTypes(t)
	emitted := map[string]string{}
	for path, leaf := range eventLeaves(t) {
		if strings.HasPrefix(path, customPrefix) {
			if leaf.array {
				t.Errorf("Event: %s is a list; custom fields hold one value", path)
			}
			emitted[path] = leaf.typ
		}
	}
	if len(emitted) == 0 {
		t.Fatal("the Event type has no claroty.xdome fields")
	}
	for path, typ := range emitted {
		if got, ok := documented[path]; !ok {
			t.Errorf("fields.yml: %s (%s) is missing", path, typ)
		} else if got != typ {
			t.Errorf("fields.yml: %s has type %s, the library emits a %s", path, got, typ)
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
	documented := customTypes(t)
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
