package openapi

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// namer gives the named struct types of the responses stable, readable
// component names: the type's name, a generic's arguments appended by
// their own names ("Paged[…/blocks.Member]" → "PagedMember"), the
// package's name in front when two packages declare the same name.
type namer struct {
	byType  map[reflect.Type]string
	byName  map[string]reflect.Type
	pending []reflect.Type // named, not yet derived
}

func newNamer() *namer {
	return &namer{byType: map[reflect.Type]string{}, byName: map[string]reflect.Type{}}
}

// ref returns the $ref of t's component, naming t on first use, or "" for
// a type that is inlined (not a named struct, or a well-known one such as
// time.Time).
func (n *namer) ref(t reflect.Type) string {
	if t.Kind() != reflect.Struct || t.Name() == "" || t.PkgPath() == "" || t.PkgPath() == "time" {
		return ""
	}
	if name, ok := n.byType[t]; ok {
		return "#/components/schemas/" + name
	}
	name := readable(t.Name())
	if other, taken := n.byName[name]; taken && other != t {
		name = exported(pkgName(t.PkgPath())) + name
		for i := 2; n.byName[name] != nil; i++ {
			name = readable(t.Name()) + strconv.Itoa(i)
		}
	}
	n.byType[t], n.byName[name] = name, t
	n.pending = append(n.pending, t)
	return "#/components/schemas/" + name
}

// readable drops the import paths from a generic type's name and joins
// its parts: "Paged[github.com/x/blocks.Member]" → "PagedMember",
// "Pair[string,*pkg.T]" → "PairStringT".
func readable(name string) string {
	var sb strings.Builder
	for part := range strings.FieldsFuncSeq(name, func(r rune) bool { return strings.ContainsRune("[],*; ", r) }) {
		if i := strings.LastIndexAny(part, "./"); i >= 0 {
			part = part[i+1:]
		}
		sb.WriteString(exported(part))
	}
	return sb.String()
}

func exported(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func pkgName(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}
