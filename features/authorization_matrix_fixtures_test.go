package features_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"golang.org/x/crypto/bcrypt"
)

// matrixFeatures is what examples/server mounts under /api, in its order;
// matrixFeaturesSource is how its main.go spells the list, which
// TestAuthorizationMatrixMountsWhatTheServerMounts compares.
func matrixFeatures() []primitives.Mountable {
	return []primitives.Mountable{features.Auth(), features.Identities(), features.Organizations(), features.Profiles()}
}

const matrixFeaturesSource = "features.Auth(), features.Identities(), features.Organizations(), features.Profiles()"

// matrixConfig keeps the IP rule on (checkIp, the default), so that a
// token replayed from another address with another User-Agent fails the
// security check.
var matrixConfig = nodeblocks.Config{
	AuthSecrets: nodeblocks.AuthSecrets{Enc: "authorization-matrix-enc-secret", Sign: "authorization-matrix-sign-secret"},
}

const (
	// The client every actor's token is bound to (httptest's default
	// address), and the one the stolen-token actor replays it from.
	matrixIP  = "192.0.2.1"
	matrixUA  = "blockyard-matrix/1.0"
	otherAddr = "203.0.113.9:4444"
	otherUA   = "somebody-else/6.6"
	// forgeryKey signs the forged token: not the service's signing secret.
	forgeryKey  = "an-attacker-s-own-signing-secret"
	matrixAppID = "matrix-app"

	// Families of organization data, for the leak scan.
	familyA = "A" // organization A, its child C and the A-like copies, and their people
	familyB = "B" // organization B of another owner, and its people

	// Messages of the refusals.
	notAdminMsg   = "Identity is not authorized to access this resource"
	noTypeMsg     = "Invalid identity type ID"
	unverifiedMsg = "token could not be verified"
)

// actorKind is who sends a request.
type actorKind int

const (
	actNone       actorKind = iota // no Authorization header
	actExpired                     // the system admin's access token, expired
	actTampered                    // the system admin's access token with one bit flipped
	actForged                      // system admin claims signed with another key (right encryption key)
	actRefresh                     // the system admin's refresh token presented as an access token
	actApp                         // an app access token
	actOtherUA                     // the system admin's valid token from another IP and User-Agent
	actOutsider                    // registered (no typeId), no membership
	actMember                      // member of A; owns profile P (which follows A)
	actOrgAdmin                    // admin of A
	actOwner                       // owner of A (and of its child C)
	actOtherOwner                  // owner of B
	actSysAdmin                    // typeId admin
	actLocked                      // typeId admin and owner of A, then locked through the API
	actDeleted                     // typeId admin and owner of A, then deleted through the API
)

// matrixActor is one column of the matrix: a client with its credentials and the
// organization families whose data it may receive.
type matrixActor struct {
	kind actorKind
	name string
	id   string // identity id, "" when the token has none
	opts []blockyardtest.RequestOption
	sees []string
}

// matrix is the example server's API on a fresh database with the fixture
// organizations, people and tokens of the authorization matrix.
type matrix struct {
	svc    *primitives.Service
	router *primitives.Router
	anon   *blockyardtest.Client // no token, matrixUA from matrixIP
	admin  *blockyardtest.Client // the system admin, for setting fixtures up

	actors []*matrixActor
	by     map[actorKind]*matrixActor

	orgA, orgB, orgC string
	profileP         string // member's profile, following A
	subject          string // an identity that is no actor: target of the identity admin routes
	loginEmail       string
	loginPassword    string
	loginID          string // the identity of loginEmail, in no organization
	loginAccess      string // an access token of the login user

	secrets map[string][]string // family → strings only its viewers may receive
	seq     int                 // for unique names
}

