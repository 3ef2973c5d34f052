package shape

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"
)

// The generated files, by their path from the repository root.
const (
	GoTypesFile   = "ecs_gen.go"
	EncoderFile   = "json_gen.go"
	MapWriterFile = "otelcol/xdomeprocessor/document_gen.go"
	FieldsYMLFile = "fields.yml"
	TemplateFile  = "index-template.json"
	FieldsDocFile = "docs/fields.md"
)

// Files returns every generated file by its path from the repository root.
func Files() (map[string][]byte, error) {
	root, err := tree(Document)
	if err != nil {
		return nil, err
	}
	if err := checkComposed(root, Composed); err != nil {
		return nil, err
	}
	files := map[string][]byte{
		FieldsYMLFile: fieldsYML(root),
		TemplateFile:  indexTemplate(root),
		FieldsDocFile: fieldsDoc(root),
	}
	for name, src := range map[string][]byte{
		GoTypesFile:   goTypes(root),
		EncoderFile:   encoder(root),
		MapWriterFile: mapWriter(root),
	} {
		out, err := format.Source(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", name, err, src)
		}
		files[name] = out
	}
	return files, nil
}

// node is a field with the fields under it.
type node struct {
	Field
	goName, goType string // goType: the Go type of an object, "" for a leaf
	ptr            bool   // an object absent as a nil pointer
	kids           []*node
	first          bool // the object that describes its Go type
}

func (n *node) leaf() bool { return n.Type != Object }

// tree builds the tree of the document from its flat list, checking it.
func tree(fields []Field) (*node, error) {
	root := &node{Field: Field{Type: Object}, goType: "Event", first: true}
	byName := map[string]*node{"": root}
	byType := map[string]*node{"Event": root}
	for _, f := range fields {
		if _, dup := byName[f.Name]; dup {
			return nil, fmt.Errorf("%s: listed twice", f.Name)
		}
		parentName, key := "", f.Name
		if i := strings.LastIndexByte(f.Name, '.'); i >= 0 {
			parentName, key = f.Name[:i], f.Name[i+1:]
		}
		for _, c := range key {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '@') {
				return nil, fmt.Errorf("%s: a key holds only a-z, 0-9, _ and @", f.Name)
			}
		}
		parent := byName[parentName]
		if parent == nil || parent.leaf() {
			return nil, fmt.Errorf("%s: its object %q is not listed before it", f.Name, parentName)
		}
		if !parent.first {
			return nil, fmt.Errorf("%s: %s has the fields of %s, listed there", f.Name, parentName, parent.goType)
		}
		n := &node{Field: f, goName: f.Go}
		switch {
		case f.Type == Object:
			name, typ, ok := strings.Cut(f.Go, " ")
			if !ok || f.Array {
				return nil, fmt.Errorf("%s: an object needs Go %q as \"Name Type\" and no Array", f.Name, f.Go)
			}
			n.goName = name
			n.ptr = strings.HasPrefix(typ, "*")
			n.goType = strings.TrimPrefix(typ, "*")
			if same := byType[n.goType]; same != nil {
				n.kids = same.kids // described once, there
			} else {
				n.first = true
				byType[n.goType] = n
			}
		case f.Array && f.Type != Keyword && f.Type != IP:
			return nil, fmt.Errorf("%s: only keyword and ip fields can be lists", f.Name)
		case strings.Contains(f.Go, " "):
			return nil, fmt.Errorf("%s: a leaf's Go is its field name alone", f.Name)
		}
		if strings.HasPrefix(f.Name, customPrefix) && f.Type == Text {
			return nil, fmt.Errorf("%s: a custom field is not text", f.Name)
		}
		if f.Doc == "" {
			return nil, fmt.Errorf("%s: no Doc", f.Name)
		}
		parent.kids = append(parent.kids, n)
		byName[f.Name] = n
	}
	for name, n := range byName {
		if !n.leaf() && len(n.kids) == 0 {
			return nil, fmt.Errorf("%s: an object with no fields", name)
		}
	}
	return root, nil
}

// checkComposed checks that every name of composed is a string field.
func checkComposed(root *node, composed map[string]bool) error {
	found := map[string]bool{}
	walk(root, "", func(name string, n *node) {
		if composed[name] && (n.Type == Keyword || n.Type == Text) {
			found[name] = true
		}
	})
	for name := range composed {
		if !found[name] {
			return fmt.Errorf("Composed: %s is not a keyword or text field", name)
		}
	}
	return nil
}

