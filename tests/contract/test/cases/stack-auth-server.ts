import type { StackAuthServerClient } from "@keyway/stack-auth";
import type { apiMeta } from "../../../../packages/stack-auth/dist/generated/stack-auth-server.meta.js";
import type { CaseTable } from "../contract-case.js";
import { OAUTH_LINK_ID, TEAM_ID, asServerCalls, bothAccessTypes, userScopedCalls } from "./both-access-types.js";

/** The user a backend acts on (server access names users by id). */
const USER_ID = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";

/** Every operation of specs/stack-auth-server.yaml, called as a backend would with server access. */
export const stackAuthServerCases: CaseTable<typeof apiMeta, StackAuthServerClient> = {
  ...asServerCalls(bothAccessTypes),
  ...asServerCalls(userScopedCalls(USER_ID)),
  "POST /auth/oauth/token": (server) =>
    server.POST("/auth/oauth/token", {
      // The refresh grant, as JSON (the client cases send the code grant form-encoded), with the scope the official
      // SDK's authorize URL asks for.
      body: {
        grant_type: "refresh_token",
        client_id: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11",
        client_secret: "pck_bi910rr7sy57t8lgqizbv75lncc5o0yv86rq3w6jqsvfi",
        refresh_token: "r8wq3n6kdx2ay7tbm5vz9ce4hj1fs0pgu6lo3ik8nr2xw",
        scope: "legacy",
      },
    }),
  "POST /emails/capacity-boost": (server) => server.POST("/emails/capacity-boost"),
  "POST /auth/sessions": (server) =>
    server.POST("/auth/sessions", {
      body: { user_id: USER_ID, expires_in_millis: 3600000, is_impersonation: true },
    }),
  "POST /contact-channels": (server) =>
    server.POST("/contact-channels", {
      body: {
        user_id: USER_ID,
        value: "ada.lovelace@work.example.com",
        type: "email",
        used_for_auth: true,
        is_primary: false,
        is_verified: true,
      },
    }),
  "PATCH /contact-channels/{user_id}/{contact_channel_id}": (server) =>
    server.PATCH("/contact-channels/{user_id}/{contact_channel_id}", {
      params: { path: { user_id: USER_ID, contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
      body: { is_verified: true, used_for_auth: true },
    }),
  "GET /emails/delivery-info": (server) => server.GET("/emails/delivery-info"),
  "GET /emails/outbox": (server) => server.GET("/emails/outbox"),
  "GET /emails/outbox/{id}": (server) =>
    server.GET("/emails/outbox/{id}", { params: { path: { id: "8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2918" } } }),
  "PATCH /emails/outbox/{id}": (server) =>
    server.PATCH("/emails/outbox/{id}", {
      params: { path: { id: "8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2918" } },
      body: { is_paused: true },
    }),
  "POST /emails/send-email": (server) =>
    server.POST("/emails/send-email", {
      body: {
        user_ids: [USER_ID],
        subject: "Your invoice is ready",
        notification_category_name: "Transactional",
        html: "<p>Your invoice for April is ready.</p>",
      },
    }),
  "POST /oauth-providers": (server) =>
    server.POST("/oauth-providers", {
      body: {
        user_id: USER_ID,
        provider_config_id: "github",
        email: "ada@example.com",
        allow_sign_in: true,
        allow_connected_accounts: false,
        account_id: "583231",
      },
    }),
  "PATCH /oauth-providers/{user_id}/{provider_id}": (server) =>
    server.PATCH("/oauth-providers/{user_id}/{provider_id}", {
      params: { path: { user_id: USER_ID, provider_id: OAUTH_LINK_ID } },
      body: { allow_sign_in: false, email: "ada.lovelace@work.example.com" },
    }),
  "POST /project-permissions/{user_id}/{permission_id}": (server) =>
    server.POST("/project-permissions/{user_id}/{permission_id}", {
      params: { path: { user_id: USER_ID, permission_id: "team_admin" } },
      body: {},
    }),
  "DELETE /project-permissions/{user_id}/{permission_id}": (server) =>
    server.DELETE("/project-permissions/{user_id}/{permission_id}", {
      params: { path: { user_id: USER_ID, permission_id: "team_admin" } },
    }),
  "POST /team-api-keys/check": (server) =>
    server.POST("/team-api-keys/check", {
      body: {
        api_key:
          "sk_7lyu5cdg4tqqxkyxregegditbbji7spdcukmfd5jdmw2u8f37e4ad53d0ec1156220f0575a02f58team0574ck4u7h95fb3922",
      },
    }),
  "GET /team-member-profiles": (server) =>
    server.GET("/team-member-profiles", {
      params: { query: { team_id: TEAM_ID, user_id: USER_ID } },
    }),
  "POST /team-memberships/{team_id}/{user_id}": (server) =>
    server.POST("/team-memberships/{team_id}/{user_id}", {
      params: { path: { team_id: TEAM_ID, user_id: USER_ID } },
      body: {},
    }),
  "POST /team-permissions/{team_id}/{user_id}/{permission_id}": (server) =>
    server.POST("/team-permissions/{team_id}/{user_id}/{permission_id}", {
      params: { path: { team_id: TEAM_ID, user_id: USER_ID, permission_id: "team_admin" } },
      body: {},
    }),
  "DELETE /team-permissions/{team_id}/{user_id}/{permission_id}": (server) =>
    server.DELETE("/team-permissions/{team_id}/{user_id}/{permission_id}", {
      params: { path: { team_id: TEAM_ID, user_id: USER_ID, permission_id: "team_admin" } },
    }),
  "POST /teams": (server) =>
    server.POST("/teams", {
      body: {
        display_name: "Difference Engines",
        creator_user_id: USER_ID,
        server_metadata: { billing_account_id: "acct_9Kd3Qx" },
      },
    }),
  "PATCH /teams/{team_id}": (server) =>
    server.PATCH("/teams/{team_id}", {
      params: { path: { team_id: TEAM_ID } },
      body: { client_read_only_metadata: { plan: "enterprise" } },
    }),
  "POST /user-api-keys/check": (server) =>
    server.POST("/user-api-keys/check", {
      body: {
        api_key:
          "sk_u2wmdj5dfmkucdps7ijbbtidgegerxykxqqt4gdc5uyl76a10cb16f7880c2d42a65a82d31f7435user0574ck4u7h1bda566d",
      },
    }),
  "GET /users": (server) =>
    server.GET("/users", {
      params: {
        query: {
          team_id: TEAM_ID,
          limit: 50,
          order_by: "signed_up_at",
          desc: "true",
          query: "ada",
          include_anonymous: "true",
          only_anonymous: "true",
          include_restricted: "true",
        },
      },
    }),
  "POST /users": (server) =>
    server.POST("/users", {
      body: {
        primary_email: "charles@example.com",
        primary_email_verified: true,
        primary_email_auth_enabled: true,
        display_name: "Charles Babbage",
        password: "correct-horse-battery-staple",
        server_metadata: { imported_from: "legacy-db" },
      },
    }),
  "PATCH /users/me": (server) =>
    server.PATCH("/users/me", {
      body: {
        display_name: "Ada King",
        server_metadata: { stripe_customer_id: "cus_QfX2mD8kLr3Z" },
        restricted_by_admin: false,
      },
    }),
  "GET /users/{user_id}": (server) => server.GET("/users/{user_id}", { params: { path: { user_id: USER_ID } } }),
  "PATCH /users/{user_id}": (server) =>
    server.PATCH("/users/{user_id}", {
      params: { path: { user_id: USER_ID } },
      body: {
        display_name: "Ada King",
        server_metadata: { stripe_customer_id: "cus_QfX2mD8kLr3Z" },
        restricted_by_admin: false,
      },
    }),
  "DELETE /users/{user_id}": (server) => server.DELETE("/users/{user_id}", { params: { path: { user_id: USER_ID } } }),
};
