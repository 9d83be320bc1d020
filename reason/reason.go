package reason

import (
	"sort"
	"strings"
)

// Severity says whether a finding stops the user from going on.
type Severity string

// Severities.
const (
	Blocking Severity = "blocking"
	Warning  Severity = "warning"
)

// Kind says whether the user can fix the problem (retry) or not (final).
type Kind string

// Kinds.
const (
	Retry Kind = "retry"
	Final Kind = "final"
)

// Finding is one problem kycd detected, with what a person needs to fix it.
// Message and Fix are empty until Localize fills them for a language.
type Finding struct {
	Code     string            `json:"code"`
	Severity Severity          `json:"severity"`
	Kind     Kind              `json:"kind"`
	Field    string            `json:"field,omitempty"`
	Params   map[string]string `json:"params,omitempty"`
	Message  string            `json:"message,omitempty"`
	Fix      string            `json:"fix,omitempty"`
}

// New builds a finding for code with the catalogue's severity, kind and
// field. params are key, value pairs; a trailing key without a value is
// ignored. An unknown code still yields a blocking finding (so a missing
// catalogue entry can never let bad input through); Check reports it.
func New(code string, params ...string) Finding {
	f := Finding{Code: code, Severity: Blocking, Kind: Retry}
	if e, ok := Lookup(code); ok {
		f.Severity, f.Kind, f.Field = e.Severity, e.Kind, e.Field
	}
	if len(params) >= 2 {
		f.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			f.Params[params[i]] = params[i+1]
		}
	}
	return f
}

// WithField returns a copy of f concerning field instead of the
// catalogue's default (e.g. "documents.id_front").
func (f Finding) WithField(field string) Finding {
	f.Field = field
	return f
}

// AsWarning returns a copy of f downgraded to a warning, for policies that
// accept what the catalogue would block by default.
func (f Finding) AsWarning() Finding {
	f.Severity = Warning
	return f
}

// Localize returns a copy of f with Message and Fix in lang (a BCP 47 tag;
// unsupported languages fall back to English).
func (f Finding) Localize(lang string) Finding {
	lang = Match(lang)
	e, ok := Lookup(f.Code)
	if !ok {
		f.Message = f.Code
		return f
	}
	t := e.Text[lang]
	params := f.Params
	if len(e.Worded) > 0 {
		params = make(map[string]string, len(f.Params))
		for k, v := range f.Params {
			if prefix, ok := e.Worded[k]; ok {
				if w := T(lang, prefix+v); w != prefix+v {
					v = w
				}
			}
			params[k] = v
		}
	}
	f.Message = expand(t.Message, params)
	f.Fix = expand(t.Fix, params)
	return f
}

// LocalizeAll localizes every finding in fs. It never returns nil, so an
// empty result encodes as [] in JSON.
func LocalizeAll(fs []Finding, lang string) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Localize(lang))
	}
	return out
}

// AnyBlocking reports whether any finding in fs is blocking.
func AnyBlocking(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Blocking {
			return true
		}
	}
	return false
}

// Codes returns the codes of fs, sorted, for tests and logs (codes carry no
// personal data, parameters may).
func Codes(fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Code)
	}
	sort.Strings(out)
	return out
}

// expand replaces {name} with params[name]. Unknown names are left as they
// are so that a gap is visible rather than silently blank.
func expand(tmpl string, params map[string]string) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		name := tmpl[i+1 : i+j]
		b.WriteString(tmpl[:i])
		if v, ok := params[name]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

// placeholders lists the {name} parameters a template uses.
func placeholders(tmpl string) []string {
	var out []string
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, tmpl[i+1:i+j])
		tmpl = tmpl[i+j+1:]
	}
}
