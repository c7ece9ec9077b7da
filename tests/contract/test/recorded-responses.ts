// Response bodies the services can send, written from the API facts (what the handlers return,
// what the server's validation lets through, which fields are present only sometimes). Each must
// validate against its operation's response schema: a shape the facts show but the spec rejects
// is a typed client that lies to its users.

import type { KnownErrorBody } from "./known-error-fit.js";

export type { KnownErrorBody };

/** A response a server can send, and the fact behind it. */
export interface RecordedResponse {
  readonly operation: string;
  readonly status: string;
  readonly mediaType?: string;
  readonly why: string;
  readonly body: unknown;
}

const USER_ID = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";
const TEAM_ID = "f0c4b8a2-6d1e-4c3b-9a7f-2e5d8c1b4a90";

/** A client-view user at its barest: nulls wherever the API allows them, empty lists. */
const bareClientUser = {
  id: USER_ID,
  primary_email: null,
  primary_email_verified: false,
  display_name: null,
  selected_team: null,
  selected_team_id: null,
  profile_image_url: null,
  signed_up_at_millis: 1735689600000,
  has_password: false,
  otp_auth_enabled: false,
  passkey_auth_enabled: false,
  client_metadata: null,
  client_read_only_metadata: null,
  is_anonymous: true,
  is_restricted: true,
  restricted_reason: { type: "anonymous" },
  restricted_by_admin: false,
  restricted_by_admin_reason: null,
  oauth_providers: [],
  auth_with_email: false,
  requires_totp_mfa: false,
};

const serverFields = {
  primary_email_auth_enabled: false,
  server_metadata: null,
  last_active_at_millis: 1735689600000,
  restricted_by_admin_private_details: null,
  country_code: null,
  risk_scores: { sign_up: { bot: 0, free_trial_abuse: 0 } },
};

/** A user whose stored values the server's validation accepted but `format: email` would not. */
const looseUser = {
  ...bareClientUser,
  primary_email: "ops@localhost",
  primary_email_verified: true,
  display_name: "A",
  is_anonymous: false,
  is_restricted: true,
  // A restriction reason newer than this client.
  restricted_reason: { type: "restricted_by_risk_score" },
  oauth_providers: [{ id: "google", account_id: "1098", email: "ops@localhost" }],
  auth_with_email: true,
};

const teamWithLongName = {
  id: TEAM_ID,
  display_name: "T".repeat(300),
  profile_image_url: null,
  client_metadata: "free text is valid metadata",
  client_read_only_metadata: 42,
};

/** Where the upstream end-to-end tests record what the backend answers (stack-auth/stack-auth@2f719903). */
const E2E = "stack-auth apps/e2e/tests/backend/endpoints/api/v1";

/** Known-error bodies with the `details` the constructors build, nulls included, or none. */
export const knownErrorBodies: readonly { why: string; body: KnownErrorBody }[] = [
  {
    why: "ACCESS_TOKEN_EXPIRED without an access token: expired_at_millis is now, every other key null (§3.3 DELETE /auth/sessions/current)",
    body: {
      code: "ACCESS_TOKEN_EXPIRED",
      error: "Access token has expired.",
      details: { expired_at_millis: 1735689600000, project_id: null, user_id: null, refresh_token_id: null },
    },
  },
  {
    why: "INVALID_OAUTH_CLIENT_ID_OR_SECRET with an unknown client: client_id is null (§3.2)",
    body: {
      code: "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
      error: "The client ID or client secret is invalid.",
      details: { client_id: null },
    },
  },
  {
    why: "EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE carries the running boost's end (§2.9)",
    body: {
      code: "EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE",
      error: "An email capacity boost is already active.",
      details: { expires_at: "2026-12-01T16:00:00.000Z" },
    },
  },
  {
    why: "PASSWORD_TOO_LONG's details key really is camelCase (§3.2)",
    body: { code: "PASSWORD_TOO_LONG", error: "Password too long.", details: { maxLength: 70 } },
  },
  {
    why: "SIGN_UP_REJECTED carries the rule's message (§3.2)",
    body: {
      code: "SIGN_UP_REJECTED",
      error: "Your sign up was rejected.",
      details: { message: "Your sign up was rejected by an administrator's sign-up rule." },
    },
  },
  {
    why: `USER_NOT_FOUND has no details and is sent without the key: a server POST /teams whose creator_user_id names no user (${E2E}/teams.test.ts)`,
    body: { code: "USER_NOT_FOUND", error: "No user with this id." },
  },
  {
    why: `EMAIL_PASSWORD_MISMATCH is sent without details: a sign-in with a wrong password (${E2E}/auth/password/sign-in.test.ts)`,
    body: { code: "EMAIL_PASSWORD_MISMATCH", error: "The email and password do not match." },
  },
  {
    why: `CANNOT_GET_OWN_USER_WITHOUT_USER is sent without details: GET /users/me with no access token (${E2E}/users.test.ts)`,
    body: { code: "CANNOT_GET_OWN_USER_WITHOUT_USER", error: "There is no signed-in user to read." },
  },
  {
    why: `VERIFICATION_CODE_NOT_FOUND is sent without details: a contact-channel code that was never issued (${E2E}/contact-channels/verify.test.ts)`,
    body: { code: "VERIFICATION_CODE_NOT_FOUND", error: "No such verification code." },
  },
  {
    why: `OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE is sent without details: a provider token asked for a scope the user never granted (${E2E}/connected-accounts.test.ts)`,
    body: {
      code: "OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE",
      error: "The linked account lacks the scope asked for.",
    },
  },
];

