// What paging itself costs a page, apart from parsing it: 10,000 users in pages of 5 from the in-memory fetch, so
// that each pass is mostly page calls, paged by a hand-written cursor loop over bare openapi-fetch, the same loop over
// keyway's Stack Auth server client, and keyway's listAllUsers by pages() and item by item.
//   node bench/diagnose/paging-per-page.mjs [passes]
//
// One process, the variants' passes in a rotated order, CPU time per page; `listAllUsers` beyond keyway's own loop is
// what paginate adds to each page's call. Not part of `pnpm bench` (see bench/gaps.md, "Auto-pagination").
import { createStackAuthServerClient, listAllUsers, STACK_AUTH_BASE_URL } from "@keyway/stack-auth";
import { createBareClient } from "../lib/bare-openapi-fetch.mjs";
import { CREDENTIALS, STACK_AUTH_SERVER_HEADERS, usersPagesFetch } from "../lib/fixtures.mjs";
import { median } from "../lib/stats.mjs";

const PAGE_SIZE = 5;
const PAGE_COUNT = 2_000;
const passes = Number(process.argv[2] ?? 20);

const fetch = usersPagesFetch(PAGE_SIZE * PAGE_COUNT, PAGE_SIZE);
const { projectId, secretServerKey } = CREDENTIALS;
/** @type {import("openapi-fetch").Client<import("@keyway/stack-auth").ServerPaths>} */
const bare = createBareClient({ baseUrl: STACK_AUTH_BASE_URL, fetch, headers: STACK_AUTH_SERVER_HEADERS });
const server = createStackAuthServerClient({ projectId, secretServerKey, fetch });

/**
 * Counts the users of every page, asking for each by the cursor the one before gave.
 * @param {(cursor: string | undefined) => Promise<{ data?: { items: unknown[], pagination?: { next_cursor?: string | null } }, error?: unknown, response: Response }>} getPage
 */
async function cursorLoop(getPage) {
  let count = 0;
  /** @type {string | undefined} */
  let cursor;
  do {
    const { data, error, response } = await getPage(cursor);
    if (error !== undefined || !response.ok || !data) throw new Error(`page failed with status ${response.status}`);
    count += data.items.length;
    cursor = data.pagination?.next_cursor ?? undefined;
  } while (cursor);
  return count;
}

/** @type {Record<string, () => Promise<number>>} */
const variants = {
  "hand-written loop, bare openapi-fetch": () =>
    cursorLoop((cursor) => bare.GET("/users", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  "hand-written loop, keyway's client": () =>
    cursorLoop((cursor) => server.GET("/users", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  "listAllUsers(…).pages()": async () => {
    let count = 0;
    for await (const page of listAllUsers(server, { limit: PAGE_SIZE }).pages()) count += page.length;
    return count;
  },
  listAllUsers: async () => {
    let count = 0;
    for await (const user of listAllUsers(server, { limit: PAGE_SIZE })) if (user.id) count++;
    return count;
  },
};

const names = Object.keys(variants);
/** @type {Map<string, number[]>} */
const perPage = new Map(names.map((name) => [name, []]));
const WARM_UP_PASSES = 3;
for (let pass = 0; pass < WARM_UP_PASSES + passes; pass++) {
  for (let turn = 0; turn < names.length; turn++) {
    const name = /** @type {string} */ (names[(pass + turn) % names.length]);
    const started = process.cpuUsage();
    const count = await /** @type {() => Promise<number>} */ (variants[name])();
    const { user, system } = process.cpuUsage(started);
    if (count !== PAGE_SIZE * PAGE_COUNT) throw new Error(`${name} saw ${count} users`);
    if (pass < WARM_UP_PASSES) continue;
    perPage.get(name)?.push((user + system) / PAGE_COUNT);
  }
}

console.log(`${PAGE_COUNT} pages of ${PAGE_SIZE} users, ${passes} passes each: CPU µs a page (median)`);
const keywayLoop = median(perPage.get("hand-written loop, keyway's client") ?? []);
for (const [name, values] of perPage) {
  const beyond = name.startsWith("listAllUsers")
    ? ` (${(median(values) - keywayLoop).toFixed(1)} µs beyond keyway's loop)`
    : "";
  console.log(`${name}: ${median(values).toFixed(1)} µs${beyond}`);
}
