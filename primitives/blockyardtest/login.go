package blockyardtest

import "testing"

// Login posts {"email", "password"} to path (the reference's
// POST /auth/login, under the prefix the service is mounted at) and returns
// a client that sends the access token it answered as a bearer token. The
// test fails when the login does not answer 200 with an accessToken.
//
//	admin := c.Login(t, "/auth/login", "admin@example.com", "pw")
//	admin.Get("/identities").ExpectStatus(t, 200)
func (c *Client) Login(t testing.TB, path, email, password string) *Client {
	t.Helper()
	var got struct {
		AccessToken string `json:"accessToken"`
	}
	c.Post(path, map[string]string{"email": email, "password": password}).ExpectStatus(t, 200).JSON(t, &got)
	if got.AccessToken == "" {
		t.Fatalf("POST %s answered no accessToken", path)
	}
	return c.With(WithBearer(got.AccessToken))
}
