package schema

import (
	"strconv"
	"unicode/utf8"
)

// safeRegexRepetitionLimit is safe-regex's default "limit" option.
const safeRegexRepetitionLimit = 25

// IsSafeRegex reproduces the npm safe-regex check the reference applies to
// "$regex" values: the pattern must be a valid JavaScript regular expression
// (non-Unicode mode, with the web-compatibility grammar of Annex B), its star
// height must be at most 1 (no quantified sub-expression containing another
// quantifier, e.g. "(a+)+", "(x+x+)+y", "(a+){10}") and it may contain at
// most 25 quantifiers in total. Every quantifier counts (*, +, ?, {n},
// {n,}, {n,m}).
func IsSafeRegex(pattern string) bool {
	p := reParser{src: pattern}
	p.countGroupNames()
	height, ok := p.disjunction()
	if !ok || p.pos != len(p.src) {
		return false
	}
	return height <= 1 && p.reps <= safeRegexRepetitionLimit
}

// reParser is a recursive-descent recogniser for JavaScript regular
// expression syntax that measures quantifier nesting.
type reParser struct {
	src        string
	pos        int
	reps       int
	bad        bool // a malformed quantifier was seen
	hasNames   bool
	groupNames map[string]bool
}

func (p *reParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *reParser) eof() bool { return p.pos >= len(p.src) }

// countGroupNames pre-scans for "(?<name>" so that \k is interpreted the way
// JavaScript does (a back reference only when the pattern has named groups).
func (p *reParser) countGroupNames() {
	inClass := false
	for i := 0; i < len(p.src); i++ {
		switch c := p.src[i]; {
		case c == '\\':
			i++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case !inClass && c == '(' && i+2 < len(p.src) && p.src[i+1] == '?' && p.src[i+2] == '<' &&
			i+3 < len(p.src) && p.src[i+3] != '=' && p.src[i+3] != '!':
			p.hasNames = true
		}
	}
}

// disjunction parses alternatives separated by '|' and returns the maximum
// star height among them.
func (p *reParser) disjunction() (int, bool) {
	height := 0
	for {
		h, ok := p.alternative()
		if !ok {
			return 0, false
		}
		height = max(height, h)
		if p.peek() != '|' {
			return height, true
		}
		p.pos++
	}
}

func (p *reParser) alternative() (int, bool) {
	height := 0
	for !p.eof() && p.peek() != '|' && p.peek() != ')' {
		h, ok := p.term()
		if !ok {
			return 0, false
		}
		height = max(height, h)
	}
	return height, true
}

// term parses an assertion or an atom with an optional quantifier.
func (p *reParser) term() (int, bool) {
	c := p.peek()
	quantifiable := true
	height := 0
	switch c {
	case '^', '$':
		p.pos++
		quantifiable = false
	case '*', '+', '?':
		return 0, false // nothing to repeat
	case '{':
		if _, ok := p.bracedQuantifierAt(p.pos); ok {
			return 0, false // nothing to repeat
		}
		p.pos++ // literal '{' (Annex B)
	case '(':
		h, q, ok := p.group()
		if !ok {
			return 0, false
		}
		height, quantifiable = h, q
	case '[':
		if !p.class() {
			return 0, false
		}
	case '\\':
		q, ok := p.atomEscape()
		if !ok {
			return 0, false
		}
		quantifiable = q
	default:
		p.pos++ // '.', ']', '}' and ordinary characters
	}
	if !p.quantifier() {
		return height, true
	}
	if !quantifiable || p.bad {
		return 0, false
	}
	p.reps++
	// A quantifier directly after another one ("a**", "a{2}{3}") is an error.
	if c := p.peek(); c == '*' || c == '+' || c == '?' {
		return 0, false
	}
	if _, ok := p.bracedQuantifierAt(p.pos); ok {
		return 0, false
	}
	return height + 1, true
}

// quantifier consumes a quantifier (and its lazy '?') if one follows; it
// rejects {n,m} with n > m.
func (p *reParser) quantifier() bool {
	switch p.peek() {
	case '*', '+', '?':
		p.pos++
	case '{':
		end, ok := p.bracedQuantifierAt(p.pos)
		if !ok {
			return false
		}
		if end < 0 {
			p.bad = true
			return true
		}
		p.pos = end
	default:
		return false
	}
	if p.peek() == '?' {
		p.pos++
	}
	return true
}

// bracedQuantifierAt recognises {n}, {n,} or {n,m} at i and returns the
// index after it; ok is false when no braced quantifier starts at i (a
// lone '{' is then a literal, Annex B). A range such as {3,1} is a
// quantifier whose numbers are out of order: an invalid pattern.
func (p *reParser) bracedQuantifierAt(i int) (end int, ok bool) {
	s := p.src
	if i >= len(s) || s[i] != '{' {
		return 0, false
	}
	j := i + 1
	start := j
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == start {
		return 0, false
	}
	lo, _ := strconv.ParseFloat(s[start:j], 64)
	hi := lo
	if j < len(s) && s[j] == ',' {
		j++
		hs := j
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j > hs {
			hi, _ = strconv.ParseFloat(s[hs:j], 64)
		} else {
			hi = lo
		}
	}
	if j >= len(s) || s[j] != '}' {
		return 0, false
	}
	if hi < lo {
		return -1, true
	}
	return j + 1, true
}

