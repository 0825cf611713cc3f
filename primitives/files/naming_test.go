package files

import (
	"slices"
	"testing"

	"github.com/google/uuid"
)

func TestExtension(t *testing.T) {
	tests := []struct {
		contentType string
		ext         string
		ok          bool
	}{
		// The §7.1 table.
		{"image/jpeg", "jpg", true},
		{"image/png", "png", true},
		{"image/webp", "webp", true},
		{"image/gif", "gif", true},
		{"image/svg+xml", "svg", true},
		{"image/avif", "avif", true},
		{"image/bmp", "bmp", true},
		{"image/x-icon", "ico", true},
		{"image/tiff", "tif", true},
		{"image/heif", "heif", true},
		{"image/heic", "heic", true},
		{"application/pdf", "pdf", true},
		// mime-types' extension() lower-cases and ignores parameters and
		// leading white space.
		{"IMAGE/PNG", "png", true},
		{"image/png; charset=binary", "png", true},
		{"image/png;q=1", "png", true},
		{"  image/jpeg", "jpg", true},
		{"image/jpeg trailing", "jpg", true},
		// Any type mime-db 1.54 knows, as the reference's extension().
		{"text/html", "html", true},
		{"application/json", "json", true},
		{"image/vnd.microsoft.icon", "ico", true},
		// Unknown.
		{"", "", false},
		{"image/jpg", "", false},
		{"application/x-blockyard-unknown", "", false},
		{"png", "", false},
		{"; image/png", "", false},
	}
	for _, tt := range tests {
		ext, ok := Extension(tt.contentType)
		if ext != tt.ext || ok != tt.ok {
			t.Errorf("Extension(%q) = %q, %v; want %q, %v", tt.contentType, ext, ok, tt.ext, tt.ok)
		}
	}
}

func TestObjectName(t *testing.T) {
	const id = "4d6e2f0a-8a2b-4c1e-9f3d-5b7a6c8d9e0f"
	tests := []struct{ contentType, want string }{
		{"image/png", id + ".png"},
		{"image/svg+xml", id + ".svg"},
		{"application/pdf", id + ".pdf"},
		{"Image/JPEG; x=y", id + ".jpg"},
		{"text/plain", id + ".txt"},
		// The reference concatenates mime-types' false.
		{"application/x-blockyard-unknown", id + ".false"},
		{"", id + ".false"},
	}
	for _, tt := range tests {
		if got := ObjectName(id, tt.contentType); got != tt.want {
			t.Errorf("ObjectName(id, %q) = %q, want %q", tt.contentType, got, tt.want)
		}
	}
}

func TestContentTypeLists(t *testing.T) {
	wantImages := []string{
		"image/jpeg", "image/png", "image/webp", "image/gif", "image/svg+xml",
		"image/avif", "image/bmp", "image/x-icon", "image/tiff", "image/heif",
		"image/heic",
	}
	wantCerts := []string{"application/pdf", "image/gif", "image/jpeg", "image/png"}
	if got := ImageContentTypes(); !slices.Equal(got, wantImages) {
		t.Errorf("ImageContentTypes() = %v, want %v", got, wantImages)
	}
	if got := CertificateContentTypes(); !slices.Equal(got, wantCerts) {
		t.Errorf("CertificateContentTypes() = %v, want %v", got, wantCerts)
	}
	// Every accepted type must name its objects with a real extension.
	for _, ct := range append(ImageContentTypes(), CertificateContentTypes()...) {
		if _, ok := Extension(ct); !ok {
			t.Errorf("accepted type %q has no extension", ct)
		}
	}
	// Callers get copies.
	ImageContentTypes()[0] = "mutated"
	CertificateContentTypes()[0] = "mutated"
	if ImageContentTypes()[0] != "image/jpeg" || CertificateContentTypes()[0] != "application/pdf" {
		t.Error("content type lists are shared with callers")
	}
}

func TestNewObjectID(t *testing.T) {
	a, b := NewObjectID(), NewObjectID()
	if a == b {
		t.Fatalf("NewObjectID returned %q twice", a)
	}
	u, err := uuid.Parse(a)
	if err != nil || u.Version() != 4 || u.String() != a {
		t.Errorf("NewObjectID() = %q, want a canonical UUID v4 (err %v)", a, err)
	}
}
