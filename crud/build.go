package crud

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
)

// fieldKind is how a field's values are read from a query string or a CSV
// cell.
type fieldKind uint8

const (
	kindString fieldKind = iota
	kindInt
	kindFloat
	kindBool
	kindOther // slices, structs: not filterable, not in CSV
)

// field is one top-level field of T (or of Meta), found once.
type field struct {
	name string // JSON name
	kind fieldKind
	meta bool // one of Meta's, or the scope field
}

// built is what a Resource's definition becomes at start-up: its fields
// resolved, its filters checked.
type built[T any] struct {
	res        *Resource[T]
	coll       string
	scopeField string
	fields     map[string]field
	writable   []string // T's JSON names, in declaration order
	filters    map[string]*Filter
	sortable   map[string]bool
	defSort    string
	csv        []field
	label      string

	setupOnce sync.Once
	setup     *primitives.Setup
	rowOnce   sync.Once
	rows      *schema.Validator
}

// build resolves res once; it panics on a definition error.
func (res *Resource[T]) build() *built[T] {
	res.once.Do(func() {
		b, err := newBuilt(res)
		if err != nil {
			panic(fmt.Sprintf("crud: resource %q: %v", res.Name, err))
		}
		res.built = b
	})
	return res.built
}

func newBuilt[T any](res *Resource[T]) (*built[T], error) {
	if res.Name == "" || strings.ContainsAny(res.Name, "/{} ") {
		return nil, fmt.Errorf("a resource needs a Name usable as one path segment")
	}
	if res.ScopeSelf && res.ScopeField != "" {
		return nil, fmt.Errorf("ScopeSelf and ScopeField exclude each other")
	}
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("the record type %s is not a struct", t)
	}
	b := &built[T]{res: res, coll: res.collection(), scopeField: res.ScopeField, fields: map[string]field{}}
	for _, n := range metaFields {
		b.fields[n] = field{name: n, kind: kindString, meta: true}
	}
	if b.scopeField != "" {
		if _, dup := b.fields[b.scopeField]; dup {
			return nil, fmt.Errorf("ScopeField %q is a field every record has", b.scopeField)
		}
		b.fields[b.scopeField] = field{name: b.scopeField, kind: kindString, meta: true}
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if bn, _, _ := strings.Cut(sf.Tag.Get("bson"), ","); bn != "" && bn != name {
			return nil, fmt.Errorf("field %s: bson name %q differs from its json name %q", sf.Name, bn, name)
		}
		if _, dup := b.fields[name]; dup {
			return nil, fmt.Errorf("field %s: %q is a field the resource writes itself (or a duplicate)", sf.Name, name)
		}
		b.fields[name] = field{name: name, kind: kindOf(sf.Type)}
		b.writable = append(b.writable, name)
	}
	b.filters = map[string]*Filter{}
	for i := range res.Filters {
		f := &res.Filters[i]
		fd, ok := b.fields[f.Field]
		if !ok {
			return nil, fmt.Errorf("filter %q: no field %q", f.Name, f.Field)
		}
		if fd.kind == kindOther {
			return nil, fmt.Errorf("filter %q: field %q is not a scalar", f.Name, f.Field)
		}
		if _, dup := b.filters[f.Name]; dup || slices.Contains(reservedParams, f.Name) {
			return nil, fmt.Errorf("filter %q: duplicate or reserved query parameter", f.Name)
		}
		b.filters[f.Name] = f
	}
	b.sortable = map[string]bool{}
	for _, s := range res.Sortable {
		if fd, ok := b.fields[s]; !ok || fd.kind == kindOther {
			return nil, fmt.Errorf("sortable %q: no scalar field of that name", s)
		}
		b.sortable[s] = true
	}
	b.defSort = res.DefaultSort
	if b.defSort == "" {
		b.defSort = "createdAt"
	}
	for _, c := range res.CSV {
		fd, ok := b.fields[c]
		if !ok || fd.kind == kindOther || c == "importHash" || c == "deletedAt" {
			return nil, fmt.Errorf("CSV field %q: no scalar field of that name", c)
		}
		b.csv = append(b.csv, fd)
	}
	b.label = res.Label
	if b.label == "" {
		b.label = "id"
	}
	if fd, ok := b.fields[b.label]; !ok || fd.kind != kindString {
		return nil, fmt.Errorf("label %q: no string field of that name", b.label)
	}
	for _, u := range res.Unique {
		if fd, ok := b.fields[u]; !ok || fd.meta {
			return nil, fmt.Errorf("unique %q: no field of T of that name", u)
		}
	}
	return b, nil
}

// reservedParams are the query parameters the list routes read
// themselves; a filter may not take their names.
var reservedParams = []string{"field", "sort", "page", "limit", "filetype", "query", "offset"}

func kindOf(t reflect.Type) fieldKind {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return kindString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return kindInt
	case reflect.Float32, reflect.Float64:
		return kindFloat
	case reflect.Bool:
		return kindBool
	}
	return kindOther
}
