package tenancy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// sameIDs gives each tenant's service its own id sequence, so that the
// n-th document of every tenant has the same id: the isolation tests then
// address tenant B's documents with ids that exist in A too.
type sameIDs struct {
	mu   sync.Mutex
	next map[string]*atomic.Int64
}

func (s *sameIDs) configure(svc *primitives.Service, tn Tenant) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = map[string]*atomic.Int64{}
	}
	n, ok := s.next[tn.ID]
	if !ok {
		n = new(atomic.Int64)
		s.next[tn.ID] = n
	}
	svc.NewID = func() string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n.Add(1)) }
	return nil
}

// world is one tenant's data, made in the same order in every tenant.
type world struct {
	Tenant       Tenant
	Admin, User  *blockyardtest.Client
	AdminPW      string
	AdminToken   string
	UserID       string
	OrgID        string
	ProfileID    string
	NoteID       string
	AccessToken  string // the user's
	RefreshToken string // the user's
}

const (
	sameAdmin = "admin@same.test"
	sameUser  = "user@same.test"
)

// populate makes, in tenant tn, an administrator and a user with the same
// e-mails as in every other tenant (but passwords of their own), an
// organization with the same name owned by the user, and the user's
// profile.
func (e *env) populate(t *testing.T, tn Tenant, secret string) *world {
	t.Helper()
	w := &world{Tenant: tn, AdminPW: "admin-pw-" + secret}
	w.AdminToken = bearerOf(t, e, tn, sameAdmin, w.AdminPW)
	c := e.tenant(tn.ID)
	w.Admin = c.With(blockyardtest.WithBearer(w.AdminToken))
	c.Post("/api/tenant/auth/register", map[string]string{"email": sameUser, "password": "user-pw-" + secret}).ExpectStatus(t, http.StatusCreated)
	var tokens struct {
		AccessToken  string `json:"accessToken"`
		RefreshToken string `json:"refreshToken"`
	}
	c.Post("/api/tenant/auth/login", map[string]string{"email": sameUser, "password": "user-pw-" + secret}).ExpectStatus(t, http.StatusOK).JSON(t, &tokens)
	w.AccessToken, w.RefreshToken = tokens.AccessToken, tokens.RefreshToken
	w.User = c.With(blockyardtest.WithBearer(tokens.AccessToken))
	var me struct {
		ID string `json:"id"`
	}
	var ids []struct {
		ID    string `json:"id"`
		Email string `json:"email"`
	}
	var page struct {
		Data json.RawMessage `json:"data"`
	}
	w.Admin.Get("/api/tenant/identities").ExpectStatus(t, http.StatusOK).JSON(t, &page)
	json.Unmarshal(page.Data, &ids)
	for _, i := range ids {
		if i.Email == sameUser {
			me.ID = i.ID
		}
	}
	w.UserID = me.ID
	var org struct {
		ID string `json:"id"`
	}
	w.Admin.Post("/api/tenant/organizations", map[string]any{
		"organization": map[string]any{"name": "Same Org", "description": "secret-of-" + secret, "contact_email": "org@same.test"},
		"ownerId":      w.UserID,
	}).ExpectStatus(t, http.StatusOK).JSON(t, &org)
	w.OrgID = org.ID
	var profile struct {
		ID string `json:"id"`
	}
	w.User.Post("/api/tenant/profiles", map[string]any{"identityId": w.UserID, "name": "profile-of-" + secret}).ExpectStatus(t, http.StatusOK).JSON(t, &profile)
	w.ProfileID = profile.ID
	w.Admin.Post("/api/tenant/notes", map[string]any{"data": map[string]any{"text": "note-of-" + secret}}).ExpectStatus(t, http.StatusOK)
	var list struct {
		Rows []struct {
			ID string `json:"id"`
		} `json:"rows"`
	}
	w.Admin.Get("/api/tenant/notes").ExpectStatus(t, http.StatusOK).JSON(t, &list)
	if len(list.Rows) != 1 {
		t.Fatalf("notes %+v", list)
	}
	w.NoteID = list.Rows[0].ID
	return w
}

