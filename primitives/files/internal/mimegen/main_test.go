package main

import (
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	out, err := generate([]byte(`{
		"image/jpeg": {"source": "iana", "extensions": ["jpg", "jpeg", "jpe"]},
		"application/x-none": {"source": "apache"},
		"application/pdf": {"extensions": ["pdf"]}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, `"application/pdf": "pdf",`) || !strings.Contains(s, `"image/jpeg":      "jpg",`) {
		t.Errorf("first extensions missing:\n%s", s)
	}
	if strings.Contains(s, "x-none") {
		t.Errorf("a type without extensions was written:\n%s", s)
	}
	if strings.Index(s, "application/pdf") > strings.Index(s, "image/jpeg") {
		t.Errorf("types are not sorted:\n%s", s)
	}
	if _, err := generate([]byte(`not json`)); err == nil {
		t.Error("generate accepted invalid JSON")
	}
}
