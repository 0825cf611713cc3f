package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// identityErrors is the status of every identity block error kind.
var identityErrors = primitives.ErrorMap{
	{Kind: blocks.KindIdentityBadRequest, Status: http.StatusBadRequest},
	{Kind: blocks.KindIdentityConflict, Status: http.StatusConflict},
	{Kind: blocks.KindIdentityDB, Status: http.StatusInternalServerError},
}

// identityLookupErrors are the status errors of the routes that load the
// identity their path names (blocks.GetIdentityByID).
var identityLookupErrors = []*primitives.Error{blocks.ErrIdentityNotFound, blocks.ErrGetIdentity}

// identityAdminOnly are the validators of every identity admin route: a user
// access token of an identity whose typeId is the admin type.
var identityAdminOnly = []primitives.Validator{
	validators.IsAuthenticated,
	validators.CheckIdentityType(validators.TypeAdmin),
}

// ListIdentities is GET /identities?page&limit (admin): one page of
// identities, without passwords, as {data, metadata: {pagination}}.
var ListIdentities = primitives.Route{
	Name:       "listIdentities",
	Method:     http.MethodGet,
	Path:       "/identities",
	Validators: identityAdminOnly,
	Schema: &schema.Request{
		Params: []schema.Param{
			{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1)},
			{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
		},
	},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[primitives.Paged[blocks.Identity]] {
		page := primitives.PageFromQuery(r.Query())
		return primitives.Trace(r, "ListIdentities", blocks.ListIdentities(r.Context(), nodeblocks.Identities(r.Service), page))
	}, terminators.JSON(http.StatusOK, identityErrors)),
	Setup: []*primitives.Setup{SetupAuth},
}

// GetIdentity is GET /identities/{identityId} (admin): the identity without
// its password; 404 "Identity not found".
var GetIdentity = primitives.Route{
	Name:       "getIdentity",
	Errors:     identityLookupErrors,
	Method:     http.MethodGet,
	Path:       "/identities/{identityId}",
	Validators: identityAdminOnly,
	Schema:     &schema.Request{Params: []schema.Param{pathParam("identityId")}},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Identity] {
		return primitives.Trace(r, "GetIdentityByID", blocks.GetIdentityByID(r.Context(), nodeblocks.Identities(r.Service), r.PathValue("identityId")))
	}, terminators.JSON(http.StatusOK, identityErrors)),
	Setup: []*primitives.Setup{SetupAuth},
}

// UpdateIdentity is PATCH /identities/{identityId} {email?, emailVerified?,
// typeId?} (admin), how admins promote identities: 200 with the updated
// identity; 400 "Identity data is required" for {}, 404, 409 when the
// e-mail belongs to another identity.
var UpdateIdentity = primitives.Route{
	Name:       "updateIdentity",
	Errors:     identityLookupErrors,
	Method:     http.MethodPatch,
	Path:       "/identities/{identityId}",
	Validators: identityAdminOnly,
	Schema: &schema.Request{
		Params: []schema.Param{pathParam("identityId")},
		Body: schema.Object(
			schema.Prop("email", schema.String()),
			schema.Prop("emailVerified", schema.Boolean()),
			schema.Prop("typeId", schema.String()),
		),
	},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Identity] {
		s := r.Service
		return primitives.Then(primitives.Bind[blocks.IdentityPatch](r), func(p blocks.IdentityPatch) mo.Result[*blocks.Identity] {
			return primitives.Trace(r, "UpdateIdentity", blocks.UpdateIdentity(r.Context(), nodeblocks.Identities(s), r.PathValue("identityId"), p, s.Now()))
		})
	}, terminators.JSON(http.StatusOK, identityErrors)),
	Setup: []*primitives.Setup{SetupAuth},
}

