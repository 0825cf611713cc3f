package primitives

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The reference answers a malformed JSON body with the message of V8's
// JSON.parse (through Express's body-parser). v8JSONError reproduces those
// messages: it runs only once encoding/json has refused a body, so valid
// bodies never pay for it. Positions and context are counted in UTF-16
// code units, as JavaScript strings are.

// v8JSONError returns the message V8's JSON.parse throws for src, or "" when
// src is valid JSON.
func v8JSONError(src string) string {
	p := &v8Parser{src: src}
	p.skipSpace()
	err := p.value()
	if err == nil {
		p.skipSpace()
		if p.i < len(src) {
			err = p.at(p.i, "Unexpected non-whitespace character after JSON at position %d")
		}
	}
	if err == nil {
		return ""
	}
	return err.message(src)
}

type v8Parser struct {
	src string
	i   int // byte offset
}

// v8Error is a JSON.parse failure at a byte offset.
type v8Error struct {
	kind   int // v8EOS, v8Token or v8Positional
	offset int
	format string // v8Positional: a message with one %d, the position
}

const (
	v8EOS = iota
	v8Token
	v8Positional
)

func (p *v8Parser) eos() *v8Error { return &v8Error{kind: v8EOS} }

func (p *v8Parser) token(at int) *v8Error {
	if at >= len(p.src) {
		return p.eos()
	}
	return &v8Error{kind: v8Token, offset: at}
}

func (p *v8Parser) at(offset int, format string) *v8Error {
	return &v8Error{kind: v8Positional, offset: offset, format: format}
}

