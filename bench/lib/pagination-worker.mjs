// One measurement, in its own process: the time to page through 100,000 users, 500 a page,
// through keyway's listAllUsers (item by item, or its pages()) or a hand-written cursor loop on bare openapi-fetch.
//   node pagination-worker.mjs '{"variant":"keyway","iterations":3}'
import { createStackAuthServerClient, listAllUsers, STACK_AUTH_BASE_URL } from "@keyway/stack-auth";
import createClient from "openapi-fetch";
import { CREDENTIALS, inMemoryFetch, serverUser } from "./fixtures.mjs";
import { median } from "./stats.mjs";

const TOTAL_USERS = 100_000;
const PAGE_SIZE = 500;

const { variant, iterations } = JSON.parse(process.argv[2] ?? "");

// Every page's JSON text is made once, before timing; the fetch only looks up the cursor.
const pageCount = TOTAL_USERS / PAGE_SIZE;
const pages = Array.from({ length: pageCount }, (_, page) =>
  JSON.stringify({
    items: Array.from({ length: PAGE_SIZE }, (_, i) => serverUser(`user-${page * PAGE_SIZE + i}`)),
    pagination: { next_cursor: page + 1 < pageCount ? `page-${page + 1}` : null },
  }),
);
// fetch's input: a URL string (keyway's clients), or a Request (bare openapi-fetch).
const fetch = inMemoryFetch((input) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  if (url.searchParams.get("limit") !== String(PAGE_SIZE)) throw new Error(`unexpected page size in ${url}`);
  const cursor = url.searchParams.get("cursor");
  return pages[cursor ? Number(cursor.slice("page-".length)) : 0];
});
const { projectId, secretServerKey } = CREDENTIALS;

/** Counts every user, page by page. */
const countUsers = {
  async keyway() {
    const server = createStackAuthServerClient({ projectId, secretServerKey, fetch });
    let count = 0;
    for await (const user of listAllUsers(server, { limit: PAGE_SIZE })) if (user.id) count++;
    return count;
  },
  async keywayPages() {
    const server = createStackAuthServerClient({ projectId, secretServerKey, fetch });
    let count = 0;
    for await (const page of listAllUsers(server, { limit: PAGE_SIZE }).pages())
      for (const user of page) if (user.id) count++;
    return count;
  },
  async bare() {
    /** @type {import("openapi-fetch").Client<import("@keyway/stack-auth").ServerPaths>} */
    const client = createClient({
      baseUrl: STACK_AUTH_BASE_URL,
      fetch,
      headers: {
        "X-Stack-Access-Type": "server",
        "X-Stack-Project-Id": projectId,
        "X-Stack-Secret-Server-Key": secretServerKey,
      },
    });
    let count = 0;
    let cursor;
    do {
      const { data, error, response } = await client.GET("/users", { params: { query: { limit: PAGE_SIZE, cursor } } });
      if (error !== undefined || !response.ok) throw new Error(`page failed with status ${response.status}`);
      for (const user of data.items) if (user.id) count++;
      // Every page of the benchmark's data says where the next one is.
      cursor = /** @type {NonNullable<typeof data.pagination>} */ (data.pagination).next_cursor ?? undefined;
    } while (cursor);
    return count;
  },
}[variant];

// CPU time of this process, not wall time: the pass never waits on I/O, and on a shared machine
// CPU time leaves out the time other tenants take the core.
const times = [];
for (let i = 0; i <= iterations; i++) {
  const started = process.cpuUsage();
  const count = await countUsers();
  const { user, system } = process.cpuUsage(started);
  const ms = (user + system) / 1000;
  if (count !== TOTAL_USERS) throw new Error(`${variant} saw ${count} users, expected ${TOTAL_USERS}`);
  if (i > 0) times.push(ms); // the first pass is the warm-up
}
console.log(JSON.stringify({ ms: median(times) }));