// DeleteIdentity is DELETE /identities/{identityId} (admin): it deletes the
// identity and ends its sessions at once (every live refresh token is
// revoked, so refreshing answers 401 "refresh token reuse detected"); 204;
// 404. Its access tokens are refused from then on, on every route that
// authenticates a user, with 403 "Failed to fetch identity" (validators
// check the caller's identity on every request), and a login or refresh
// running concurrently issues nothing that survives (blocks.ConfirmSession).
//
// The sessions are revoked after the delete (the order ConfirmSession
// relies on) and even when it answers 404, so that retrying after a failed
// revocation (500 "failed to revoke sessions") still ends them.
var DeleteIdentity = primitives.Route{
	Name:       "deleteIdentity",
	Errors:     identityLookupErrors,
	Method:     http.MethodDelete,
	Path:       "/identities/{identityId}",
	Validators: identityAdminOnly,
	Schema:     &schema.Request{Params: []schema.Param{pathParam("identityId")}},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[string] {
		s, id := r.Service, r.PathValue("identityId")
		deleted := primitives.Trace(r, "DeleteIdentity", blocks.DeleteIdentity(r.Context(), nodeblocks.Identities(s), id))
		revoked := primitives.Trace(r, "RevokeIdentitySessions", blocks.RevokeIdentitySessions(r.Context(), nodeblocks.RefreshTokens(s), id, s.Now()))
		if err := deleted.Error(); err != nil {
			return mo.Err[string](err)
		}
		if err := revoked.Error(); err != nil {
			return mo.Err[string](err)
		}
		return deleted
	}, terminators.Empty(http.StatusNoContent, identityErrors)),
	Setup: []*primitives.Setup{SetupAuth},
}

// LockIdentity is POST /identities/{identityId}/lock (admin): login is
// refused from now on and the identity's sessions end at once (every live
// refresh token is revoked, so refreshing answers 401 "refresh token reuse
// detected"); 204; 404. Its access tokens are refused from then on, on
// every route that authenticates a user, with 401 "This account is
// locked" (the reference let them work until they expired). A login
// racing the lock cannot undo it, and nothing a concurrent login or
// refresh issues survives it (blocks.ResetLoginAttempts,
// blocks.ConfirmSession): the lock is written before the sessions are
// revoked.
var LockIdentity = primitives.Route{
	Name:       "lockIdentity",
	Errors:     identityLookupErrors,
	Method:     http.MethodPost,
	Path:       "/identities/{identityId}/lock",
	Validators: identityAdminOnly,
	Schema:     &schema.Request{Params: []schema.Param{pathParam("identityId")}},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Identity] {
		s := r.Service
		idn, err := primitives.Trace(r, "LockIdentity", blocks.LockIdentity(r.Context(), nodeblocks.Identities(s), r.PathValue("identityId"), s.Now())).Get()
		if err != nil {
			return mo.Err[*blocks.Identity](err)
		}
		if err := primitives.Trace(r, "RevokeIdentitySessions", blocks.RevokeIdentitySessions(r.Context(), nodeblocks.RefreshTokens(s), idn.ID, s.Now())).Error(); err != nil {
			return mo.Err[*blocks.Identity](err)
		}
		return mo.Ok(idn)
	}, terminators.Empty(http.StatusNoContent, identityErrors)),
	Setup: []*primitives.Setup{SetupAuth},
}

// UnlockIdentity is POST /identities/{identityId}/unlock (admin): login is
// allowed again and the failed-login counter reset; 204; 404. Refresh
// tokens the lock revoked stay revoked; access tokens issued before the
// lock that have not expired are accepted again.
var UnlockIdentity = primitives.Route{
	Name:       "unlockIdentity",
	Errors:     identityLookupErrors,
	Method:     http.MethodPost,
	Path:       "/identities/{identityId}/unlock",
	Validators: identityAdminOnly,
	Schema:     &schema.Request{Params: []schema.Param{pathParam("identityId")}},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Identity] {
		s := r.Service
		return primitives.Trace(r, "UnlockIdentity", blocks.UnlockIdentity(r.Context(), nodeblocks.Identities(s), r.PathValue("identityId"), s.Now()))
	}, terminators.Empty(http.StatusNoContent, identityErrors)),
	Setup: []*primitives.Setup{SetupAuth},
}