/** Known-error bodies neither spec may accept: their details miss what the code's constructor always sends. */
export const rejectedKnownErrorBodies: readonly { why: string; body: KnownErrorBody }[] = [
  {
    why: "TEAM_NOT_FOUND without details: its constructor always names the team_id",
    body: { code: "TEAM_NOT_FOUND", error: "No team with this id." },
  },
  {
    why: `ACCESS_TOKEN_EXPIRED with expired_at_millis alone: the constructor at 2f719903 sends all four keys, null when unknown; the one snapshot without them (${E2E}/users.test.ts) is an it.todo that never runs`,
    body: {
      code: "ACCESS_TOKEN_EXPIRED",
      error: "The access token expired.",
      details: { expired_at_millis: 1767225600000 },
    },
  },
];

/** Stack Auth responses both access types can get, keyed by the operations both specs hold. */
const sharedStackAuth: RecordedResponse[] = [
  {
    operation: "GET /connected-accounts/{user_id}",
    status: "200",
    why: "a user with no connected account: an empty, unpaged list (§2.3)",
    body: { items: [], is_paginated: false },
  },
  {
    operation: "GET /",
    status: "200",
    mediaType: "text/plain",
    why: "the API root's greeting without credentials (§2.2)",
    body: "Welcome to the Stack API endpoint! Please refer to the documentation at https://docs.stack-auth.com.\n\nAuthentication: None",
  },
  {
    operation: "POST /auth/oauth/cross-domain/authorize",
    status: "200",
    why: "the hand-off to a native app: its redirect URL has a custom scheme (§2.7, §4.2)",
    body: { redirect_url: "stack-auth-mobile-oauth-url://callback?code=abc&state=s" },
  },
  {
    operation: "POST /auth/passkey/initiate-passkey-registration",
    status: "200",
    why: "registration options with the RP-id placeholder and no hints (§2.8)",
    body: {
      options_json: {
        rp: { name: "Stack Auth User", id: "THIS_VALUE_WILL_BE_REPLACED.example.com" },
        challenge: "c",
        timeout: 60000,
      },
      code: "x".repeat(45),
    },
  },
  {
    operation: "POST /auth/passkey/sign-in",
    status: "200",
    why: "a passkey sign-in never creates a user (§2.8)",
    body: { access_token: "eyJ.a.b", refresh_token: "r".repeat(45), user_id: USER_ID, is_new_user: false },
  },
  {
    operation: "POST /connected-accounts/{user_id}/{provider_id}/access-token",
    status: "201",
    why: "the provider's own token, in a create's 201 (§2.4, §6)",
    body: { access_token: "ya29.provider-token" },
  },
  {
    operation: "GET /auth/sessions",
    status: "200",
    why: "a session never used: no last_used_at and no IP information (§5.6 of stack-auth.md)",
    body: {
      items: [
        {
          id: "0e7d6c5b-4a39-4281-9f0e-8d7c6b5a4938",
          user_id: USER_ID,
          created_at: 1735689600000,
          is_impersonation: false,
          is_current_session: true,
        },
      ],
      is_paginated: false,
    },
  },
  {
    operation: "POST /auth/sessions/current/refresh",
    status: "401",
    why: "a refresh racing a sign-out answers REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED, no longer a 500 (§5.1)",
    body: {
      code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      error: "Refresh token not found for this project, or the session has expired/been revoked.",
    },
  },
  {
    operation: "GET /user-api-keys",
    status: "400",
    why: "a listing without user_id: its query schema lets it through, the handler then refuses it with SCHEMA_ERROR for every access type (stack-auth apps/backend/src/app/api/latest/(api-keys)/handlers.tsx:87, reached from onList at :299); user_id is required in both specs",
    body: {
      code: "SCHEMA_ERROR",
      error: "user_id is required for user API keys",
      details: { message: "user_id is required for user API keys" },
    },
  },
  {
    operation: "GET /team-api-keys/{api_key_id}",
    status: "400",
    why: "a read without team_id: the team API keys' query schema (team_id: uuid().defined(), stack-auth apps/backend/src/app/api/latest/(api-keys)/handlers.tsx:293-295) applies to every CRUD operation (route-handlers/crud-handler.tsx:204), so the request fails validation; team_id is required in both specs",
    body: {
      code: "SCHEMA_ERROR",
      error:
        "Request validation failed on GET /api/v1/team-api-keys/e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b:\n  - query.team_id must be defined",
      details: {
        message:
          "Request validation failed on GET /api/v1/team-api-keys/e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b:\n  - query.team_id must be defined",
      },
    },
  },
  {
    operation: "GET /teams/{team_id}",
    status: "404",
    why: "a known error whose code is newer than this client (the code stays an open string)",
    body: { code: "TEAM_ARCHIVED_SOMEDAY", error: "A code this client does not know yet." },
  },
  {
    operation: "GET /contact-channels/{user_id}/{contact_channel_id}",
    status: "404",
    mediaType: "text/plain",
    why: "the plain-text 404 of an unknown contact channel (§3.3)",
    body: "Contact channel not found.",
  },
  {
    operation: "GET /projects/current",
    status: "500",
    mediaType: "text/plain",
    why: "an unexpected failure: plain text ending with the request id (§3.1)",
    body: "Something went wrong. Please make sure the data you entered is correct.\n\nRequest ID: izilp6wyoa5bnayk",
  },
];

