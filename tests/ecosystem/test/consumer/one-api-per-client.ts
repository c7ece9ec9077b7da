// Type tests, under every compiler the README names (TypeScript 5.9 and 7): one API's client does not pass for
// another's, so a function of one client refuses another at compile time, not with a run-time error about a path the
// API lacks. Nothing here runs: the functions are only compiled.
import { createStackAuthClient, type StackAuthClient } from "@keyway/stack-auth";
import { createStackAuthServerClient, listAllUsers, type StackAuthServerClient } from "@keyway/stack-auth/server";
import { bulkUpsert, createStackerClient, searchAll, type StackerClient } from "@keyway/stacker";

export async function clientsOfOtherApis(): Promise<void> {
  const stack = createStackAuthClient({ projectId: "p" });
  const admin = createStackAuthServerClient({ projectId: "p", secretServerKey: "ssk" });
  const stacker = createStackerClient({ integrationKey: "ik" });

  // @ts-expect-error: listing every user needs server access, which a client-access client has not
  listAllUsers(stack);
  // @ts-expect-error: a Stack Auth client is not a Stacker client
  searchAll(admin, "object.custom.orders");
  // @ts-expect-error: a Stack Auth client is not a Stacker client
  await bulkUpsert(stack, "object.custom.orders", []);
  // @ts-expect-error: a Stacker client is not a Stack Auth server client
  const server: StackAuthServerClient = stacker;
  // @ts-expect-error: a Stack Auth server client is not a Stacker client
  const records: StackerClient = admin;
  // @ts-expect-error: a Stacker client is not a Stack Auth client
  const client: StackAuthClient = stacker;
  void [server, records, client];

  // Right: each function with its own API's client.
  listAllUsers(admin);
  searchAll(stacker, "object.custom.orders");
}