// newMatrix mounts what examples/server mounts and builds the fixtures:
// organizations A (with child C) and B, a change request and a follower on
// each, the actors' identities and tokens; it then locks and deletes the
// locked and deleted actors through the API, as an administrator would.
func newMatrix(t *testing.T) *matrix {
	t.Helper()
	db := blockyardtest.Database(t)
	base, _ := url.Parse("http://files.test/files/")
	local, err := blobstore.OpenLocal(t.TempDir(), base, []byte("authorization-matrix-files-secret"), blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := &primitives.Service{DB: db, Settings: []any{matrixConfig}, Files: local, Logger: slog.New(slog.DiscardHandler)}
	rt, err := svc.Mount(t.Context(), matrixFeatures()...)
	if err != nil {
		t.Fatal(err)
	}
	m := &matrix{svc: svc, router: rt, by: map[actorKind]*matrixActor{}, secrets: map[string][]string{}}
	m.anon = blockyardtest.NewClient(t, rt).With(blockyardtest.WithHeader("User-Agent", matrixUA))
	types := nodeblocks.Settings.Of(svc).IdentityTypes

	// People.
	adminID := m.identity(t, types.Admin)
	m.admin = m.anon.With(blockyardtest.WithBearer(m.session(t, adminID, time.Now()).AccessToken))
	ownerID, orgAdminID, memberID := m.identity(t, types.Regular), m.identity(t, types.Regular), m.identity(t, types.Regular)
	otherOwnerID := m.identity(t, types.Regular)
	lockedID, deletedID := m.identity(t, types.Admin), m.identity(t, types.Admin)
	m.subject = m.identity(t, types.Regular)
	outsiderID := m.identity(t, "") // as POST /auth/register stores it: no typeId
	m.loginEmail, m.loginPassword = "matrix-login@example.com", "login-password-1"
	m.loginID = m.loginUser(t, m.loginEmail, m.loginPassword)
	m.loginAccess = m.session(t, m.loginID, time.Now()).AccessToken
	m.secrets[familyA] = []string{ownerID, orgAdminID, memberID, lockedID, deletedID}
	m.secrets[familyB] = []string{otherOwnerID}

	// Organizations, change requests and followers.
	m.orgA = m.newOrg(t, familyA, "matrix-org-A", ownerID, "",
		matrixMember{orgAdminID, "admin"}, matrixMember{memberID, "member"}, matrixMember{lockedID, "owner"}, matrixMember{deletedID, "owner"})
	m.orgC = m.newOrg(t, familyA, "matrix-org-C", ownerID, m.orgA)
	m.orgB = m.newOrg(t, familyB, "matrix-org-B", otherOwnerID, "")
	owner := m.anon.With(blockyardtest.WithBearer(m.session(t, ownerID, time.Now()).AccessToken))
	otherOwner := m.anon.With(blockyardtest.WithBearer(m.session(t, otherOwnerID, time.Now()).AccessToken))
	memberC := m.anon.With(blockyardtest.WithBearer(m.session(t, memberID, time.Now()).AccessToken))
	owner.Post("/organizations/"+m.orgA+"/change-requests", map[string]any{"addressLine1": "matrix-A-change-request"}).ExpectStatus(t, http.StatusNoContent)
	otherOwner.Post("/organizations/"+m.orgB+"/change-requests", map[string]any{"addressLine1": "matrix-B-change-request"}).ExpectStatus(t, http.StatusNoContent)
	m.profileP = m.follower(t, memberC, memberID, "matrix-A-follower", m.orgA)
	q := m.follower(t, otherOwner, otherOwnerID, "matrix-B-follower", m.orgB)
	m.secrets[familyA] = append(m.secrets[familyA], "matrix-A-change-request", "matrix-A-follower", m.profileP)
	m.secrets[familyB] = append(m.secrets[familyB], "matrix-B-change-request", "matrix-B-follower", q)

	// Actors. Tokens stolen or forged are the system admin's: the most
	// powerful one an attacker could want.
	now := time.Now()
	adminSes := m.session(t, adminID, now)
	codec := blocks.CodecFor(nodeblocks.Settings.Of(svc).AuthSecrets)
	forger, err := token.NewCodec(token.Secrets{Enc: nodeblocks.Settings.Of(svc).AuthSecrets.Enc, Sign: forgeryKey})
	if err != nil {
		t.Fatal(err)
	}
	forged := issueToken(t, forger, token.NewUserAccess(adminID, token.Origin{IP: matrixIP, UserAgent: matrixUA}, "").Stamp(now, time.Hour))
	app := token.NewAppAccess(matrixAppID)
	app.IssuedAt = now.Unix()
	user := func(kind actorKind, name, id string, sees ...string) {
		m.add(&matrixActor{kind: kind, name: name, id: id, sees: sees, opts: []blockyardtest.RequestOption{blockyardtest.WithBearer(m.session(t, id, now).AccessToken)}})
	}
	m.add(&matrixActor{kind: actNone, name: "no token"})
	m.add(&matrixActor{kind: actExpired, name: "expired", opts: matrixBearer(m.session(t, adminID, now.Add(-2*time.Hour)).AccessToken)})
	m.add(&matrixActor{kind: actTampered, name: "tampered", opts: matrixBearer(tamperToken(t, adminSes.AccessToken))})
	m.add(&matrixActor{kind: actForged, name: "forged", opts: matrixBearer(forged)})
	m.add(&matrixActor{kind: actRefresh, name: "refresh token", opts: matrixBearer(adminSes.RefreshToken)})
	m.add(&matrixActor{kind: actApp, name: "app token", opts: matrixBearer(issueToken(t, codec, app))})
	m.add(&matrixActor{kind: actOtherUA, name: "other user-agent and IP", opts: []blockyardtest.RequestOption{
		blockyardtest.WithBearer(adminSes.AccessToken), blockyardtest.WithHeader("User-Agent", otherUA), blockyardtest.WithRemoteAddr(otherAddr)}})
	user(actOutsider, "outsider", outsiderID)
	user(actMember, "member", memberID, familyA)
	user(actOrgAdmin, "org admin", orgAdminID, familyA)
	user(actOwner, "owner", ownerID, familyA)
	user(actOtherOwner, "owner of B", otherOwnerID, familyB)
	user(actSysAdmin, "system admin", adminID, familyA, familyB)
	user(actLocked, "locked", lockedID)
	user(actDeleted, "deleted", deletedID)

	// The locked and deleted actors got their tokens and memberships while
	// in good standing; now an administrator locks and deletes them.
	m.admin.Post("/identities/"+lockedID+"/lock", nil).ExpectStatus(t, http.StatusNoContent)
	m.admin.Delete("/identities/"+deletedID).ExpectStatus(t, http.StatusNoContent)
	return m
}

func (m *matrix) add(a *matrixActor) {
	m.actors = append(m.actors, a)
	m.by[a.kind] = a
}

// client is the HTTP client of actor a.
func (m *matrix) client(a *matrixActor) *blockyardtest.Client { return m.anon.With(a.opts...) }

// unique returns a new name with prefix. The fixed width keeps one name
// from being the prefix of another, which the leak scan would mistake for
// it.
func (m *matrix) unique(prefix string) string {
	m.seq++
	return fmt.Sprintf("%s-%04d", prefix, m.seq)
}

// identity stores an identity of type typeID ("" for none, as register
// leaves it) and returns its id. Its password matches nothing.
func (m *matrix) identity(t *testing.T, typeID string) string {
	t.Helper()
	id := uuid.NewString()
	m.storeIdentity(t, id, id+"@example.com", "x", typeID)
	return id
}

// loginUser stores an identity, in no organization, that can log in with
// email and password. Its hash has bcrypt's minimum cost, which login
// accepts like any cost: at the reference's cost 10 each login takes
// seconds under the race detector.
func (m *matrix) loginUser(t *testing.T, email, password string) string {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	id := uuid.NewString()
	m.storeIdentity(t, id, email, string(hash), "")
	return id
}

func (m *matrix) storeIdentity(t *testing.T, id, email, hash, typeID string) {
	t.Helper()
	now := blocks.Timestamp(time.Now())
	doc := bson.D{
		{Key: "attempts", Value: 0}, {Key: "email", Value: email}, {Key: "locked", Value: false},
		{Key: "password", Value: hash}, {Key: "createdAt", Value: now}, {Key: "id", Value: id}, {Key: "updatedAt", Value: now},
	}
	if typeID != "" {
		doc = append(doc, bson.E{Key: "typeId", Value: typeID})
	}
	if _, err := nodeblocks.Identities(m.svc).InsertOne(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
}

// session starts a session for identity id at now (access and refresh
// tokens live one hour), bound to the matrix client.
func (m *matrix) session(t *testing.T, id string, now time.Time) blocks.Session {
	t.Helper()
	s := m.svc
	ses, err := blocks.StartSession(t.Context(), nodeblocks.RefreshTokens(s), blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets),
		blocks.SessionRequest{IdentityID: id, Origin: blocks.Origin{IP: matrixIP, UserAgent: matrixUA}},
		blocks.TokenLifetimes{Access: time.Hour, Refresh: time.Hour}, now).Get()
	if err != nil {
		t.Fatal(err)
	}
	return ses
}

type matrixMember struct{ id, role string }

// newOrg creates an organization through the API (as the system admin)
// owned by ownerID, below parentID when not "", adds members, and records
// its id, name and description as data of family.
func (m *matrix) newOrg(t *testing.T, family, name, ownerID, parentID string, members ...matrixMember) string {
	t.Helper()
	name = m.unique(name)
	body := map[string]any{
		"organization": map[string]any{"name": name, "description": name + "-description", "contact_email": "contact@example.com"},
		"ownerId":      ownerID,
	}
	if parentID != "" {
		body["parentId"] = parentID
	}
	var org struct{ ID string }
	m.admin.Post("/organizations", body).ExpectStatus(t, http.StatusOK).JSON(t, &org)
	if len(members) > 0 {
		var ms []map[string]string
		for _, mb := range members {
			ms = append(ms, map[string]string{"identityId": mb.id, "role": mb.role})
		}
		m.admin.Patch("/organizations/"+org.ID+"/members", ms).ExpectStatus(t, http.StatusNoContent)
	}
	m.secrets[family] = append(m.secrets[family], org.ID, name, name+"-description")
	return org.ID
}

// follower creates a profile of identityID named name (as c) that follows
// organization orgID, and returns the profile id.
func (m *matrix) follower(t *testing.T, c *blockyardtest.Client, identityID, name, orgID string) string {
	t.Helper()
	var p struct{ ID string }
	c.Post("/profiles", map[string]any{"identityId": identityID, "name": name}).ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if orgID != "" {
		c.Put("/profiles/"+p.ID+"/organization-follows/"+orgID, nil).ExpectStatus(t, http.StatusNoContent)
	}
	return p.ID
}

// Fresh subjects for the cells whose success consumes what they act on.

// freshOrgA is a new organization with A's people in A's roles (the
// locked and deleted actors are added as owners by the system admin after
// they were locked and deleted: nothing refuses that).
func (m *matrix) freshOrgA(t *testing.T) string {
	return m.newOrg(t, familyA, "matrix-org-A-copy", m.by[actOwner].id, "",
		matrixMember{m.by[actOrgAdmin].id, "admin"}, matrixMember{m.by[actMember].id, "member"},
		matrixMember{m.by[actLocked].id, "owner"}, matrixMember{m.by[actDeleted].id, "owner"})
}

// freshIdentity is a new regular identity that is no actor.
func (m *matrix) freshIdentity(t *testing.T) string {
	return m.identity(t, nodeblocks.Settings.Of(m.svc).IdentityTypes.Regular)
}

// freshProfile is a new profile of the member, following nothing.
func (m *matrix) freshProfile(t *testing.T) string {
	return m.follower(t, m.admin, m.by[actMember].id, m.unique("matrix-profile"), "")
}

// freshFollowingProfile is a new profile of the member following A.
func (m *matrix) freshFollowingProfile(t *testing.T) string {
	return m.follower(t, m.admin, m.by[actMember].id, m.unique("matrix-profile"), m.orgA)
}

// freshRefreshToken is a new refresh token of the login user.
func (m *matrix) freshRefreshToken(t *testing.T) string {
	return m.session(t, m.loginID, time.Now()).RefreshToken
}

// leaks returns the strings of families a may not see that body contains
// (the first few).
func (m *matrix) leaks(a *matrixActor, body []byte) []string {
	const most = 5
	var out []string
	for fam, secrets := range m.secrets {
		if slices.Contains(a.sees, fam) {
			continue
		}
		for _, s := range secrets {
			if bytes.Contains(body, []byte(s)) && len(out) < most {
				out = append(out, fam+":"+s)
			}
		}
	}
	return out
}

func matrixBearer(tok string) []blockyardtest.RequestOption {
	return []blockyardtest.RequestOption{blockyardtest.WithBearer(tok)}
}

func issueToken(t *testing.T, c *token.Codec, claims token.Claims) string {
	t.Helper()
	s, err := c.Issue(claims)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tamperToken flips one bit of a token's iv, which changes the first block of
// the signed JWT it decrypts to (CBC has no integrity of its own).
func tamperToken(t *testing.T, tok string) string {
	t.Helper()
	ivHex, ct, ok := strings.Cut(tok, ":")
	iv, err := hex.DecodeString(ivHex)
	if !ok || err != nil || len(iv) == 0 {
		t.Fatalf("token %q is not iv:ciphertext", tok)
	}
	iv[len(iv)-1] ^= 0x01
	return hex.EncodeToString(iv) + ":" + ct
}