export const stackAuthClientResponses: RecordedResponse[] = [
  ...sharedStackAuth,
  {
    operation: "GET /users/me",
    status: "200",
    why: "an anonymous user: every nullable field null, no providers (§4)",
    body: bareClientUser,
  },
  {
    operation: "GET /users/me",
    status: "200",
    why: "an email without a dot in its domain, which the server stores (§4.1), and a restriction reason newer than this client",
    body: looseUser,
  },
  {
    operation: "GET /teams/{team_id}",
    status: "200",
    why: "team display names have no length limit; metadata is any JSON value (§4.3, §4.4)",
    body: teamWithLongName,
  },
  {
    operation: "GET /team-member-profiles/{team_id}/{user_id}",
    status: "200",
    why: "a member profile with a long display name and no picture (§4.3)",
    body: { team_id: TEAM_ID, user_id: USER_ID, display_name: "M".repeat(400), profile_image_url: null },
  },
];

export const stackAuthServerResponses: RecordedResponse[] = [
  ...sharedStackAuth,
  {
    operation: "GET /users/{user_id}",
    status: "200",
    why: "an anonymous user in the server view: nulls and empty lists",
    body: { ...bareClientUser, selected_team: null, ...serverFields },
  },
  {
    operation: "GET /users/{user_id}",
    status: "200",
    why: "a stored email the server accepted without a TLD (§4.1)",
    body: { ...looseUser, selected_team: null, ...serverFields, country_code: "XX" },
  },
  {
    operation: "GET /users",
    status: "200",
    why: "the last page: no users, next_cursor null",
    body: { items: [], is_paginated: true, pagination: { next_cursor: null } },
  },
  {
    operation: "POST /emails/capacity-boost",
    status: "200",
    why: "a boost answers when it ends (§2.9)",
    body: { expires_at: "2026-12-01T16:00:00.000Z" },
  },
  {
    operation: "POST /emails/capacity-boost",
    status: "409",
    why: "a running boost (§2.9)",
    body: {
      code: "EMAIL_CAPACITY_BOOST_ALREADY_ACTIVE",
      error: "An email capacity boost is already active.",
      details: { expires_at: "2026-12-01T16:00:00.000Z" },
    },
  },
];

