import { sendJson } from "@keyway/test-server";
import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth";
import { createStackerClient, KeywayError, PaginationLoopError, searchAll } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, PROJECT_ID, SECRET_SERVER_KEY, STACK_ID, server } from "./network.js";

/** Iterates to the end or to the first error; returns what was handed out and how it ended. */
async function drain<T>(items: AsyncIterable<T>) {
  const seen: T[] = [];
  try {
    for await (const item of items) seen.push(item);
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}

/** Every order of a Stacker at `baseUrl`, three records a page. */
function searchOrdersAt(baseUrl: string) {
  const stacker = createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl,
  });
  return searchAll(stacker, "object.custom.orders", { count: 3 });
}

describe("paging never loops", () => {
  it("a server that ignores start (the same full page again): PaginationLoopError after the first page", async () => {
    const page = Array.from({ length: 3 }, (_, i) => ({ _sid: `rec${i}` }));
    const api = await server((_req, res) => sendJson(res, 200, { records: page }));
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(String(error)).toContain('"start"');
    expect(seen).toEqual(page);
    expect(api.requests.map((r) => r.json<{ start?: number }>().start)).toEqual([0, 3]);
  });

  it("full pages that differ keep paging, however alike they look", async () => {
    const api = await server((req, res) => {
      const { start = 0 } = req.json<{ start?: number }>();
      sendJson(res, 200, { records: start >= 6 ? [] : [{ _sid: "same" }, { _sid: "same" }, { _sid: `rec${start}` }] });
    });
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(6);
  });

  it("full pages whose items are nested too deep to compare (JSON.parse takes them): a KeywayError naming it, not a RangeError", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const api = await server((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(`{"records": [${deep}, ${deep}, ${deep}]}`),
    );
    const { seen, error } = await drain(searchOrdersAt(api.url));
    expect(error).toBeInstanceOf(KeywayError);
    expect(String(error)).toBe(
      "KeywayError: A page or its cursor is nested too deep to compare with the pages before it",
    );
    expect(seen).toHaveLength(3);
  });

  it.each([
    ["returns to the first cursor", ["c1", "c2", "c3", "c1"]],
    ["repeats the cursor it was given", ["c1", "c1"]],
    ["cycles back to the start of the list", ["c1", "c2", null]],
  ])("a server that %s: PaginationLoopError, the users before it handed out", async (_name, cursors) => {
    // cursors[n] is the next_cursor answered to the n-th request; null there means "the first page's cursor".
    const api = await server((_req, res) => {
      const n = api.requests.length - 1;
      const next = n < cursors.length ? cursors[n] : null;
      sendJson(res, 200, { items: [{ id: `user${n}` }], pagination: { next_cursor: next === null ? "start" : next } });
    });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: api.url,
    });
    const { seen, error } = await drain(listAllUsers(admin, { limit: 1, cursor: "start" }));
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(String(error)).toBe(
      'PaginationLoopError: The server\'s next cursor (its "pagination.next_cursor") is one already seen in this iteration; stopping to avoid a loop',
    );
    expect(api.requests.length).toBeLessThanOrEqual(cursors.length + 1);
    expect(seen.map((u) => u.id)).toEqual(api.requests.map((_, n) => `user${n}`));
  });
});
