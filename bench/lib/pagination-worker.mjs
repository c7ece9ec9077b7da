// Paging through 100,000 users, 500 a page, in one process: keyway's listAllUsers (item by item, or by its
// pages()), a hand-written cursor loop on bare openapi-fetch, and the least an item iterator can be.
//   node pagination-worker.mjs '{"variants":["bare","keyway"],"passes":5}'
//
// The variants' passes are taken in turn, in a rotated order, after one warm-up pass of each. A process pages
// either fast or slowly for its whole life (glibc trims and regrows its heap about twice a page in the slow
// state; see bench/gaps.md), and which state a process falls into varies from one run to the next: sharing a
// process, every variant pays the same state, and their ratio is what each one adds.
import { createStackAuthServerClient, listAllUsers, STACK_AUTH_BASE_URL } from "@keyway/stack-auth";
import { CREDENTIALS, STACK_AUTH_SERVER_HEADERS, usersPagesFetch } from "./fixtures.mjs";
import { median } from "./stats.mjs";
import { createBareClient as createClient } from "./bare-openapi-fetch.mjs";

const TOTAL_USERS = 100_000;
const PAGE_SIZE = 500;

const { variants, passes } = JSON.parse(process.argv[2] ?? "");

const fetch = usersPagesFetch(TOTAL_USERS, PAGE_SIZE);
const { projectId, secretServerKey } = CREDENTIALS;

/** @type {import("openapi-fetch").Client<import("@keyway/stack-auth").ServerPaths>} */
const bareClient = createClient({ baseUrl: STACK_AUTH_BASE_URL, fetch, headers: STACK_AUTH_SERVER_HEADERS });

/** One page of users through bare openapi-fetch, checked as a user's loop checks it. */
async function barePage(/** @type {string | undefined} */ cursor) {
  const { data, error, response } = await bareClient.GET("/users", { params: { query: { limit: PAGE_SIZE, cursor } } });
  if (error !== undefined || !response.ok) throw new Error(`page failed with status ${response.status}`);
  // Every page of the benchmark's data says where the next one is.
  return { items: data.items, next: /** @type {NonNullable<typeof data.pagination>} */ (data.pagination).next_cursor };
}

/**
 * The least an item iterator for `for await` can do: one resolved promise per item in hand, a page
 * fetched when they run out. No checks, no typed errors, no loop detection.
 * @returns {AsyncIterableIterator<{ id: string }>}
 */
function leastItemIterator() {
  /** @type {{ id: string }[]} */ let items = [];
  let index = 0;
  /** @type {string | null | undefined} */ let next;
  const iterator = {
    /** @returns {Promise<IteratorResult<{ id: string }>>} */
    next() {
      if (index < items.length)
        return Promise.resolve({ value: /** @type {{ id: string }} */ (items[index++]), done: false });
      if (next === null) return Promise.resolve({ value: undefined, done: true });
      items = [];
      return barePage(next).then((page) => {
        ({ items, next } = page);
        index = 0;
        return iterator.next();
      });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Counts every user, page by page, each variant its own way. */
const countUsers = {
  async bare() {
    let count = 0;
    let cursor;
    do {
      const page = await barePage(cursor);
      for (const user of page.items) if (user.id) count++;
      cursor = page.next ?? undefined;
    } while (cursor);
    return count;
  },
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
  async leastItemIterator() {
    let count = 0;
    for await (const user of leastItemIterator()) if (user.id) count++;
    return count;
  },
};

/** @type {Map<string, { ms: number[], minorFaults: number[] }>} */
const passesOf = new Map(variants.map((/** @type {string} */ variant) => [variant, { ms: [], minorFaults: [] }]));
for (let pass = 0; pass <= passes; pass++) {
  for (let turn = 0; turn < variants.length; turn++) {
    const variant = variants[(pass + turn) % variants.length];
    // CPU time of this process, not wall time: a pass never waits on I/O, and on a shared machine CPU time
    // leaves out the time other tenants take the core.
    const started = process.cpuUsage();
    const faultsBefore = process.resourceUsage().minorPageFault;
    const count = await countUsers[/** @type {keyof typeof countUsers} */ (variant)]();
    const { user, system } = process.cpuUsage(started);
    const faults = process.resourceUsage().minorPageFault - faultsBefore;
    if (count !== TOTAL_USERS) throw new Error(`${variant} saw ${count} users, expected ${TOTAL_USERS}`);
    if (pass === 0) continue; // the warm-up pass
    passesOf.get(variant)?.ms.push((user + system) / 1000);
    passesOf.get(variant)?.minorFaults.push(faults);
  }
}
const bare = passesOf.get("bare")?.ms;
const results = [...passesOf].map(([variant, { ms, minorFaults }]) => [
  variant,
  {
    ms: median(ms),
    minorFaults: median(minorFaults),
    // Each pass against the bare loop's pass of the same round of turns.
    ...(bare && variant !== "bare" && { vsBare: median(ms.map((value, pass) => value / (bare[pass] ?? value))) }),
  },
]);
console.log(JSON.stringify(Object.fromEntries(results)));
