// What both consumers do with the packages they loaded, each in its own module system: create a
// Stacker client and a Stack Auth client against the test's server (KEYWAY_SMOKE_URL), make one
// call with each, and print the typed results as one line of JSON.

/**
 * @param {string} moduleSystem how the consumer loaded the packages ("esm" or "cjs")
 * @param {{ createStackerClient: Function, createStackAuthClient: Function, unwrap: Function }} keyway
 *   the functions the consumer imported or required
 */
export async function smoke(moduleSystem, { createStackerClient, createStackAuthClient, unwrap }) {
  const baseUrl = process.env.KEYWAY_SMOKE_URL;
  const stacker = createStackerClient({
    integrationKey: "ik_smoke_7d2c9e",
    accountId: "acc_8f2d41",
    stackId: "app785vwedw46e3bx8",
    baseUrl,
  });
  const stack = createStackAuthClient({
    projectId: "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11",
    publishableClientKey: "pck_smoke_3k8q",
    baseUrl,
  });

  const record = await unwrap(
    stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
    }),
  );
  const project = await unwrap(stack.GET("/projects/current"));

  console.log(
    JSON.stringify({
      node: process.version,
      moduleSystem,
      record: { sid: record._sid, status: record.orders__status },
      project: { id: project.id, name: project.display_name },
    }),
  );
}
