package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/kycd/kycd"
)

// maxJSONBody caps every JSON request body: nothing kycd accepts as JSON
// comes near it, and it bounds what a hostile client can make us buffer.
const maxJSONBody = 1 << 20

// decode reads one JSON object into v, refusing unknown fields, trailing
// data and oversized bodies with a request.invalid that names the problem.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return kycd.Errorf("request.invalid", "Content-Type must be application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return kycd.Errorf("request.invalid", "the body must hold exactly one JSON object")
	}
	return nil
}

func decodeError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return kycd.ErrorWith("request.too_large")
	case errors.Is(err, io.EOF):
		return kycd.Errorf("request.invalid", "the body is empty; send a JSON object")
	case errors.As(err, &syn):
		return kycd.Errorf("request.invalid", "malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		// Name the JSON type expected, never the Go type: Go names mean
		// nothing to a client and reveal the server's internals.
		if typ.Field == "" {
			return kycd.Errorf("request.invalid", "the body must be a JSON object, not %s", typ.Value)
		}
		return kycd.Errorf("request.invalid", "field %q must be %s, not %s", typ.Field, jsonKind(typ.Type), typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return kycd.Errorf("request.invalid", "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return kycd.Errorf("request.invalid", "the JSON body ends too early")
	}
	return kycd.Errorf("request.invalid", "%s", fmt.Sprint(err))
}

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
