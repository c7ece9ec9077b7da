// The app under test in these suites, as a team would write it: it copies Stack Auth's users into a Stacker table
// of customers, with the built packages, through their names (a user's own code, in plain JavaScript).
import { unwrap } from "@keyway/stacker";
import { listAllUsers } from "@keyway/stack-auth/server";

export const CUSTOMERS = "object.custom.customers";

/** Creates a Stacker customer for each Stack Auth user with an email; returns how many it created. */
export async function syncCustomers({ stack, stacker }) {
  let created = 0;
  for await (const user of listAllUsers(stack, { limit: 2 })) {
    if (!user.primary_email) continue;
    await unwrap(
      stacker.POST("/api/external/objects/{object_sid}/records/", {
        params: { path: { object_sid: CUSTOMERS } },
        body: { customers__email: user.primary_email, customers__name: user.display_name },
      }),
    );
    created++;
  }
  return created;
}