const customPrefix = "claroty.xdome."

// walk calls fn for every field under n in document order, an object's
// fields after it, with the fields of a described-before object under its
// own name.
func walk(n *node, prefix string, fn func(name string, n *node)) {
	for _, k := range n.kids {
		name := prefix + lastKey(k.Name)
		fn(name, k)
		if !k.leaf() {
			walk(k, name+".", fn)
		}
	}
}

func lastKey(name string) string {
	return name[strings.LastIndexByte(name, '.')+1:]
}

// goType is the Go type of a field.
func goType(n *node) string {
	var t string
	switch n.Type {
	case Object:
		t = n.goType
		if n.ptr {
			t = "*" + t
		}
		return t
	case Keyword, Text:
		t = "string"
	case Long:
		return "*int"
	case Float:
		return "*float64"
	case Boolean:
		return "*bool"
	case Date:
		return "Time"
	case IP:
		t = "netip.Addr"
	case Flattened:
		return "Unmapped"
	}
	if n.Array {
		return "[]" + t
	}
	return t
}

const generatedHeader = "// Code generated by internal/shape/gen from internal/shape/document.go; DO NOT EDIT.\n\n"

// comment writes text as a Go comment of lines of at most 76 columns.
func comment(b *bytes.Buffer, indent, text string) {
	for _, para := range strings.Split(text, "\n") {
		line := indent + "//"
		if para == "" {
			b.WriteString(line + "\n")
			continue
		}
		for _, w := range strings.Fields(para) {
			if len(line)+1+len(w) > 76 && line != indent+"//" {
				b.WriteString(line + "\n")
				line = indent + "//"
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
}

// typeDoc is the doc comment of an object's Go type.
func typeDoc(n *node) string {
	return n.goType + " is " + n.Doc
}

func goTypes(root *node) []byte {
	var b bytes.Buffer
	b.WriteString(generatedHeader + "package xdome\n\nimport (\n\"net/netip\"\n\"slices\"\n)\n\n")
	var types []*node
	var collect func(n *node)
	collect = func(n *node) {
		if n.leaf() || !n.first {
			return
		}
		types = append(types, n)
		for _, k := range n.kids {
			collect(k)
		}
	}
	collect(root)
	for _, t := range types {
		if t == root {
			comment(&b, "", EventDoc)
		} else {
			comment(&b, "", typeDoc(t))
		}
		fmt.Fprintf(&b, "type %s struct {\n", t.goType)
		for i, k := range t.kids {
			if k.leaf() {
				if i > 0 {
					b.WriteString("\n")
				}
				comment(&b, "\t", k.Doc)
			}
			omit := "omitempty"
			switch {
			case k.Type == Object && !k.ptr, k.Type == Date, k.Type == IP && !k.Array:
				omit = "omitzero"
			}
			fmt.Fprintf(&b, "\t%s %s `json:\"%s,%s\"`\n", k.goName, goType(k), lastKey(k.Name), omit)
		}
		if t == root {
			b.WriteString("\n")
			for _, line := range strings.Split(EventTail, "\n") {
				b.WriteString("\t" + line + "\n")
			}
		}
		b.WriteString("}\n\n")
	}

	b.WriteString("// cloneRefs gives ev a copy of its own of every list and pointer it\n// holds: see Clone.\nfunc (ev *Event) cloneRefs() {\n")
	var refs func(n *node, expr string)
	refs = func(n *node, expr string) {
		for _, k := range n.kids {
			e := expr + "." + k.goName
			switch {
			case k.Type == Object && k.ptr:
				fmt.Fprintf(&b, "%s = clonePtr(%s)\n", e, e)
				if hasRefs(k) {
					panic(k.Name + ": a pointer to an object with lists or pointers needs a deep copy")
				}
			case k.Type == Object:
				refs(k, e)
			case k.Type == Flattened:
				fmt.Fprintf(&b, "%s = %s.clone()\n", e, e)
			case k.Array:
				fmt.Fprintf(&b, "%s = slices.Clone(%s)\n", e, e)
			case strings.HasPrefix(goType(k), "*"):
				fmt.Fprintf(&b, "%s = clonePtr(%s)\n", e, e)
			}
		}
	}
	refs(root, "ev")
	b.WriteString("}\n")
	return b.Bytes()
}

func hasRefs(n *node) bool {
	for _, k := range n.kids {
		if k.Array || k.Type == Flattened || strings.HasPrefix(goType(k), "*") || k.Type == Object && hasRefs(k) {
			return true
		}
	}
	return false
}

// encoder writes appendEvent, the members of the JSON document, in the
// style of json.go: every member with a leading comma, objects through
// openObj and closeObj. It is one function but for the objects absent as
// nil pointers, which have one of their own per Go type.
func encoder(root *node) []byte {
	var b bytes.Buffer
	b.WriteString(generatedHeader + "package xdome\n\n")
	b.WriteString("// appendEvent appends the members of the document of ev to b, each with\n// a leading comma: see openObj. clean says that no string of ev but the\n// composed ones needs escaping: see appendJSONText.\n")
	encoderFunc(&b, "func appendEvent(b []byte, ev *Event, clean bool) []byte {\n", root, "ev", false)
	var ptrTypes []*node
	walk(root, "", func(_ string, n *node) {
		if n.ptr && n.first {
			ptrTypes = append(ptrTypes, n)
		}
	})
	for _, t := range ptrTypes {
		fmt.Fprintf(&b, "\n// append%s appends the member key of v when v is not nil.\n", t.goType)
		encoderFunc(&b, fmt.Sprintf("func append%s(b []byte, key string, v *%s, clean bool) []byte {\nif v == nil {\nreturn b\n}\n", t.goType, t.goType), t, "v", true)
	}
	return b.Bytes()
}

func encoderFunc(b *bytes.Buffer, head string, n *node, expr string, wrap bool) {
	var body bytes.Buffer
	depth := 0
	var members func(n *node, expr string, d int)
	members = func(n *node, expr string, d int) {
		for _, k := range n.kids {
			key := fmt.Sprintf("`,%q:`", lastKey(k.Name))
			e := expr + "." + k.goName
			if k.Type == Object {
				if k.ptr {
					fmt.Fprintf(&body, "b = append%s(b, %s, %s, clean)\n", k.goType, key, e)
					continue
				}
				depth = max(depth, d)
				fmt.Fprintf(&body, "b, m%d, p%d = openObj(b, %s)\n", d, d, key)
				members(k, e, d+1)
				fmt.Fprintf(&body, "b = closeObj(b, m%d, p%d)\n", d, d)
				continue
			}
			switch f := encodeFunc(k); {
			case f != "strField" && f != "strsField":
				fmt.Fprintf(&body, "b = %s(b, %s, %s)\n", f, key, e)
			case Composed[k.Name]:
				fmt.Fprintf(&body, "b = %s(b, %s, %s, false)\n", f, key, e)
			default:
				fmt.Fprintf(&body, "b = %s(b, %s, %s, clean)\n", f, key, e)
			}
		}
	}
	start := 1
	if wrap {
		depth = 1
		body.WriteString("b, m1, p1 = openObj(b, key)\n")
		start = 2
	}
	members(n, expr, start)
	if wrap {
		body.WriteString("return closeObj(b, m1, p1)\n")
	} else {
		body.WriteString("return b\n")
	}
	b.WriteString(head)
	if depth > 0 {
		var vars []string
		for d := 1; d <= depth; d++ {
			vars = append(vars, fmt.Sprintf("m%d, p%d", d, d))
		}
		fmt.Fprintf(b, "var %s int\n", strings.Join(vars, ", "))
	}
	b.Write(body.Bytes())
	b.WriteString("}\n")
}

// encodeFunc is the json.go function that writes a member of n's type.
func encodeFunc(n *node) string {
	switch n.Type {
	case Keyword, Text:
		if n.Array {
			return "strsField"
		}
		return "strField"
	case Long:
		return "intField"
	case Float:
		return "floatField"
	case Boolean:
		return "boolField"
	case Date:
		return "timeField"
	case IP:
		if n.Array {
			return "addrsField"
		}
		return "addrField"
	case Flattened:
		return "unmappedField"
	}
	panic("no encoder for " + n.Name)
}

// mapWriter writes putDocument, the collector processor's writer of the
// document as a pcommon.Map, through the obj methods of document.go.
func mapWriter(root *node) []byte {
	var b bytes.Buffer
	b.WriteString(generatedHeader + "package xdomeprocessor\n\nimport \"github.com/cefecs/xdome\"\n\n")
	objects, depth := 1, 0 // the root, and how deep objects nest
	walk(root, "", func(name string, n *node) {
		if !n.leaf() {
			objects++
			depth = max(depth, strings.Count(name, ".")+1)
		}
	})
	fmt.Fprintf(&b, "// The members of the document's root, the most objects a document has\n// (the root included), and how deep they nest: the sizes the writer needs.\nconst (\ndocumentMembers = %d\ndocumentObjects = %d\ndocumentDepth = %d\n)\n\n", len(root.kids), objects, depth)
	b.WriteString("// putDocument writes the document of ev into root: the members that\n// AppendJSON writes, in its order, with their types.\n")
	b.WriteString("func putDocument(root obj, ev *xdome.Event) {\n")
	mapMembers(&b, root, "root", "ev", 1)
	b.WriteString("}\n")
	var ptrTypes []*node
	walk(root, "", func(_ string, n *node) {
		if n.ptr && n.first {
			ptrTypes = append(ptrTypes, n)
		}
	})
	for _, t := range ptrTypes {
		fmt.Fprintf(&b, "\n// put%s writes v into o.\nfunc put%s(o obj, v *xdome.%s) {\n", t.goType, t.goType, t.goType)
		mapMembers(&b, t, "o", "v", 1)
		b.WriteString("}\n")
	}
	return b.Bytes()
}

func mapMembers(b *bytes.Buffer, n *node, o, expr string, d int) {
	for _, k := range n.kids {
		key := fmt.Sprintf("%q", lastKey(k.Name))
		e := expr + "." + k.goName
		if k.Type == Object {
			if k.ptr {
				fmt.Fprintf(b, "if %s != nil {\nput%s(%s.child(%s, %d), %s)\n}\n", e, k.goType, o, key, len(k.kids), e)
				continue
			}
			c := fmt.Sprintf("o%d", d)
			fmt.Fprintf(b, "{\n%s := %s.child(%s, %d)\n", c, o, key, len(k.kids))
			mapMembers(b, k, c, e, d+1)
			b.WriteString("}\n")
			continue
		}
		fmt.Fprintf(b, "%s.%s(%s, %s)\n", o, mapFunc(k), key, e)
	}
}

// mapFunc is the obj method of document.go that writes a member of n's type.
func mapFunc(n *node) string {
	switch n.Type {
	case Keyword, Text:
		if n.Array {
			return "strs"
		}
		return "str"
	case Long:
		return "int"
	case Float:
		return "float"
	case Boolean:
		return "bool"
	case Date:
		return "time"
	case IP:
		if n.Array {
			return "addrs"
		}
		return "addr"
	case Flattened:
		return "unmapped"
	}
	panic("no map writer for " + n.Name)
}

// fieldsYML lists the custom fields with their types and descriptions, in
// the form of an ECS fields.yml.
func fieldsYML(root *node) []byte {
	var b bytes.Buffer
	b.WriteString(`# Custom fields of the xdome ECS documents.
#
# Generated by internal/shape/gen from internal/shape/document.go; do not edit.
#
# Everything in an xdome document is an ECS 9.4 field except these, which
# carry what Claroty xDome sends and ECS has no place for. They live under
# claroty.xdome and are mapped by index-template.json. Each description says
# which xDome CEF extension key the value comes from; values are kept as
# xDome sends them (no case or unit conversion) unless the description says
# otherwise. A field holds one value unless its normalize list has array, as
# ECS marks its arrays.
`)
	walk(root, "", func(name string, n *node) {
		if !n.leaf() || !strings.HasPrefix(name, customPrefix) {
			return
		}
		fmt.Fprintf(&b, "\n- name: %s\n  type: %s\n", name, n.Type)
		if n.Array {
			b.WriteString("  normalize:\n    - array\n")
		}
		fmt.Fprintf(&b, "  description: %s\n", n.Doc)
	})
	return b.Bytes()
}

// indexTemplate is the composable index template that maps the custom
// fields; the ECS fields come from Elasticsearch's ecs@mappings.
func indexTemplate(root *node) []byte {
	var b bytes.Buffer
	b.WriteString(`{
  "index_patterns": [
    "logs-claroty.xdome-*"
  ],
  "priority": 200,
  "data_stream": {},
  "composed_of": [
    "logs@mappings",
    "logs@settings",
    "logs@custom",
    "ecs@mappings"
  ],
  "ignore_missing_component_templates": [
    "logs@custom"
  ],
  "template": {
    "mappings": {
`)
	var props func(n *node, prefix, indent string, custom bool)
	props = func(n *node, prefix, indent string, custom bool) {
		b.WriteString(indent + "\"properties\": {\n")
		first := true
		for _, k := range n.kids {
			name := prefix + lastKey(k.Name)
			inside := custom || strings.HasPrefix(name, customPrefix)
			if !inside && !strings.HasPrefix(customPrefix, name+".") {
				continue
			}
			if !first {
				b.WriteString(",\n")
			}
			first = false
			fmt.Fprintf(&b, "%s  %q: {\n", indent, lastKey(k.Name))
			switch {
			case !k.leaf():
				props(k, name+".", indent+"    ", inside)
			case k.Type == Keyword:
				fmt.Fprintf(&b, "%s    \"type\": \"keyword\",\n%s    \"ignore_above\": 1024\n", indent, indent)
			default:
				fmt.Fprintf(&b, "%s    \"type\": %q\n", indent, k.Type)
			}
			b.WriteString(indent + "  }")
		}
		b.WriteString("\n" + indent + "}\n")
	}
	props(root, "", "      ", false)
	b.WriteString(`    }
  },
  "_meta": {
    "description": "Claroty xDome events as ECS documents from github.com/cefecs/xdome: ECS fields come from ecs@mappings, the claroty.xdome.* custom fields (fields.yml) are mapped here."
  }
}
`)
	return b.Bytes()
}

// fieldsDoc is the field reference: a table per top-level object.
func fieldsDoc(root *node) []byte {
	var b bytes.Buffer
	b.WriteString(`# Fields of the document

<!-- Generated by internal/shape/gen from internal/shape/document.go; do not edit. -->

Every field that an xdome document can hold, in the order the document
writes them. A field the record does not give is left out: there are no
empty strings, empty lists, nulls or empty objects. **Type** is the
Elasticsearch type; *list* marks a field that holds a JSON list. Fields
under ` + "`claroty.xdome`" + ` are custom (mapped by
[index-template.json](../index-template.json), listed in
[fields.yml](../fields.yml)); all others are ECS 9.4 fields. **Go** is the
field of ` + "[`xdome.Event`](https://pkg.go.dev/github.com/cefecs/xdome#Event)" + ` that holds it.
How each xDome key reaches these fields is in [mapping.md](mapping.md).
`)
	var section func(n *node, name, goExpr string)
	row := func(name, goExpr string, n *node) {
		typ := string(n.Type)
		if n.Array {
			typ += ", list"
		}
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | %s |\n", name, typ, goExpr, strings.ReplaceAll(n.Doc, "|", `\|`))
	}
	section = func(n *node, name, goExpr string) {
		for _, k := range n.kids {
			kn, ke := name+"."+lastKey(k.Name), goExpr+"."+k.goName
			if k.leaf() {
				row(kn, ke, k)
			} else {
				section(k, kn, ke)
			}
		}
	}
	var loose []*node
	for _, k := range root.kids {
		if k.leaf() {
			loose = append(loose, k)
		}
	}
	b.WriteString("\n## Base fields\n\n| Field | Type | Go | Description |\n|---|---|---|---|\n")
	for _, k := range loose {
		row(lastKey(k.Name), "ev."+k.goName, k)
	}
	for _, k := range root.kids {
		if k.leaf() {
			continue
		}
		top := lastKey(k.Name)
		if top == "claroty" {
			k = k.kids[0]
			top = "claroty.xdome"
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n| Field | Type | Go | Description |\n|---|---|---|---|\n", top, sentence(k.Doc))
		section(k, top, "ev."+strings.TrimPrefix(goPath(k), "."))
	}
	return b.Bytes()
}

// goPath is the Go selector of a top-level object or claroty.xdome.
func goPath(n *node) string {
	if n.Name == "claroty.xdome" {
		return "Claroty.XDome"
	}
	return n.goName
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
