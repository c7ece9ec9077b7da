import type { StackAuthClient, StackAuthServerClient } from "@keyway/stack-auth";
import type { apiMeta as clientMeta } from "../../../../packages/stack-auth/dist/generated/stack-auth-client.meta.js";
import type { apiMeta as serverMeta } from "../../../../packages/stack-auth/dist/generated/stack-auth-server.meta.js";
import type { Call, CaseTable } from "../contract-case.js";

export const TEAM_ID = "f0c4b8a2-6d1e-4c3b-9a7f-2e5d8c1b4a90";
/** A user's linked OAuth account, as GET /oauth-providers lists it (its `id`, not the provider config id). */
export const OAUTH_LINK_ID = "b3d396b8-c574-4c80-97b3-50031675ceb2";

/**
 * The operations both access types call with the same arguments (sign-in flows, the current
 * session, team API keys, invitations, …), written once against the client-access client.
 * Prism checks each against both specs: once per access type.
 */
export const bothAccessTypes = {
  "POST /auth/anonymous/sign-up": (stack) => stack.POST("/auth/anonymous/sign-up"),
  "POST /auth/mfa/sign-in": (stack) =>
    stack.POST("/auth/mfa/sign-in", {
      body: { type: "totp", totp: "492039", code: "b2rii74dc73euzb7nmkmvrhtvnozd42dezozaa2idgu7e" },
    }),
  "GET /auth/oauth/authorize/{provider_id}": (stack) =>
    stack.GET("/auth/oauth/authorize/{provider_id}", {
      params: {
        path: { provider_id: OAUTH_LINK_ID },
        query: {
          client_id: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11",
          client_secret: "pck_bi910rr7sy57t8lgqizbv75lncc5o0yv86rq3w6jqsvfi",
          redirect_uri: "https://app.example.com/handler/oauth-callback",
          scope: "legacy",
          state: "3q8vZk1rT0mWbN5yE2hC",
          grant_type: "authorization_code",
          code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
          code_challenge_method: "S256",
          response_type: "code",
          // A fetch cannot follow the provider's redirect: ask for the URL as JSON instead.
          stack_response_mode: "json",
        },
      },
    }),
  "POST /auth/otp/send-sign-in-code": (stack) =>
    stack.POST("/auth/otp/send-sign-in-code", {
      body: { email: "ada@example.com", callback_url: "https://app.example.com/handler/magic-link-callback" },
    }),
  "POST /auth/otp/sign-in": (stack) =>
    stack.POST("/auth/otp/sign-in", { body: { code: "x7k2p9jt2ajocntuq6qzdxwd2t7lwmy3b6vgsbjpshge4" } }),
  "POST /auth/otp/sign-in/check-code": (stack) =>
    stack.POST("/auth/otp/sign-in/check-code", { body: { code: "x7k2p9jt2ajocntuq6qzdxwd2t7lwmy3b6vgsbjpshge4" } }),
  "POST /auth/password/reset": (stack) =>
    stack.POST("/auth/password/reset", {
      body: { code: "rufq4jyyguobs5gekqammzlbup7zsszaibubd4mmmvkao", password: "new-horse-battery-staple" },
    }),
  "POST /auth/password/reset/check-code": (stack) =>
    stack.POST("/auth/password/reset/check-code", { body: { code: "rufq4jyyguobs5gekqammzlbup7zsszaibubd4mmmvkao" } }),
  "POST /auth/password/send-reset-code": (stack) =>
    stack.POST("/auth/password/send-reset-code", {
      body: { email: "ada@example.com", callback_url: "https://app.example.com/handler/password-reset" },
    }),
  "POST /auth/password/set": (stack) =>
    stack.POST("/auth/password/set", { body: { password: "correct-horse-battery-staple" } }),
  "POST /auth/password/sign-in": (stack) =>
    stack.POST("/auth/password/sign-in", {
      body: { email: "ada@example.com", password: "correct-horse-battery-staple" },
    }),
  "POST /auth/password/sign-up": (stack) =>
    stack.POST("/auth/password/sign-up", {
      body: {
        email: "ada@example.com",
        password: "correct-horse-battery-staple",
        verification_callback_url: "https://app.example.com/handler/email-verification",
      },
    }),
  "POST /auth/password/update": (stack) =>
    stack.POST("/auth/password/update", {
      body: { old_password: "correct-horse-battery-staple", new_password: "new-horse-battery-staple" },
    }),
  "DELETE /auth/sessions/current": (stack) => stack.DELETE("/auth/sessions/current"),
  "POST /auth/sessions/current/refresh": (stack) => stack.POST("/auth/sessions/current/refresh"),
  "POST /contact-channels/verify": (stack) =>
    stack.POST("/contact-channels/verify", { body: { code: "qnn4r42aj5v34squwseakwl377eokm2posngglj6qh2cb" } }),
  "POST /contact-channels/verify/check-code": (stack) =>
    stack.POST("/contact-channels/verify/check-code", {
      body: { code: "qnn4r42aj5v34squwseakwl377eokm2posngglj6qh2cb" },
    }),
  "GET /projects/current": (stack) => stack.GET("/projects/current"),
  "GET /projects/{project_id}/.well-known/jwks.json": (stack) =>
    stack.GET("/projects/{project_id}/.well-known/jwks.json", {
      params: {
        path: { project_id: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11" },
        query: { include_anonymous: "true", include_restricted: "true" },
      },
    }),
  "GET /team-api-keys": (stack) => stack.GET("/team-api-keys", { params: { query: { team_id: TEAM_ID } } }),
  "POST /team-api-keys": (stack) =>
    stack.POST("/team-api-keys", {
      body: { team_id: TEAM_ID, description: "Billing sync", expires_at_millis: null },
    }),
  "GET /team-api-keys/{api_key_id}": (stack) =>
    stack.GET("/team-api-keys/{api_key_id}", {
      params: {
        path: { api_key_id: "e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b" },
        query: { team_id: TEAM_ID },
      },
    }),
  "PATCH /team-api-keys/{api_key_id}": (stack) =>
    stack.PATCH("/team-api-keys/{api_key_id}", {
      params: {
        path: { api_key_id: "e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b" },
        query: { team_id: TEAM_ID },
      },
      body: { revoked: true },
    }),
  "POST /team-invitations/accept": (stack) =>
    stack.POST("/team-invitations/accept", { body: { code: "m4becudm22zqevl7tlwu6nvczrsp2leawf4b2cpqgwptt" } }),
  "POST /team-invitations/accept/check-code": (stack) =>
    stack.POST("/team-invitations/accept/check-code", {
      body: { code: "m4becudm22zqevl7tlwu6nvczrsp2leawf4b2cpqgwptt" },
    }),
  "POST /team-invitations/accept/details": (stack) =>
    stack.POST("/team-invitations/accept/details", { body: { code: "m4becudm22zqevl7tlwu6nvczrsp2leawf4b2cpqgwptt" } }),
  "POST /team-invitations/send-code": (stack) =>
    stack.POST("/team-invitations/send-code", {
      body: {
        team_id: TEAM_ID,
        email: "charles@example.com",
        callback_url: "https://app.example.com/handler/team-invitation",
      },
    }),
  "DELETE /team-invitations/{id}": (stack) =>
    stack.DELETE("/team-invitations/{id}", {
      params: {
        path: { id: "d3c2b1a0-9f8e-4d7c-8b6a-5f4e3d2c1b0a" },
        query: { team_id: TEAM_ID },
      },
    }),
  "GET /teams/{team_id}": (stack) => stack.GET("/teams/{team_id}", { params: { path: { team_id: TEAM_ID } } }),
  "DELETE /teams/{team_id}": (stack) => stack.DELETE("/teams/{team_id}", { params: { path: { team_id: TEAM_ID } } }),
  "GET /user-api-keys/{api_key_id}": (stack) =>
    stack.GET("/user-api-keys/{api_key_id}", {
      params: { path: { api_key_id: "e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b" } },
    }),
  "PATCH /user-api-keys/{api_key_id}": (stack) =>
    stack.PATCH("/user-api-keys/{api_key_id}", {
      params: { path: { api_key_id: "e4b1d7c3-9a2f-4c6e-8b5d-3f1a0c9e7d2b" } },
      body: { revoked: true },
    }),
  "GET /users/me": (stack) => stack.GET("/users/me"),
  "DELETE /users/me": (stack) => stack.DELETE("/users/me"),
  // The API root answers plain text.
  "GET /": (stack) => stack.GET("/", { parseAs: "text" }),
  "POST /auth/oauth/cross-domain/authorize": (stack) =>
    stack.POST("/auth/oauth/cross-domain/authorize", {
      body: {
        redirect_uri: "https://shop.example.com/handler/cross-domain-callback",
        state: "3q8vZk1rT0mWbN5yE2hC",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      },
    }),
  "POST /auth/oauth/callback/apple/native": (stack) =>
    stack.POST("/auth/oauth/callback/apple/native", {
      body: {
        id_token: "eyJraWQiOiJXNldjT0tCIiwiYWxnIjoiUlMyNTYifQ.eyJpc3MiOiJodHRwczovL2FwcGxlaWQuYXBwbGUuY29tIn0.sig",
      },
    }),
  "POST /auth/passkey/initiate-passkey-registration": (stack) =>
    stack.POST("/auth/passkey/initiate-passkey-registration"),
  "POST /auth/passkey/register": (stack) =>
    stack.POST("/auth/passkey/register", {
      body: {
        code: "p4sk3yr3g1str4t10nc0d3xxxxxxxxxxxxxxxxxxxxxxx",
        credential: {
          id: "Y3JlZGVudGlhbC1pZA",
          rawId: "Y3JlZGVudGlhbC1pZA",
          type: "public-key",
          response: {},
          clientExtensionResults: {},
        },
      },
    }),
  "POST /auth/passkey/initiate-passkey-authentication": (stack) =>
    stack.POST("/auth/passkey/initiate-passkey-authentication"),
  "POST /auth/passkey/sign-in": (stack) =>
    stack.POST("/auth/passkey/sign-in", {
      body: {
        code: "p4sk3y4uth3nt1c4t10nc0d3xxxxxxxxxxxxxxxxxxxxx",
        authentication_response: {
          id: "Y3JlZGVudGlhbC1pZA",
          rawId: "Y3JlZGVudGlhbC1pZA",
          type: "public-key",
          response: {},
          clientExtensionResults: {},
        },
      },
    }),
} satisfies Partial<CaseTable<typeof clientMeta, StackAuthClient>>;

/**
 * The calls both access types make about one user, alike but for how they name that user:
 * client access says `"me"`, server access gives the user's id.
 */
export function userScopedCalls(userId: string) {
  return {
    "GET /auth/sessions": (stack) => stack.GET("/auth/sessions", { params: { query: { user_id: userId } } }),
    "DELETE /auth/sessions/{id}": (stack) =>
      stack.DELETE("/auth/sessions/{id}", {
        params: { path: { id: "0e7d6c5b-4a39-4281-9f0e-8d7c6b5a4938" }, query: { user_id: userId } },
      }),
    "GET /contact-channels": (stack) => stack.GET("/contact-channels", { params: { query: { user_id: userId } } }),
    "GET /contact-channels/{user_id}/{contact_channel_id}": (stack) =>
      stack.GET("/contact-channels/{user_id}/{contact_channel_id}", {
        params: { path: { user_id: userId, contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
      }),
    "DELETE /contact-channels/{user_id}/{contact_channel_id}": (stack) =>
      stack.DELETE("/contact-channels/{user_id}/{contact_channel_id}", {
        params: { path: { user_id: userId, contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
      }),
    "POST /contact-channels/{user_id}/{contact_channel_id}/send-verification-code": (stack) =>
      stack.POST("/contact-channels/{user_id}/{contact_channel_id}/send-verification-code", {
        params: { path: { user_id: userId, contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
        body: { callback_url: "https://app.example.com/handler/email-verification" },
      }),
    "GET /emails/notification-preference/{user_id}": (stack) =>
      stack.GET("/emails/notification-preference/{user_id}", { params: { path: { user_id: userId } } }),
    "PATCH /emails/notification-preference/{user_id}/{notification_category_id}": (stack) =>
      stack.PATCH("/emails/notification-preference/{user_id}/{notification_category_id}", {
        params: { path: { user_id: userId, notification_category_id: "4f1d2c3b-5a6e-4d7f-8a9b-0c1d2e3f4a5b" } },
        body: { enabled: false },
      }),
    "GET /connected-accounts/{user_id}": (stack) =>
      stack.GET("/connected-accounts/{user_id}", { params: { path: { user_id: userId } } }),
    "POST /connected-accounts/{user_id}/{provider_id}/access-token": (stack) =>
      stack.POST("/connected-accounts/{user_id}/{provider_id}/access-token", {
        params: { path: { user_id: userId, provider_id: "google" } },
        body: { scope: "https://www.googleapis.com/auth/calendar.readonly" },
      }),
    "POST /connected-accounts/{user_id}/{provider_id}/{provider_account_id}/access-token": (stack) =>
      stack.POST("/connected-accounts/{user_id}/{provider_id}/{provider_account_id}/access-token", {
        params: { path: { user_id: userId, provider_id: "google", provider_account_id: "109876543210987654321" } },
        body: {},
      }),
    "GET /oauth-providers": (stack) => stack.GET("/oauth-providers", { params: { query: { user_id: userId } } }),
    "GET /oauth-providers/{user_id}/{provider_id}": (stack) =>
      stack.GET("/oauth-providers/{user_id}/{provider_id}", {
        params: { path: { user_id: userId, provider_id: OAUTH_LINK_ID } },
      }),
    "DELETE /oauth-providers/{user_id}/{provider_id}": (stack) =>
      stack.DELETE("/oauth-providers/{user_id}/{provider_id}", {
        params: { path: { user_id: userId, provider_id: OAUTH_LINK_ID } },
      }),
    "GET /project-permissions": (stack) =>
      stack.GET("/project-permissions", { params: { query: { user_id: userId, recursive: "true" } } }),
    "GET /team-invitations": (stack) =>
      stack.GET("/team-invitations", { params: { query: { team_id: TEAM_ID, user_id: userId } } }),
    "POST /team-invitations/{id}/accept": (stack) =>
      stack.POST("/team-invitations/{id}/accept", {
        params: { path: { id: "d3c2b1a0-9f8e-4d7c-8b6a-5f4e3d2c1b0a" }, query: { user_id: userId } },
      }),
    "GET /team-member-profiles/{team_id}/{user_id}": (stack) =>
      stack.GET("/team-member-profiles/{team_id}/{user_id}", {
        params: { path: { team_id: TEAM_ID, user_id: userId } },
      }),
    "PATCH /team-member-profiles/{team_id}/{user_id}": (stack) =>
      stack.PATCH("/team-member-profiles/{team_id}/{user_id}", {
        params: { path: { team_id: TEAM_ID, user_id: userId } },
        body: { display_name: "Ada (Engines)", profile_image_url: null },
      }),
    "DELETE /team-memberships/{team_id}/{user_id}": (stack) =>
      stack.DELETE("/team-memberships/{team_id}/{user_id}", {
        params: { path: { team_id: TEAM_ID, user_id: userId } },
      }),
    "GET /team-permissions": (stack) =>
      stack.GET("/team-permissions", {
        params: { query: { team_id: TEAM_ID, user_id: userId, recursive: "true" } },
      }),
    "GET /teams": (stack) => stack.GET("/teams", { params: { query: { user_id: userId } } }),
    "GET /user-api-keys": (stack) => stack.GET("/user-api-keys", { params: { query: { user_id: userId } } }),
    "POST /user-api-keys": (stack) =>
      stack.POST("/user-api-keys", {
        body: { user_id: userId, description: "CI deploy key", expires_at_millis: 1793000000000, is_public: false },
      }),
  } satisfies Partial<CaseTable<typeof clientMeta, StackAuthClient>>;
}

type ServerCalls<Calls> = {
  [Operation in keyof Calls & keyof (typeof serverMeta)["operations"]]: Call<StackAuthServerClient>;
};

/**
 * Shared calls, made through a server-access client. They are typed against client access,
 * whose arguments for these operations the server spec accepts as they are; Prism validates
 * each request against the server spec, so an argument that stopped fitting it fails the test.
 */
export function asServerCalls<Calls extends Partial<CaseTable<typeof clientMeta, StackAuthClient>>>(
  calls: Calls,
): ServerCalls<Calls> {
  return Object.fromEntries(
    Object.entries(calls).map(([operation, call]: [string, Call<StackAuthClient>]) => [
      operation,
      (server: StackAuthServerClient) => call(server as unknown as StackAuthClient),
    ]),
  ) as ServerCalls<Calls>;
}
