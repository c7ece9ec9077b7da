import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth";
import { createStackerClient, ResponseTooLargeError } from "@keyway/stacker";
import { ENDLESS_JSON_BYTES, sendEndlessJson, sendGzipBomb } from "@keyway/test-server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, PROJECT_ID, SECRET_SERVER_KEY, STACK_ID, server } from "./network.js";

// A body keyway reads for a call stops at the client's maxResponseBytes (64 MiB by default), however the server
// sends it: compressed 1000 to 1, without a length, or without an end. Before the limit, one call against a server
// that never ended its body held 3.5 GB after 30 s of its 60 s timeout.
const MiB = 1024 * 1024;

const unhandled = vi.fn();
process.on("unhandledRejection", unhandled);
afterAll(() => {
  process.off("unhandledRejection", unhandled);
});

const stackerOf = (baseUrl: string) =>
  createStackerClient({ integrationKey: INTEGRATION_KEY, accountId: ACCOUNT_ID, stackId: STACK_ID, baseUrl });

describe("bodies larger than the client reads", () => {
  it("a gzip bomb with the default limit: a ResponseTooLargeError at 64 MiB, asked for once", async () => {
    let compressed = 0;
    const api = await server((_req, res) => {
      compressed = sendGzipBomb(res, 256 * MiB);
    });
    const call = stackerOf(api.url).GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
      // Decoding 64 MiB takes about 3 s here, but took over the default 60 s in a CI run whose other suites kept both
      // cores busy: the call's own timeout stays under the test's 120 s, so a slower machine still shows a typed error.
      timeout: 110_000,
    });
    const error = await call.then(
      () => expect.fail("expected a ResponseTooLargeError"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      url: `${api.url}/api/external/objects/object.custom.orders/records/rec1/`,
      maxBytes: 64 * MiB,
    });
    expect(String(error)).not.toContain(INTEGRATION_KEY);
    expect(api.requests).toHaveLength(1);
    expect(compressed).toBeLessThan(MiB);
  });

  it("a page that never ends stops the paging iterator with a ResponseTooLargeError, and the server is hung up on", async () => {
    let sent: Promise<number> | undefined;
    const api = await server((_req, res) => {
      sent = sendEndlessJson(res, { start: '{"items": [' });
    });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: api.url,
      maxResponseBytes: 4 * MiB,
      timeout: 10_000,
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const user of listAllUsers(admin)) seen.push(user);
    })().then(
      () => expect.fail("expected a ResponseTooLargeError"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(seen).toEqual([]);
    expect(await sent).toBeLessThan(ENDLESS_JSON_BYTES);
    expect(api.requests).toHaveLength(1);
  });

  it("no unhandled rejection was seen in any of these cases", () => {
    expect(unhandled).not.toHaveBeenCalled();
  });
});
