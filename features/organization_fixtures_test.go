package features_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// orgFixture is a mounted organization service on a fresh database, with
// one client per kind of actor. Shared by the organization feature tests.
type orgFixture struct {
	DB      *mongo.Database
	Service *primitives.Service
	Orgs    *mongo.Collection
	Storage *switchableStorage
	// handler serves the fixture's clients; remount swaps the service
	// behind it.
	handler *switchableHandler
	parts   []primitives.Mountable

	// Anonymous sends no token.
	Anonymous *blockyardtest.Client
	// Admin is a system administrator; Owner, OrgAdmin and Member get the
	// corresponding role in the organizations made by newOrg; Outsider is
	// an identity with the regular type and no membership.
	Admin, Owner, OrgAdmin, Member, Outsider *blockyardtest.Client
	// IDs of the actors' identities.
	AdminID, OwnerID, OrgAdminID, MemberID, OutsiderID string
}

// orgTestConfig is the configuration of the fixture's service.
var orgTestConfig = nodeblocks.Config{
	AuthSecrets: nodeblocks.AuthSecrets{Enc: "organization-tests-enc-secret", Sign: "organization-tests-sign-secret"},
	IgnoreIP:    true,
}

// newOrgFixture mounts features.Organizations on a fresh database with a
// local file storage (through switchableStorage, so a test can make it
// fail).
func newOrgFixture(t *testing.T, parts ...primitives.Mountable) *orgFixture {
	t.Helper()
	db := blockyardtest.Database(t)
	base, _ := url.Parse("http://files.test/files/")
	local, err := blobstore.OpenLocal(t.TempDir(), base, []byte("organization-tests-files-secret"), blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := &switchableStorage{Storage: local}
	svc := &primitives.Service{DB: db, Settings: []any{orgTestConfig}, Files: st, Logger: slog.New(slog.DiscardHandler)}
	parts = append([]primitives.Mountable{features.Organizations()}, parts...)
	h, err := svc.Mount(t.Context(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	sh := &switchableHandler{}
	sh.set(h)
	f := &orgFixture{DB: db, Service: svc, Orgs: db.Collection("organizations"), Storage: st, handler: sh, parts: parts, Anonymous: blockyardtest.NewClient(t, sh)}
	types := nodeblocks.Settings.Of(svc).IdentityTypes
	f.AdminID, f.Admin = f.actor(t, types.Admin)
	f.OwnerID, f.Owner = f.actor(t, types.Regular)
	f.OrgAdminID, f.OrgAdmin = f.actor(t, types.Regular)
	f.MemberID, f.Member = f.actor(t, types.Regular)
	f.OutsiderID, f.Outsider = f.actor(t, types.Regular)
	return f
}

// remount serves the fixture's clients, from now on, with a new service
// on the same database and storage whose configuration is the fixture's
// changed by configure (a service's configuration is fixed at Mount).
func (f *orgFixture) remount(t *testing.T, configure func(*nodeblocks.Config)) {
	t.Helper()
	cfg := orgTestConfig
	configure(&cfg)
	f.Service = &primitives.Service{DB: f.DB, Settings: []any{cfg}, Files: f.Storage, Logger: slog.New(slog.DiscardHandler)}
	h, err := f.Service.Mount(t.Context(), f.parts...)
	if err != nil {
		t.Fatal(err)
	}
	f.handler.set(h)
}

// switchableHandler serves requests with the handler last stored.
type switchableHandler struct{ h atomic.Pointer[http.Handler] }

func (s *switchableHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *switchableHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(w, r)
}

// Routes lists the routes of the handler first stored (a remount changes
// the configuration, not the routes), so that the fixture's clients check
// every answer against the API document.
func (s *switchableHandler) Routes() []primitives.RouteInfo {
	if rl, ok := (*s.h.Load()).(interface{ Routes() []primitives.RouteInfo }); ok {
		return rl.Routes()
	}
	return nil
}

// actor stores an identity of the given type ("" for none) and returns its
// id and a client carrying a valid access token for it.
func (f *orgFixture) actor(t *testing.T, typeID string) (string, *blockyardtest.Client) {
	t.Helper()
	id := uuid.NewString()
	doc := bson.D{
		{Key: "attempts", Value: 0}, {Key: "email", Value: id + "@example.com"}, {Key: "locked", Value: false},
		{Key: "password", Value: "x"}, {Key: "createdAt", Value: blocks.Timestamp(time.Now())},
		{Key: "id", Value: id}, {Key: "updatedAt", Value: blocks.Timestamp(time.Now())},
	}
	if typeID != "" {
		doc = append(doc, bson.E{Key: "typeId", Value: typeID})
	}
	if _, err := f.DB.Collection("identities").InsertOne(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	s := f.Service
	sess, err := blocks.StartSession(t.Context(), s.Collection(nodeblocks.Settings.Of(s).Collections.RefreshTokens), blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets),
		blocks.SessionRequest{IdentityID: id, Origin: blocks.Origin{IP: "192.0.2.1"}},
		blocks.TokenLifetimes{Access: time.Hour, Refresh: time.Hour}, time.Now()).Get()
	if err != nil {
		t.Fatal(err)
	}
	return id, f.Anonymous.With(blockyardtest.WithBearer(sess.AccessToken))
}

// newOrg creates an organization through the API (as Admin, owned by
// Owner, below parentID when not ""), adds OrgAdmin as admin and Member as
// member, and returns its id.
func (f *orgFixture) newOrg(t *testing.T, parentID string) string {
	t.Helper()
	body := map[string]any{
		"organization": map[string]any{"name": "Org", "description": "d", "contact_email": "c@example.com"},
		"ownerId":      f.OwnerID,
	}
	if parentID != "" {
		body["parentId"] = parentID
	}
	var org struct{ ID string }
	f.Admin.Post("/organizations", body).ExpectStatus(t, http.StatusOK).JSON(t, &org)
	f.Admin.Patch("/organizations/"+org.ID+"/members", []map[string]any{
		{"identityId": f.OrgAdminID, "role": "admin"},
		{"identityId": f.MemberID, "role": "member"},
	}).ExpectStatus(t, http.StatusNoContent)
	return org.ID
}

// stored returns the organization document as stored.
func (f *orgFixture) stored(t *testing.T, id string) *blocks.Organization {
	t.Helper()
	var o blocks.Organization
	if err := f.Orgs.FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Decode(&o); err != nil {
		t.Fatalf("stored organization %s: %v", id, err)
	}
	return &o
}

// storedMembers returns the stored members as "identity:role" strings,
// with the actors' ids replaced by their names.
func (f *orgFixture) storedMembers(t *testing.T, id string) []string {
	t.Helper()
	names := map[string]string{f.OwnerID: "owner", f.OrgAdminID: "orgadmin", f.MemberID: "member", f.OutsiderID: "outsider", f.AdminID: "admin"}
	var out []string
	for _, m := range f.stored(t, id).Members {
		n, ok := names[m.IdentityID]
		if !ok {
			n = m.IdentityID
		}
		out = append(out, n+":"+m.Role)
	}
	return out
}

// count returns the number of stored organizations.
func (f *orgFixture) count(t *testing.T) int64 {
	t.Helper()
	n, err := f.Orgs.CountDocuments(t.Context(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// switchableStorage is a files.Storage whose failures a test can switch on.
type switchableStorage struct {
	files.Storage
	Fail bool
}

var errStorageDown = errors.New("storage down")

func (s *switchableStorage) SignedDownloadURL(ctx context.Context, name string) (string, error) {
	if s.Fail {
		return "", errStorageDown
	}
	return s.Storage.SignedDownloadURL(ctx, name)
}

func (s *switchableStorage) Delete(ctx context.Context, name string) error {
	if s.Fail {
		return errStorageDown
	}
	return s.Storage.Delete(ctx, name)
}

func TestMain(m *testing.M) { blockyardtest.Main(m) }