export const stackerResponses: RecordedResponse[] = [
  {
    operation: "GET /api/external/objects/{object_sid}/fields/",
    status: "200",
    why: "fields of every type, with target_object_sid and dropdown_options null where they do not apply, as a Django REST API sends them (stacker.md §9)",
    body: [
      {
        sid: "fld1",
        api_name: "orders__number",
        label: "Number",
        type: "string",
        target_object_sid: null,
        dropdown_options: null,
      },
      {
        sid: "fld2",
        api_name: "orders__customer",
        label: "Customer",
        type: "lookup",
        target_object_sid: "object.custom.customers",
        dropdown_options: null,
      },
      {
        sid: "fld3",
        api_name: "orders__status",
        label: "Status",
        type: "dropdown",
        target_object_sid: null,
        dropdown_options: [{ label: "Open", value: "open" }],
      },
      { sid: "fld4", api_name: "orders__new", label: "New", type: "a_type_added_later", extra_key: true },
    ],
  },
  {
    operation: "GET /api/external/objects/{object_sid}/fields/",
    status: "200",
    why: "the list wrapped in an object, one of the tolerated envelopes (stacker.md §9)",
    body: { data: [{ sid: "fld1", api_name: "orders__number", label: "Number", type: "string" }], count: 1 },
  },
  {
    operation: "GET /api/external/stacks/",
    status: "200",
    why: "a stack without a zone (zone_name null) and one with extra keys",
    body: [
      { sid: "app785vwedw46e3bx8", name: "Orders", zone_name: null },
      { sid: "app2kq9w7xm4rt6ez1", name: "Portal", zone_name: "Acme", created: "2025-01-01" },
    ],
  },
  {
    operation: "GET /api/external/accounts/",
    status: "200",
    why: "no account tied to the key: an empty list",
    body: [],
  },
  {
    operation: "POST /api/external/objects/{object_sid}/search/",
    status: "200",
    why: "an empty last page with null counts",
    body: { records: [], count: null, total: null, next_page: null },
  },
  {
    operation: "POST /api/external/objects/{object_sid}/search/",
    status: "200",
    why: "records whose empty fields are null and whose multi-link fields are lists",
    body: [{ _sid: "rec7wzphqrc9w7rii7h", orders__date: null, orders__tags: ["rec1", "rec2"], orders__total: 0 }],
  },
  {
    operation: "GET /api/external/objects/{object_sid}/records/{record_sid}/",
    status: "200",
    why: "include_fields may leave _sid out; values may be null",
    body: { orders__total: null },
  },
  {
    operation: "POST /api/external/objects/{object_sid}/bulk-records/",
    status: "200",
    why: "no formatting errors, sent as null; nothing created",
    body: { created: [], updated: ["rec7wzphqrc9w7rii7h"], formatting_errors: null },
  },
];

/** Bodies each spec must reject: they show the validator is not vacuous. */
export const rejectedResponses: { spec: string; response: RecordedResponse }[] = [
  {
    spec: "stack-auth-server.yaml",
    response: {
      operation: "GET /users/{user_id}",
      status: "200",
      why: "a user without its id",
      body: { ...bareClientUser, id: undefined, ...serverFields },
    },
  },
  {
    spec: "stack-auth-client.yaml",
    response: {
      operation: "GET /connected-accounts/{user_id}",
      status: "200",
      why: "items that are not a list",
      body: { items: {}, is_paginated: false },
    },
  },
  {
    spec: "stacker.yaml",
    response: {
      operation: "POST /api/external/objects/{object_sid}/bulk-records/",
      status: "200",
      why: "created is not a list",
      body: { created: "rec1", updated: [] },
    },
  },
];
