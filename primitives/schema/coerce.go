package schema

import (
	"encoding/json"
	"math"
)

// jtype is the JSON type of a decoded value.
type jtype uint8

const (
	tInvalid jtype = iota
	tNull
	tBoolean
	tNumber
	tString
	tArray
	tObject
)

// typeOf classifies a decoded JSON value. Numbers may be float64,
// json.Number or any Go integer or float type.
func typeOf(v any) jtype {
	switch v.(type) {
	case nil:
		return tNull
	case bool:
		return tBoolean
	case string:
		return tString
	case []any:
		return tArray
	case map[string]any:
		return tObject
	case float64, json.Number, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return tNumber
	}
	return tInvalid
}

// typeSet is the set of types a schema declares ("integer" is separate from
// "number", as in JSON schema).
type typeSet uint8

const (
	setNull typeSet = 1 << iota
	setBoolean
	setInteger
	setNumber
	setString
	setArray
	setObject
)

func typeSetOf(name string) typeSet {
	switch name {
	case "null":
		return setNull
	case "boolean":
		return setBoolean
	case "integer":
		return setInteger
	case "number":
		return setNumber
	case "string":
		return setString
	case "array":
		return setArray
	case "object":
		return setObject
	}
	return 0
}

// matches reports whether v (of type t) is one of the declared types, with
// AJV's number rules: integers are numbers, and NaN/±Infinity are not
// numbers (strictNumbers).
func (ts typeSet) matches(v any, t jtype) bool {
	switch t {
	case tNull:
		return ts&setNull != 0
	case tBoolean:
		return ts&setBoolean != 0
	case tString:
		return ts&setString != 0
	case tArray:
		return ts&setArray != 0
	case tObject:
		return ts&setObject != 0
	case tNumber:
		f, ok := toFloat(v)
		if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
		if ts&setNumber != 0 {
			return true
		}
		return ts&setInteger != 0 && f == math.Trunc(f)
	}
	return false
}

// coercible reports whether AJV (coerceTypes: true) can coerce to a type.
func coercible(name string) bool {
	switch name {
	case "string", "number", "integer", "boolean", "null":
		return true
	}
	return false
}

// coerce converts v to the first of the declared coercible types (in
// declaration order) that accepts it, exactly like AJV's coerceData:
//
//	string  ← number, boolean ("" + v); null → ""
//	number  ← boolean (1/0), null (0), non-empty numeric string (+v)
//	integer ← as number, but the string must denote an integer ("2.0" ok)
//	boolean ← "true"/1 → true; "false"/0/null → false
//	null    ← "", 0, false
//
// Arrays and objects are never coerced. It reports false when no rule
// applies (the caller then reports "must be <type>").
func coerce(v any, t jtype, to []string) (any, bool) {
	for _, target := range to {
		switch target {
		case "string":
			switch t {
			case tNumber:
				f, _ := toFloat(v)
				return jsNumberString(f), true
			case tBoolean:
				if v.(bool) {
					return "true", true
				}
				return "false", true
			case tNull:
				return "", true
			}
		case "number", "integer":
			switch t {
			case tBoolean:
				if v.(bool) {
					return float64(1), true
				}
				return float64(0), true
			case tNull:
				return float64(0), true
			case tString:
				s := v.(string)
				if s == "" {
					continue
				}
				f, ok := jsToNumber(s)
				if !ok {
					continue
				}
				// AJV: !(data % 1); NaN % 1 is NaN and !NaN is true, so
				// ±Infinity passes the integer test too.
				if target == "integer" && !math.IsInf(f, 0) && f != math.Trunc(f) {
					continue
				}
				return f, true
			}
		case "boolean":
			switch t {
			case tString:
				switch v.(string) {
				case "false":
					return false, true
				case "true":
					return true, true
				}
			case tNumber:
				f, _ := toFloat(v)
				switch f {
				case 0:
					return false, true
				case 1:
					return true, true
				}
			case tNull:
				return false, true
			}
		case "null":
			switch t {
			case tString:
				if v.(string) == "" {
					return nil, true
				}
			case tNumber:
				if f, _ := toFloat(v); f == 0 {
					return nil, true
				}
			case tBoolean:
				if !v.(bool) {
					return nil, true
				}
			}
		}
	}
	return nil, false
}
