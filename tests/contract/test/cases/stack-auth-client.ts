import type { StackAuthClient } from "@keyway/stack-auth";
import type { apiMeta } from "../../../../packages/stack-auth/dist/generated/stack-auth-client.meta.js";
import type { CaseTable } from "../contract-case.js";
import { OAUTH_LINK_ID, TEAM_ID, bothAccessTypes, userScopedCalls } from "./both-access-types.js";

/** Every operation of specs/stack-auth-client.yaml, called as a web app would with client access. */
export const stackAuthClientCases: CaseTable<typeof apiMeta, StackAuthClient> = {
  ...bothAccessTypes,
  ...userScopedCalls("me"),
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
  "POST /contact-channels": (stack) =>
    stack.POST("/contact-channels", {
      body: {
        user_id: "me",
        value: "ada.lovelace@work.example.com",
        type: "email",
        used_for_auth: false,
        is_primary: false,
      },
    }),
  "PATCH /contact-channels/{user_id}/{contact_channel_id}": (stack) =>
    stack.PATCH("/contact-channels/{user_id}/{contact_channel_id}", {
      params: { path: { user_id: "me", contact_channel_id: "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
      body: { is_primary: true },
    }),
  "PATCH /oauth-providers/{user_id}/{provider_id}": (stack) =>
    stack.PATCH("/oauth-providers/{user_id}/{provider_id}", {
      params: { path: { user_id: "me", provider_id: OAUTH_LINK_ID } },
      body: { allow_connected_accounts: true },
    }),
  "GET /team-member-profiles": (stack) =>
    stack.GET("/team-member-profiles", { params: { query: { team_id: TEAM_ID, user_id: "me" } } }),
  "POST /teams": (stack) =>
    stack.POST("/teams", { body: { display_name: "Difference Engines", creator_user_id: "me" } }),
  "PATCH /teams/{team_id}": (stack) =>
    stack.PATCH("/teams/{team_id}", {
      params: { path: { team_id: TEAM_ID } },
      body: { display_name: "Analytical Engines Ltd" },
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
