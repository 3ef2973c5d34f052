package xdome

// The Event types (ecs_gen.go), the members AppendJSON writes
// (json_gen.go), the collector processor's map writer, fields.yml,
// index-template.json and docs/fields.md follow from the one description
// of the document, internal/shape/document.go. TestGeneratedFilesAreCurrent
// fails when they are not what it gives.
//go:generate go run ./internal/shape/gen
