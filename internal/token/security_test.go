package token

import "testing"

func TestPassesSecurityCheck(t *testing.T) {
	tok := Claims{Fingerprint: "fp", IP: "10.0.0.1", UserAgent: "ua/1", Type: TypeAccess, AccessType: AccessUser}
	same := Origin{Fingerprint: "fp", IP: "10.0.0.1", UserAgent: "ua/1"}
	for _, tc := range []struct {
		name    string
		o       Origin
		checkIP bool
		want    bool
	}{
		{"same origin", same, true, true},
		{"fingerprint differs", Origin{"other", same.IP, same.UserAgent}, true, false},
		{"fingerprint absent", Origin{"", same.IP, same.UserAgent}, true, false},
		{"fingerprint differs, checkIP off", Origin{"other", same.IP, same.UserAgent}, false, false},
		{"IP changed, same UA", Origin{"fp", "10.0.0.2", same.UserAgent}, true, true},
		{"UA changed, same IP", Origin{"fp", same.IP, "ua/2"}, true, true},
		{"IP and UA changed", Origin{"fp", "10.0.0.2", "ua/2"}, true, false},
		{"IP and UA changed, checkIP off", Origin{"fp", "10.0.0.2", "ua/2"}, false, true},
		{"UA absent now, IP changed", Origin{"fp", "10.0.0.2", ""}, true, false},
	} {
		if got := PassesSecurityCheck(tok, tc.o, tc.checkIP); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// A token issued without fingerprint matches a request without one.
	if !PassesSecurityCheck(Claims{IP: "a", UserAgent: "b"}, Origin{IP: "a", UserAgent: "b"}, true) {
		t.Error("empty fingerprints should match")
	}
}