// group parses (...), (?:...), (?<name>...) and the look-around assertions.
// It returns the star height of its body and whether it may be quantified.
func (p *reParser) group() (height int, quantifiable bool, ok bool) {
	p.pos++ // '('
	quantifiable = true
	if p.peek() == '?' {
		p.pos++
		switch p.peek() {
		case ':', '=', '!':
			p.pos++
		case '<':
			p.pos++
			switch p.peek() {
			case '=', '!':
				p.pos++
				quantifiable = false // look-behind
			default:
				name, ok := p.groupName()
				if !ok || p.groupNames[name] {
					return 0, false, false
				}
				if p.groupNames == nil {
					p.groupNames = map[string]bool{}
				}
				p.groupNames[name] = true
			}
		default:
			return 0, false, false
		}
	}
	height, ok = p.disjunction()
	if !ok || p.peek() != ')' {
		return 0, false, false
	}
	p.pos++
	return height, quantifiable, true
}

// groupName reads "name>" (ASCII identifier characters, as a practical
// subset of ECMAScript IdentifierName).
func (p *reParser) groupName() (string, bool) {
	start := p.pos
	for !p.eof() && p.peek() != '>' {
		c := p.peek()
		ident := c == '$' || c == '_' || c >= 0x80 ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (p.pos > start && isDigit(c))
		if !ident {
			return "", false
		}
		p.pos++
	}
	if p.eof() || p.pos == start {
		return "", false
	}
	name := p.src[start:p.pos]
	p.pos++ // '>'
	return name, true
}

// atomEscape parses an escape outside a class; \b and \B are assertions and
// cannot be quantified.
func (p *reParser) atomEscape() (quantifiable bool, ok bool) {
	p.pos++ // '\\'
	if p.eof() {
		return false, false // "\ at end of pattern"
	}
	c := p.peek()
	p.pos++
	switch c {
	case 'b', 'B':
		return false, true
	case 'k':
		if p.hasNames {
			if p.peek() != '<' {
				return false, false
			}
			p.pos++
			if _, ok := p.groupName(); !ok {
				return false, false
			}
		}
	case 'c':
		if n := p.peek(); (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') {
			p.pos++
		}
	case 'u':
		p.hexDigits(4)
	case 'x':
		p.hexDigits(2)
	}
	return true, true
}

// hexDigits consumes exactly n hex digits when present (otherwise the escape
// is an identity escape in Annex B and nothing more is consumed).
func (p *reParser) hexDigits(n int) {
	if p.pos+n > len(p.src) {
		return
	}
	for i := 0; i < n; i++ {
		if !isHex(p.src[p.pos+i]) {
			return
		}
	}
	p.pos += n
}

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// class parses a character class and rejects out-of-order ranges.
func (p *reParser) class() bool {
	p.pos++ // '['
	if p.peek() == '^' {
		p.pos++
	}
	for {
		if p.eof() {
			return false // unterminated class
		}
		if p.peek() == ']' {
			p.pos++
			return true
		}
		lo, loSingle := p.classAtom()
		if p.peek() == '-' && p.pos+1 < len(p.src) && p.src[p.pos+1] != ']' {
			p.pos++ // '-'
			hi, hiSingle := p.classAtom()
			if loSingle && hiSingle && hi < lo {
				return false // range out of order
			}
		}
	}
}

// classAtom reads one class element; single is false for class escapes such
// as \d that do not denote one character.
func (p *reParser) classAtom() (r rune, single bool) {
	c := p.src[p.pos]
	if c != '\\' {
		r, size := decodeRune(p.src[p.pos:])
		p.pos += size
		return r, true
	}
	p.pos++
	if p.eof() {
		return 0, false
	}
	e := p.src[p.pos]
	p.pos++
	switch e {
	case 'd', 'D', 'w', 'W', 's', 'S':
		return 0, false
	case 'b':
		return '\b', true
	case 't':
		return '\t', true
	case 'n':
		return '\n', true
	case 'v':
		return '\v', true
	case 'f':
		return '\f', true
	case 'r':
		return '\r', true
	case 'x', 'u':
		n := 2
		if e == 'u' {
			n = 4
		}
		if p.pos+n <= len(p.src) {
			v, err := strconv.ParseUint(p.src[p.pos:p.pos+n], 16, 32)
			if err == nil {
				p.pos += n
				return rune(v), true
			}
		}
		return rune(e), true
	case 'c':
		if n := p.peek(); (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') {
			p.pos++
			return rune(n % 32), true
		}
		return '\\', true
	}
	if isDigit(e) {
		// legacy octal escape
		v := rune(e - '0')
		for i := 0; i < 2 && p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '7' && v*8+rune(p.src[p.pos]-'0') <= 0377; i++ {
			v = v*8 + rune(p.src[p.pos]-'0')
			p.pos++
		}
		return v, true
	}
	r, size := decodeRune(p.src[p.pos-1:])
	p.pos += size - 1
	return r, true
}

func decodeRune(s string) (rune, int) {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		size = 1
	}
	return r, size
}
