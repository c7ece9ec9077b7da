// The clients of calls.ts, as keyway builds them: a backend imports the server client from
// @keyway/stack-auth/server, which leaves out the client-access types.
import { createStackAuthServerClient } from "@keyway/stack-auth/server";
import { createStackerClient } from "@keyway/stacker";

export const stacker = createStackerClient({
  integrationKey: "YOUR_INTEGRATION_KEY",
  accountId: "acc_example",
  stackId: "app_example",
});
export const stack = createStackAuthServerClient({
  projectId: "YOUR_PROJECT_ID",
  secretServerKey: "YOUR_SECRET_SERVER_KEY",
});
