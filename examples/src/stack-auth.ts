// Signs a user in with client access, reads their profile and teams, then lists users
// with server access. Run it with `pnpm demo` (against mocks) or `pnpm demo --live`.
import {
  createStackAuthClient,
  createStackAuthServerClient,
  isKnownError,
  listAllUsers,
  unwrap,
  type ServerUser,
} from "@keyway/stack-auth";
import { requireEnv, show } from "./env.js";

const projectId = requireEnv("STACK_PROJECT_ID");

const stack = createStackAuthClient({
  projectId,
  publishableClientKey: requireEnv("STACK_PUBLISHABLE_CLIENT_KEY"),
  ...(process.env["STACK_AUTH_CLIENT_BASE_URL"] ? { baseUrl: process.env["STACK_AUTH_CLIENT_BASE_URL"] } : {}),
});

try {
  const session = await stack.signIn(
    stack.POST("/auth/password/sign-in", {
      body: { email: requireEnv("STACK_USER_EMAIL"), password: requireEnv("STACK_USER_PASSWORD") },
    }),
  );
  show("signed in (client access)", { user_id: session.user_id });
} catch (error) {
  if (isKnownError(error, "EMAIL_PASSWORD_MISMATCH")) {
    console.error("Wrong e-mail or password for STACK_USER_EMAIL.");
    process.exit(1);
  }
  throw error;
}

const me = await unwrap(stack.GET("/users/me"));
show("GET /users/me (client shape)", {
  id: me.id,
  display_name: me.display_name,
  primary_email: me.primary_email,
  has_password: me.has_password,
});

const teams = await unwrap(stack.GET("/teams", { params: { query: { user_id: "me" } } }));
show(
  "my teams",
  teams.items.map((team) => ({ id: team.id, display_name: team.display_name })),
);
await stack.signOut();
show("signed out; session", (await stack.getSession()) ?? null);

const secretServerKey = process.env["STACK_SECRET_SERVER_KEY"];
if (secretServerKey) {
  const admin = createStackAuthServerClient({
    projectId,
    secretServerKey,
    ...(process.env["STACK_AUTH_SERVER_BASE_URL"] ? { baseUrl: process.env["STACK_AUTH_SERVER_BASE_URL"] } : {}),
  });
  const firstUsers: Pick<ServerUser, "id" | "primary_email" | "last_active_at_millis">[] = [];
  for await (const user of listAllUsers(admin, { limit: 2 })) {
    firstUsers.push({
      id: user.id,
      primary_email: user.primary_email,
      last_active_at_millis: user.last_active_at_millis,
    });
    if (firstUsers.length === 2) break;
  }
  show("first users (server access, listAllUsers follows next_cursor)", firstUsers);
}
