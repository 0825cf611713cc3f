package store

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blockyard/blockyard/primitives"
)

// shape is what the store knows of a document type, worked out once per
// type by describe: the tree of its field names, or why it cannot be
// stored.
type shape struct {
	root *node
	err  *primitives.Error
}

// node is one level of a document's fields. Under a map or an interface
// any name goes (open); under a slice or an array a position goes
// (indexed), and then the element's fields.
type node struct {
	fields  map[string]*node
	open    bool
	indexed bool
	// readOnly marks a field tagged readOnly:"true" (see package model):
	// written by Insert, never by an update.
	readOnly bool
	// isString marks a field of kind string (only the id's kind matters).
	isString bool
}

var shapes sync.Map // reflect.Type → *shape

// describe returns the shape of t, computing it on first use.
func describe(t reflect.Type) *shape {
	if s, ok := shapes.Load(t); ok {
		return s.(*shape)
	}
	s := &shape{}
	if t.Kind() != reflect.Struct {
		s.err = invalid("", fmt.Sprintf("%v is not a struct", t))
	} else if root, err := structNode(t, t.String(), map[reflect.Type]bool{}); err != nil {
		s.err = err
	} else if id, ok := root.fields["id"]; !ok || !id.isString {
		s.err = invalid("id", fmt.Sprintf("%v has no string field named id", t))
	} else {
		s.root = root
	}
	actual, _ := shapes.LoadOrStore(t, s)
	return actual.(*shape)
}

// stringLeaf marks a field of kind string (only the id's kind matters).
var stringLeaf = &node{isString: true}

// shapeOf is describe for T.
func shapeOf[T any]() *shape { return describe(reflect.TypeFor[T]()) }

var timeType = reflect.TypeFor[time.Time]()

// structNode lists the fields of struct t as the BSON encoder (with the
// JSON-tag fallback the store sets) names them, checking that each is
// named the same in JSON. where names t in errors; seen stops recursive
// types.
func structNode(t reflect.Type, where string, seen map[reflect.Type]bool) (*node, *primitives.Error) {
	n := &node{fields: map[string]*node{}}
	if seen[t] {
		n.open = true // a recursive type: do not check below this level
		return n, nil
	}
	seen[t] = true
	defer delete(seen, t)
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		bsonName, inline, skip := bsonField(sf)
		jsonName, jsonSkip := jsonField(sf)
		if skip != jsonSkip {
			return nil, invalid(sf.Name, fmt.Sprintf("%s.%s is skipped in one of JSON and BSON only: tag it `json:\"-\"` alone", where, sf.Name))
		}
		if skip {
			continue
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if sf.Anonymous && jsonName == "" && !sf.IsExported() {
			// encoding/json flattens the exported fields of an unexported
			// embedded struct; the BSON encoder skips it whole.
			return nil, invalid(sf.Name, fmt.Sprintf("%s embeds the unexported %s: BSON skips it, JSON flattens it; export the type", where, sf.Name))
		}
		if sf.Anonymous && jsonName == "" {
			// encoding/json flattens an untagged embedded struct; BSON
			// must be told.
			if !inline || ft.Kind() != reflect.Struct {
				return nil, invalid(sf.Name, fmt.Sprintf("%s embeds %s without `bson:\",inline\"`: BSON would nest it, JSON flattens it", where, sf.Name))
			}
			sub, err := structNode(ft, where+"."+sf.Name, seen)
			if err != nil {
				return nil, err
			}
			for k, v := range sub.fields {
				if _, dup := n.fields[k]; !dup {
					n.fields[k] = v
				}
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if inline {
			return nil, invalid(sf.Name, fmt.Sprintf("%s.%s: only an embedded struct may be inline", where, sf.Name))
		}
		if jsonName == "" {
			jsonName = sf.Name
		}
		if bsonName != jsonName {
			return nil, invalid(sf.Name, fmt.Sprintf("%s.%s is %q in JSON but %q in BSON: give it a json tag (and no bson name, or the same)", where, sf.Name, jsonName, bsonName))
		}
		child, err := fieldNode(sf.Type, where+"."+sf.Name, seen)
		if err != nil {
			return nil, err
		}
		if sf.Tag.Get("readOnly") == "true" {
			ro := *child // leaves may be shared (stringLeaf): mark a copy
			ro.readOnly = true
			child = &ro
		}
		n.fields[jsonName] = child
	}
	return n, nil
}

// fieldNode is the node below a field of type t.
func fieldNode(t reflect.Type, where string, seen map[reflect.Type]bool) (*node, *primitives.Error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return stringLeaf, nil
	case reflect.Struct:
		if t == timeType {
			return &node{}, nil
		}
		return structNode(t, where, seen)
	case reflect.Map, reflect.Interface:
		return &node{open: true}, nil
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return &node{}, nil // []byte is binary data, not an array
		}
		el, err := fieldNode(t.Elem(), where+"[]", seen)
		if err != nil {
			return nil, err
		}
		// An array path may name a position ("tags.3") or, as MongoDB
		// reads it, the elements' fields directly ("members.role").
		return &node{fields: el.fields, open: el.open, indexed: true}, nil
	}
	return &node{}, nil
}

// bsonField is the BSON encoder's reading of a field with the store's
// JSON fallback: its name, whether it is inline, whether it is skipped.
func bsonField(sf reflect.StructField) (name string, inline, skip bool) {
	tag, ok := sf.Tag.Lookup("bson")
	if !ok {
		tag = sf.Tag.Get("json")
	}
	if tag == "-" {
		return "", false, true
	}
	name, opts, _ := strings.Cut(tag, ",")
	for o := range strings.SplitSeq(opts, ",") {
		inline = inline || o == "inline"
	}
	if name == "" {
		name = strings.ToLower(sf.Name)
	}
	return name, inline, false
}

// jsonField is encoding/json's name of a field ("" when untagged) and
// whether it skips it.
func jsonField(sf reflect.StructField) (name string, skip bool) {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	name, _, _ = strings.Cut(tag, ",")
	return name, false
}

// checkPath returns nil when T has the dotted field path, else an
// ErrInvalid error naming it.
func checkPath[T any](path string) error {
	s := shapeOf[T]()
	if s.err != nil {
		return s.err
	}
	if path == "" {
		return invalid(path, "empty field name")
	}
	n := s.root
	segs := strings.Split(path, ".")
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		if n.open {
			return nil
		}
		if n.indexed && isIndex(seg) {
			if i == len(segs)-1 {
				return nil
			}
			continue
		}
		child, ok := n.fields[seg]
		if !ok || seg == "" {
			return invalid(path, fmt.Sprintf("%v has no field %q", reflect.TypeFor[T](), path))
		}
		n = child
	}
	return nil
}

// isIndex reports whether seg is an array position.
func isIndex(seg string) bool {
	_, err := strconv.ParseUint(seg, 10, 31)
	return err == nil
}