func (e *v8Error) message(src string) string {
	switch e.kind {
	case v8EOS:
		return "Unexpected end of JSON input"
	case v8Positional:
		return fmt.Sprintf(e.format, utf16Len(src[:e.offset]))
	}
	tok, _ := utf8.DecodeRuneInString(src[e.offset:])
	units := utf16.Encode([]rune(src))
	pos, n := utf16Len(src[:e.offset]), len(units)
	const ctx = 10 // V8's kMaxContextCharacters
	sub := func(from, to int) string { return string(utf16.Decode(units[max(from, 0):min(to, n)])) }
	switch {
	case n <= 2*ctx:
		return fmt.Sprintf("Unexpected token '%c', \"%s\" is not valid JSON", tok, src)
	case pos < ctx:
		return fmt.Sprintf("Unexpected token '%c', \"%s\"... is not valid JSON", tok, sub(0, pos+ctx))
	case pos < n-ctx:
		return fmt.Sprintf("Unexpected token '%c', ...\"%s\"... is not valid JSON", tok, sub(pos-ctx, pos+ctx))
	default:
		return fmt.Sprintf("Unexpected token '%c', ...\"%s\" is not valid JSON", tok, sub(pos-ctx, n))
	}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func (p *v8Parser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *v8Parser) value() *v8Error {
	if p.i >= len(p.src) {
		return p.eos()
	}
	switch c := p.src[p.i]; {
	case c == '"':
		return p.string()
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '-' || isDigit(c):
		return p.number()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	default:
		return p.token(p.i)
	}
}

func (p *v8Parser) literal(word string) *v8Error {
	for k := range len(word) {
		if p.i+k >= len(p.src) {
			return p.eos()
		}
		if p.src[p.i+k] != word[k] {
			return p.token(p.i + k)
		}
	}
	p.i += len(word)
	return nil
}

func (p *v8Parser) string() *v8Error {
	p.i++ // opening quote
	for {
		if p.i >= len(p.src) {
			return p.at(p.i, "Unterminated string in JSON at position %d")
		}
		switch c := p.src[p.i]; {
		case c == '"':
			p.i++
			return nil
		case c == '\\':
			p.i++
			if p.i >= len(p.src) {
				return p.eos()
			}
			switch p.src[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				p.i++
				for range 4 {
					if p.i >= len(p.src) || !isHex(p.src[p.i]) {
						return p.at(p.i, "Bad Unicode escape in JSON at position %d")
					}
					p.i++
				}
			default:
				return p.at(p.i, "Bad escaped character in JSON at position %d")
			}
		case c < 0x20:
			return p.at(p.i, "Bad control character in string literal in JSON at position %d")
		default:
			p.i++
		}
	}
}

func (p *v8Parser) number() *v8Error {
	if p.src[p.i] == '-' {
		p.i++
		if p.i >= len(p.src) || !isDigit(p.src[p.i]) {
			return p.at(p.i, "No number after minus sign in JSON at position %d")
		}
	}
	if p.src[p.i] == '0' {
		p.i++
		if p.i < len(p.src) && isDigit(p.src[p.i]) {
			return p.at(p.i, "Unexpected number in JSON at position %d")
		}
	} else {
		p.digits()
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if p.i >= len(p.src) || !isDigit(p.src[p.i]) {
			return p.at(p.i, "Unterminated fractional number in JSON at position %d")
		}
		p.digits()
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if p.i >= len(p.src) || !isDigit(p.src[p.i]) {
			return p.at(p.i, "Exponent part is missing a number in JSON at position %d")
		}
		p.digits()
	}
	return nil
}

func (p *v8Parser) digits() {
	for p.i < len(p.src) && isDigit(p.src[p.i]) {
		p.i++
	}
}

func (p *v8Parser) object() *v8Error {
	p.i++ // {
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return nil
	}
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		return p.at(p.i, "Expected property name or '}' in JSON at position %d")
	}
	for {
		if err := p.string(); err != nil {
			return err
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return p.at(p.i, "Expected ':' after property name in JSON at position %d")
		}
		p.i++
		p.skipSpace()
		if err := p.value(); err != nil {
			return err
		}
		p.skipSpace()
		switch {
		case p.i < len(p.src) && p.src[p.i] == ',':
			p.i++
			p.skipSpace()
			if p.i >= len(p.src) || p.src[p.i] != '"' {
				return p.at(p.i, "Expected double-quoted property name in JSON at position %d")
			}
		case p.i < len(p.src) && p.src[p.i] == '}':
			p.i++
			return nil
		default:
			return p.at(p.i, "Expected ',' or '}' after property value in JSON at position %d")
		}
	}
}

func (p *v8Parser) array() *v8Error {
	p.i++ // [
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return nil
	}
	for {
		if err := p.value(); err != nil {
			return err
		}
		p.skipSpace()
		switch {
		case p.i < len(p.src) && p.src[p.i] == ',':
			p.i++
			p.skipSpace()
		case p.i < len(p.src) && p.src[p.i] == ']':
			p.i++
			return nil
		default:
			return p.at(p.i, "Expected ',' or ']' after array element in JSON at position %d")
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// strictJSONError is body-parser's message for a body whose first
// non-whitespace character is neither { nor [ (strict mode): JSON.parse's
// message for the body with everything from that character on masked by
// '#', then each run of '#' replaced by as many units of the body from
// that character.
func strictJSONError(body string) string {
	idx := strings.IndexFunc(body, func(r rune) bool { return r != ' ' && r != '\t' && r != '\n' && r != '\r' })
	partial := ""
	if idx >= 0 {
		partial = body[:idx] + strings.Repeat("#", utf16Len(body[idx:]))
	}
	msg := v8JSONError(partial)
	if idx < 0 {
		return msg
	}
	units := utf16.Encode([]rune(body[idx:]))
	var b strings.Builder
	for i := 0; i < len(msg); {
		if msg[i] != '#' {
			b.WriteByte(msg[i])
			i++
			continue
		}
		run := 0
		for i < len(msg) && msg[i] == '#' {
			run++
			i++
		}
		b.WriteString(string(utf16.Decode(units[:min(run, len(units))])))
	}
	return b.String()
}
