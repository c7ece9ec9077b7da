import type { StackAuthClient } from "@keyway/stack-auth";
import type { apiMeta } from "../../../../packages/stack-auth/dist/generated/stack-auth-client.meta.js";
import type { CaseTable } from "../contract-case.js";
import { TEAM_ID, bothAccessTypes } from "./both-access-types.js";

/** Every operation of specs/stack-auth-client.yaml, called as a web app would with client access. */
export const stackAuthClientCases: CaseTable<typeof apiMeta, StackAuthClient> = {
  ...bothAccessTypes,
  // OAuth clients send the token request form-encoded; openapi-fetch encodes it so for this content type.
  "POST /auth/oauth/token": (stack) =>
    stack.POST("/auth/oauth/token", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: {
        grant_type: "authorization_code",
        client_id: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11",
        client_secret: "pck_bi910rr7sy57t8lgqizbv75lncc5o0yv86rq3w6jqsvfi",
        code: "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        redirect_uri: "https://app.example.com/handler/oauth-callback",
        code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      },
    }),
  "GET /auth/sessions": (stack) => stack.GET("/auth/sessions", { params: { query: { user_id: "me" } } }),
  "DELETE /auth/sessions/{id}": (stack) =>
    stack.DELETE("/auth/sessions/{id}", {
      params: { path: { id: "0e7d6c5b-4a39-4281-9f0e-8d7c6b5a4938" }, query: { user_id: "me" } },
    }),
  "GET /contact-channels": (stack) => stack.GET("/contact-channels", { params: { query: { user_id: "me" } } }),
  "POST /contact-channels": (stack) =>
    stack.POST("/contact-channels", {
      body: { user_id: "me", value: "ada.lovelace@work.example.com", type: "email", used_for_auth: false, is_primary: false },
    }),
  "GET /contact-channels/{user_id}/{contact_channel_id}": (stack) =>
    stack.GET("/contact-channels/{user_id}/{contact_channel_id}", {
      params: { path: { user_id: "me", contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
    }),
  "PATCH /contact-channels/{user_id}/{contact_channel_id}": (stack) =>
    stack.PATCH("/contact-channels/{user_id}/{contact_channel_id}", {
      params: { path: { user_id: "me", contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
      body: { is_primary: true },
    }),
  "DELETE /contact-channels/{user_id}/{contact_channel_id}": (stack) =>
    stack.DELETE("/contact-channels/{user_id}/{contact_channel_id}", {
      params: { path: { user_id: "me", contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
    }),
  "POST /contact-channels/{user_id}/{contact_channel_id}/send-verification-code": (stack) =>
    stack.POST("/contact-channels/{user_id}/{contact_channel_id}/send-verification-code", {
      params: { path: { user_id: "me", contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
      body: { callback_url: "https://app.example.com/handler/email-verification" },
    }),
  "GET /emails/notification-preference/{user_id}": (stack) =>
    stack.GET("/emails/notification-preference/{user_id}", { params: { path: { user_id: "me" } } }),
  "PATCH /emails/notification-preference/{user_id}/{notification_category_id}": (stack) =>
    stack.PATCH("/emails/notification-preference/{user_id}/{notification_category_id}", {
      params: { path: { user_id: "me", notification_category_id: "4f1d2c3b-5a6e-4d7f-8a9b-0c1d2e3f4a5b" } },
      body: { enabled: false },
    }),
  "GET /oauth-providers": (stack) => stack.GET("/oauth-providers", { params: { query: { user_id: "me" } } }),
  "GET /oauth-providers/{user_id}/{provider_id}": (stack) =>
    stack.GET("/oauth-providers/{user_id}/{provider_id}", { params: { path: { user_id: "me", provider_id: "github" } } }),
  "PATCH /oauth-providers/{user_id}/{provider_id}": (stack) =>
    stack.PATCH("/oauth-providers/{user_id}/{provider_id}", {
      params: { path: { user_id: "me", provider_id: "github" } },
      body: { allow_connected_accounts: true },
    }),
  "DELETE /oauth-providers/{user_id}/{provider_id}": (stack) =>
    stack.DELETE("/oauth-providers/{user_id}/{provider_id}", { params: { path: { user_id: "me", provider_id: "github" } } }),
  "GET /project-permissions": (stack) =>
    stack.GET("/project-permissions", { params: { query: { user_id: "me", recursive: "true" } } }),
  "GET /team-invitations": (stack) => stack.GET("/team-invitations", { params: { query: { team_id: TEAM_ID, user_id: "me" } } }),
  "POST /team-invitations/{id}/accept": (stack) =>
    stack.POST("/team-invitations/{id}/accept", {
      params: { path: { id: "d3c2b1a0-9f8e-4d7c-8b6a-5f4e3d2c1b0a" }, query: { user_id: "me" } },
    }),
  "GET /team-member-profiles": (stack) =>
    stack.GET("/team-member-profiles", { params: { query: { team_id: TEAM_ID, user_id: "me" } } }),
  "GET /team-member-profiles/{team_id}/{user_id}": (stack) =>
    stack.GET("/team-member-profiles/{team_id}/{user_id}", {
      params: { path: { team_id: TEAM_ID, user_id: "me" } },
    }),
  "PATCH /team-member-profiles/{team_id}/{user_id}": (stack) =>
    stack.PATCH("/team-member-profiles/{team_id}/{user_id}", {
      params: { path: { team_id: TEAM_ID, user_id: "me" } },
      body: { display_name: "Ada (Engines)", profile_image_url: null },
    }),
  "DELETE /team-memberships/{team_id}/{user_id}": (stack) =>
    stack.DELETE("/team-memberships/{team_id}/{user_id}", {
      params: { path: { team_id: TEAM_ID, user_id: "me" } },
    }),
  "GET /team-permissions": (stack) =>
    stack.GET("/team-permissions", {
      params: { query: { team_id: TEAM_ID, user_id: "me", recursive: "true" } },
    }),
  "GET /teams": (stack) => stack.GET("/teams", { params: { query: { user_id: "me" } } }),
  "POST /teams": (stack) => stack.POST("/teams", { body: { display_name: "Difference Engines", creator_user_id: "me" } }),
  "PATCH /teams/{team_id}": (stack) =>
    stack.PATCH("/teams/{team_id}", {
      params: { path: { team_id: TEAM_ID } },
      body: { display_name: "Analytical Engines Ltd" },
    }),
  "GET /user-api-keys": (stack) => stack.GET("/user-api-keys", { params: { query: { user_id: "me" } } }),
  "POST /user-api-keys": (stack) =>
    stack.POST("/user-api-keys", {
      body: { user_id: "me", description: "CI deploy key", expires_at_millis: 1793000000000, is_public: false },
    }),
  "PATCH /users/me": (stack) =>
    stack.PATCH("/users/me", {
      body: {
        display_name: "Ada King",
        client_metadata: { theme: "light" },
        selected_team_id: TEAM_ID,
      },
    }),
};
