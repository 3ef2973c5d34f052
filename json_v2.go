//go:build goexperiment.jsonv2

package xdome

import "encoding/json/jsontext"

// MarshalJSONTo writes the ECS document of ev to enc: the hook through
// which encoding/json/v2, and encoding/json when Go is built with
// GOEXPERIMENT=jsonv2, marshal an Event. It writes the bytes of
// [Event.AppendJSON] into the encoder's own buffer; the encoder checks
// them once, as it does any raw value.
func (ev *Event) MarshalJSONTo(enc *jsontext.Encoder) error {
	return enc.WriteValue(ev.AppendJSON(enc.AvailableBuffer()))
}
