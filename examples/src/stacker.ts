// Reads a Stacker workspace: accounts, stacks, objects, fields, then searches records
// with auto-paging. Run it with `pnpm demo` (against a mock) or `pnpm demo --live`.
import {
  createStackerClient,
  listItems,
  searchAll,
  unwrap,
  type Account,
  type Field,
  type StackObject,
  type StackerRecord,
} from "@keyway/stacker";
import { requireEnv, show } from "./env.js";
import { printTrace, tracing } from "./trace.js";

const stacker = createStackerClient({
  integrationKey: requireEnv("STACKER_INTEGRATION_KEY"),
  accountId: requireEnv("STACKER_ACCOUNT_ID"),
  stackId: requireEnv("STACKER_STACK_ID"),
  timezone: "Europe/Paris",
  ...(process.env["STACKER_BASE_URL"] ? { baseUrl: process.env["STACKER_BASE_URL"] } : {}),
  ...tracing,
});

const hello = await unwrap(stacker.GET("/api/external/hello/"));
show("GET /hello/", hello);
printTrace("GET /hello/");

const accounts: Account[] = listItems(await unwrap(stacker.GET("/api/external/accounts/")), "accounts");
show(
  "accounts",
  accounts.map(({ sid, name }) => ({ sid, name })),
);

const objects: StackObject[] = listItems(await unwrap(stacker.GET("/api/external/objects/")), "objects");
show(
  "objects in the stack",
  objects.map(({ sid, name }) => ({ sid, name })),
);

const objectSid = process.env["STACKER_OBJECT_SID"] ?? objects[0]?.sid;
if (!objectSid) {
  console.log("\nThe stack has no objects; nothing more to show.");
  process.exit(0);
}

const fields: Field[] = listItems(
  await unwrap(
    stacker.GET("/api/external/objects/{object_sid}/fields/", { params: { path: { object_sid: objectSid } } }),
  ),
  "fields",
);
show(
  `fields of ${objectSid}`,
  fields.map(({ api_name, label, type }) => ({ api_name, label, type })),
);

const firstRecords: StackerRecord[] = [];
for await (const record of searchAll(stacker, objectSid, { count: 100 })) {
  firstRecords.push(record);
  if (firstRecords.length === 5) break;
}
show(`first ${firstRecords.length} records of ${objectSid} (searchAll pages with start/count)`, firstRecords);
