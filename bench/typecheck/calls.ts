// The consumer file whose type-check cost `pnpm bench` measures: 30 typed calls, 12 to Stacker
// and 18 to Stack Auth, each using its result. The same file is checked twice: with
// keyway's clients (tsconfig.keyway.json maps "bench-clients" to keyway-clients.ts) and with
// bare openapi-fetch on the same generated types (tsconfig.bare.json → bare-clients.ts).
import { stack, stacker } from "bench-clients";

const orders = { object_sid: "object.custom.orders" };
const order = { ...orders, record_sid: "rec7wzphqrc9w7rii7h" };
const userId = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";
const teamId = "f0c4b8a2-6d1e-4c3b-9a7f-2e5d8c1b4a90";

export async function stackerCalls() {
  const hello = await stacker.GET("/api/external/hello/");
  const accounts = await stacker.GET("/api/external/accounts/");
  const stacks = await stacker.GET("/api/external/stacks/");
  const objects = await stacker.GET("/api/external/objects/");
  const buttons = await stacker.GET("/api/external/objects/{object_sid}/action-buttons/", { params: { path: orders } });
  const fields = await stacker.GET("/api/external/objects/{object_sid}/fields/", { params: { path: orders } });
  const search = await stacker.POST("/api/external/objects/{object_sid}/search/", {
    params: { path: orders },
    body: { search: "ada", count: 100, start: 0, order_by: "-orders__order_date" },
  });
  const created = await stacker.POST("/api/external/objects/{object_sid}/records/", {
    params: { path: orders },
    body: { orders__status: "new", include_fields: ["orders__status"] },
  });
  const record = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: order, query: { include_fields: ["orders__status"] } },
  });
  const updated = await stacker.PATCH("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: order },
    body: { orders__status: "shipped" },
  });
  const deleted = await stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: order },
  });
  const bulk = await stacker.POST("/api/external/objects/{object_sid}/bulk-records/", {
    params: { path: orders },
    body: [{ _sid: "rec7wzphqrc9w7rii7h", orders__status: "paid" }, { orders__status: "new" }],
  });
  return [
    hello.data,
    accounts.data,
    stacks.data,
    objects.data,
    buttons.data,
    fields.data,
    search.data,
    created.data?._sid,
    record.data?._sid,
    updated.data?._sid,
    deleted.response.status,
    bulk.data?.created,
  ];
}

export async function stackAuthCalls() {
  const users = await stack.GET("/users", {
    params: { query: { limit: 100, order_by: "signed_up_at", desc: "true" } },
  });
  const user = await stack.GET("/users/{user_id}", { params: { path: { user_id: userId } } });
  const createdUser = await stack.POST("/users", { body: { primary_email: "ada@example.com", display_name: "Ada" } });
  const updatedUser = await stack.PATCH("/users/{user_id}", {
    params: { path: { user_id: userId } },
    body: { display_name: "Ada L." },
  });
  const deletedUser = await stack.DELETE("/users/{user_id}", { params: { path: { user_id: userId } } });
  const teams = await stack.GET("/teams", { params: { query: { user_id: userId } } });
  const team = await stack.GET("/teams/{team_id}", { params: { path: { team_id: teamId } } });
  const createdTeam = await stack.POST("/teams", { body: { display_name: "Analytical Engines" } });
  const updatedTeam = await stack.PATCH("/teams/{team_id}", {
    params: { path: { team_id: teamId } },
    body: { display_name: "Engines" },
  });
  const member = await stack.POST("/team-memberships/{team_id}/{user_id}", {
    params: { path: { team_id: teamId, user_id: userId } },
    body: {},
  });
  const permissions = await stack.GET("/team-permissions", { params: { query: { team_id: teamId, user_id: userId } } });
  const channels = await stack.GET("/contact-channels", { params: { query: { user_id: userId } } });
  const sessions = await stack.GET("/auth/sessions", { params: { query: { user_id: userId } } });
  const session = await stack.POST("/auth/sessions", { body: { user_id: userId } });
  const project = await stack.GET("/projects/current");
  const apiKeys = await stack.GET("/user-api-keys", { params: { query: { user_id: userId } } });
  const invitations = await stack.GET("/team-invitations", { params: { query: { team_id: teamId } } });
  const providers = await stack.GET("/oauth-providers", { params: { query: { user_id: userId } } });
  return [
    users.data?.items[0]?.primary_email,
    user.data?.display_name,
    createdUser.data?.id,
    updatedUser.data?.display_name,
    deletedUser.response.status,
    teams.data?.items[0]?.id,
    team.data?.display_name,
    createdTeam.data?.id,
    updatedTeam.data?.display_name,
    member.response.status,
    permissions.data?.items[0]?.id,
    channels.data?.items[0]?.value,
    sessions.data?.items[0]?.id,
    session.data?.access_token,
    project.data?.display_name,
    apiKeys.data?.items[0]?.id,
    invitations.data?.items[0]?.id,
    providers.data?.items[0]?.id,
  ];
}