// snapshot returns every document of a database, collection by
// collection, as canonical JSON.
func (e *env) snapshot(t *testing.T, dbName string) string {
	t.Helper()
	db := e.Client.Database(dbName)
	names, err := db.ListCollectionNames(t.Context(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		// A failed login counts against the identity it names, whoever
		// tries (attempts, updatedAt): the matrix's logins with A's
		// password in B do.
		find := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})
		if n == "identities" {
			find.SetProjection(bson.D{{Key: "attempts", Value: 0}, {Key: "updatedAt", Value: 0}})
		}
		cur, err := db.Collection(n).Find(t.Context(), bson.D{}, find)
		if err != nil {
			t.Fatal(err)
		}
		var docs []bson.D
		if err := cur.All(t.Context(), &docs); err != nil {
			t.Fatal(err)
		}
		j, _ := bson.MarshalExtJSON(bson.D{{Key: "c", Value: n}, {Key: "d", Value: docs}}, true, false)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestIsolationMatrix: two tenants with the same e-mails, organization
// names and document ids. Every route of every mounted feature, called
// with tenant A's tokens against tenant B, answers 401/403/404 (or, for the
// routes that authenticate no one, a refusal of A's credentials) and never
// B's data, and leaves B's database as it was: through the resolver
// (B's header with A's token: 403 before anything of B runs), and straight
// at B's mounted features (the tokens' tenant binding alone). A's own
// requests send every command to A's database.
func TestIsolationMatrix(t *testing.T) {
	ids := &sameIDs{}
	// A long TTL: the last part counts A's commands, which a registry
	// lookup on expiry would join.
	e := newEnv(t, Options{Configure: ids.configure, CacheTTL: time.Hour}, nil)
	ta := e.createTenant(t, "A", "a.example")
	tb := e.createTenant(t, "B", "b.example")
	a := e.populate(t, ta, "A")
	b := e.populate(t, tb, "B")
	if a.UserID != b.UserID || a.OrgID != b.OrgID || a.NoteID != b.NoteID || a.UserID == "" || a.OrgID == "" || a.NoteID == "" {
		t.Fatalf("the tenants' ids should collide: user %s/%s, org %s/%s, note %s/%s", a.UserID, b.UserID, a.OrgID, b.OrgID, a.NoteID, b.NoteID)
	}
	dbA, dbB := e.T.DatabaseName(ta.ID), e.T.DatabaseName(tb.ID)
	before := e.snapshot(t, dbB)
	if !strings.Contains(before, "secret-of-B") || strings.Contains(before, "secret-of-A") {
		t.Fatalf("B's database is not B's: %s", before)
	}

	scratch := &primitives.Service{DB: e.Service.DB, Settings: e.Service.Settings}
	h, err := scratch.Mount(t.Context(), tenantFeatures()...)
	if err != nil {
		t.Fatal(err)
	}
	routerB, err := e.T.handler(t.Context(), tb)
	if err != nil {
		t.Fatal(err)
	}
	inB := func(r *http.Request) { *r = *r.WithContext(withTenant(r.Context(), &tb)) }
	direct := blockyardtest.NewClient(t, routerB)

	param := map[string]string{
		"identityId": b.UserID, "organizationId": b.OrgID, "profileId": b.ProfileID, "followOrganizationId": b.OrgID, "id": b.NoteID,
	}
	bodyOf := map[string]any{
		"login":        map[string]string{"email": sameUser, "password": "user-pw-A"},
		"refreshToken": map[string]string{"refreshToken": a.RefreshToken},
		"logout":       map[string]string{"refreshToken": a.RefreshToken},
		"checkToken":   map[string]string{"token": a.AccessToken, "target": "x"},
	}
	routes := h.Routes()
	if len(routes) < 30 {
		t.Fatalf("only %d routes mounted", len(routes))
	}
	for _, rt := range routes {
		path := rt.Path
		for k, v := range param {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		if strings.Contains(path, "{") {
			t.Fatalf("route %s %s: no value for its parameter", rt.Method, rt.Path)
		}
		var body any
		if rt.Method != http.MethodGet && rt.Method != http.MethodDelete {
			body = map[string]any{"name": "x", "identityId": b.UserID, "organizationId": b.OrgID}
			if v, ok := bodyOf[rt.Name]; ok {
				body = v
			}
		}
		guarded := len(rt.Route.Validators) > 0
		for who, c := range map[string]*blockyardtest.Client{"A's admin": a.Admin, "A's user": a.User} {
			// Through the resolver, with B's header: refused before B runs.
			mark := e.Commands.mark()
			res := c.Do(rt.Method, "/api/tenant"+path, body, blockyardtest.WithHeader(DefaultHeader, tb.ID))
			if res.Status != http.StatusForbidden {
				t.Errorf("%s %s as %s with B's header: %d %s", rt.Method, path, who, res.Status, res.Body)
			}
			for _, cmd := range e.Commands.since(mark) {
				if cmd.DatabaseName == dbB {
					t.Errorf("%s %s as %s with B's header sent %s to B's database", rt.Method, path, who, cmd.CommandName)
				}
			}
		}
		// Straight at B's features with A's tokens: the token binding alone.
		if rt.Name == "tenantInfo" || rt.Name == "register" {
			continue // public and holds no data / creates in B what anyone may
		}
		for who, tok := range map[string]string{"A's admin": a.AdminToken, "A's user": a.AccessToken} {
			res := direct.Do(rt.Method, path, body, inB, blockyardtest.WithBearer(tok))
			allowed := []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound}
			if !guarded {
				// The routes that authenticate no one refuse bad
				// credentials their own way: a body they cannot use is a
				// 400, and a refresh token they cannot verify is the
				// reference's 422 "Token was not found".
				allowed = append(allowed, http.StatusBadRequest, http.StatusUnprocessableEntity)
			}
			if !slices.Contains(allowed, res.Status) {
				t.Errorf("%s %s as %s straight at B: %d %s", rt.Method, path, who, res.Status, res.Body)
			}
			if strings.Contains(string(res.Body), "-of-B") {
				t.Errorf("%s %s as %s straight at B leaked B's data: %s", rt.Method, path, who, res.Body)
			}
		}
	}
	if after := e.snapshot(t, dbB); after != before {
		bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
		for i := range min(len(bl), len(al)) {
			if bl[i] != al[i] {
				t.Errorf("B's database changed:\nbefore %s\nafter  %s", bl[i], al[i])
			}
		}
	}

	// A's own requests: every command in A's database.
	e.T.Forget(ta.ID)
	e.tenant(ta.ID).Get("/api/tenant/").ExpectStatus(t, http.StatusOK) // the tenant is cached (and mounted) afresh
	mark := e.Commands.mark()
	a.Admin.Get("/api/tenant/identities").ExpectStatus(t, http.StatusOK)
	a.Admin.Get("/api/tenant/organizations/"+a.OrgID).ExpectStatus(t, http.StatusOK)
	a.User.Get("/api/tenant/profiles/"+a.ProfileID).ExpectStatus(t, http.StatusOK)
	a.Admin.Get("/api/tenant/notes/"+a.NoteID).ExpectStatus(t, http.StatusOK)
	e.tenant(ta.ID).Post("/api/tenant/auth/login", map[string]string{"email": sameUser, "password": "user-pw-A"}).ExpectStatus(t, http.StatusOK)
	e.tenant(ta.ID).Post("/api/tenant/auth/login", map[string]string{"email": sameUser, "password": "user-pw-B"}).ExpectStatus(t, http.StatusUnauthorized)
	cmds := e.Commands.since(mark)
	if len(cmds) == 0 {
		t.Fatal("no command recorded")
	}
	for _, cmd := range cmds {
		if cmd.DatabaseName != dbA {
			t.Errorf("a request of A sent %s to %s", cmd.CommandName, cmd.DatabaseName)
		}
	}
}
