package reason

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Languages are the languages every catalogue entry must have, in order of
// preference when nothing else decides (English is the fallback).
var Languages = []string{"en", "zh-CN"}

// Entry is the catalogue's description of one code.
type Entry struct {
	Code     string
	Severity Severity
	Kind     Kind
	Field    string
	// Params are the parameter names the messages may use.
	Params []string
	// Worded maps a parameter to the prefix of the text keys that word
	// its value: {region: photo.region.} shows region "top_left" as the
	// text photo.region.top_left in the reader's language, so checks pass
	// codes and never words.
	Worded map[string]string
	// Text holds message and fix per language.
	Text map[string]Text
}

// Text is what a person reads for one code in one language.
type Text struct {
	Message string `yaml:"message"`
	Fix     string `yaml:"fix"`
}

//go:embed catalog/*.yaml
var catalogFS embed.FS

type fileEntry struct {
	Severity Severity          `yaml:"severity"`
	Kind     Kind              `yaml:"kind"`
	Field    string            `yaml:"field"`
	Params   []string          `yaml:"params"`
	Worded   map[string]string `yaml:"worded"`
	En       Text              `yaml:"en"`
	ZhCN     Text              `yaml:"zh-CN"`
}

type fileText struct {
	Params []string `yaml:"params"`
	En     string   `yaml:"en"`
	ZhCN   string   `yaml:"zh-CN"`
}

type file struct {
	Codes map[string]fileEntry `yaml:"codes"`
	Texts map[string]fileText  `yaml:"texts"`
}

type catalogue struct {
	entries map[string]Entry
	texts   map[string]textEntry
}

type textEntry struct {
	params []string
	text   map[string]string
}

var (
	loadOnce sync.Once
	loaded   catalogue
	loadErr  error
)

func cat() catalogue {
	loadOnce.Do(func() { loaded, loadErr = load(catalogFS) })
	if loadErr != nil {
		// The catalogue is embedded at build time; a broken file is a
		// build defect that TestCatalogue reports, never user input.
		panic(loadErr)
	}
	return loaded
}

func load(fsys fs.FS) (catalogue, error) {
	c := catalogue{entries: map[string]Entry{}, texts: map[string]textEntry{}}
	names, err := fs.Glob(fsys, "catalog/*.yaml")
	if err != nil {
		return c, err
	}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return c, err
		}
		var f file
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil {
			return c, fmt.Errorf("reason: %s: %w", name, err)
		}
		for code, fe := range f.Codes {
			if _, dup := c.entries[code]; dup {
				return c, fmt.Errorf("reason: %s: code %s defined twice", name, code)
			}
			c.entries[code] = Entry{Code: code, Severity: fe.Severity, Kind: fe.Kind, Field: fe.Field,
				Params: fe.Params, Worded: fe.Worded, Text: map[string]Text{"en": fe.En, "zh-CN": fe.ZhCN}}
		}
		for key, ft := range f.Texts {
			if _, dup := c.texts[key]; dup {
				return c, fmt.Errorf("reason: %s: text %s defined twice", name, key)
			}
			c.texts[key] = textEntry{params: ft.Params, text: map[string]string{"en": ft.En, "zh-CN": ft.ZhCN}}
		}
	}
	return c, nil
}

// Lookup returns the catalogue entry for code.
func Lookup(code string) (Entry, bool) {
	e, ok := cat().entries[code]
	return e, ok
}

// All returns every catalogue entry sorted by code.
func All() []Entry {
	c := cat()
	out := make([]Entry, 0, len(c.entries))
	for _, e := range c.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Message returns the localized message for code with params (key, value
// pairs), for errors that are not findings (e.g. an HTTP error body).
func Message(lang, code string, params ...string) string {
	return New(code, params...).Localize(lang).Message
}

// T returns the user-facing text key (e.g. an email subject) in lang with
// params (key, value pairs). An unknown key returns the key itself.
func T(lang, key string, params ...string) string {
	te, ok := cat().texts[key]
	if !ok {
		return key
	}
	p := map[string]string{}
	for i := 0; i+1 < len(params); i += 2 {
		p[params[i]] = params[i+1]
	}
	return expand(te.text[Match(lang)], p)
}

// TextKeys returns every text key, sorted.
func TextKeys() []string {
	c := cat()
	out := make([]string, 0, len(c.texts))
	for k := range c.texts {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var matcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})

// Match picks the supported language closest to pref, which may be a single
// tag ("zh-CN", "zh-Hans", "en-GB") or an Accept-Language header value.
// Anything unparseable falls back to English.
func Match(pref string) string {
	switch pref {
	case "en", "zh-CN":
		return pref
	case "":
		return "en"
	}
	tags, _, err := language.ParseAcceptLanguage(pref)
	if err != nil || len(tags) == 0 {
		return "en"
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Languages[idx]
}

// Check reports what is wrong with a finding produced by code: an unknown
// code, or a parameter the messages need but the finding does not carry.
// Checks' tests call it on every finding they produce.
func Check(f Finding) error {
	e, ok := Lookup(f.Code)
	if !ok {
		return fmt.Errorf("reason: unknown code %q", f.Code)
	}
	for _, lang := range Languages {
		for _, s := range []string{e.Text[lang].Message, e.Text[lang].Fix} {
			for _, p := range placeholders(s) {
				if _, ok := f.Params[p]; !ok {
					return fmt.Errorf("reason: %s (%s) needs parameter %q", f.Code, lang, p)
				}
			}
		}
	}
	return nil
}
