package blocks_test

import (
	"errors"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestChangeRequestAuthor(t *testing.T) {
	t.Parallel()
	onetime := blockyardtest.Database(t).Collection("onetimetokens")
	codec := blocks.CodecFor(primitives.AuthSecrets{Enc: "change-request-author-enc", Sign: "change-request-author-sign"})
	issued := blocks.Origin{IP: "192.0.2.1", UserAgent: "browser"}
	raw, err := codec.Issue(token.NewUserAccess("idn-1", issued, "example.com").Stamp(profileTestTime, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := blocks.Origin{IP: "203.0.113.9", UserAgent: "another browser"}
	author := func(origin blocks.Origin, checkIP bool) (string, error) {
		return blocks.ChangeRequestAuthor(t.Context(), onetime, codec, origin, raw, checkIP, profileTestTime).Get()
	}

	for _, checkIP := range []bool{true, false} {
		if id, err := author(issued, checkIP); err != nil || id != "idn-1" {
			t.Errorf("same origin, checkIP %v: %q, %v", checkIP, id, err)
		}
	}
	// The reference's behaviour when the IP rule is on.
	if _, err := author(elsewhere, true); !errors.Is(err, blocks.ErrAccessTokenFailedChecks) {
		t.Errorf("another IP and browser, checkIP: err = %v", err)
	}
	// The fix: with the IP rule off, only the fingerprint still counts.
	if id, err := author(elsewhere, false); err != nil || id != "idn-1" {
		t.Errorf("another IP and browser, IP ignored: %q, %v", id, err)
	}
	if _, err := author(blocks.Origin{Fingerprint: "other", IP: issued.IP, UserAgent: issued.UserAgent}, false); !errors.Is(err, blocks.ErrAccessTokenFailedChecks) {
		t.Errorf("another fingerprint, IP ignored: err = %v", err)
	}
	if _, err := blocks.ChangeRequestAuthor(t.Context(), onetime, codec, issued, "garbage", false, profileTestTime).Get(); !errors.Is(err, blocks.ErrUnableToVerifyToken) {
		t.Errorf("garbage token: err = %v", err)
	}
}
