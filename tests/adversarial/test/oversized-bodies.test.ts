import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth";
import { createStackerClient, ResponseTooLargeError } from "@keyway/stacker";
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

/** 256 MiB of a JSON array that gzip shrinks to about 256 KB. */
const bomb = gzipSync(Buffer.concat([Buffer.from("["), Buffer.alloc(256 * MiB - 2, "0,"), Buffer.from("0]")]));

/** Writes a JSON array in 64 KiB chunks for as long as the client reads it; resolves with what it wrote. */
function endlessBody(res: ServerResponse, start: string): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, "1,");
  let written = 0;
  res.writeHead(200, { "content-type": "application/json" });
  res.write(start);
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) written += chunk.length;
  };
  res.on("drain", pump);
  pump();
  return once(res, "close").then(() => written);
}

const stackerOf = (baseUrl: string) =>
  createStackerClient({ integrationKey: INTEGRATION_KEY, accountId: ACCOUNT_ID, stackId: STACK_ID, baseUrl });

describe("bodies larger than the client reads", () => {
  it("a gzip bomb with the default limit: a ResponseTooLargeError at 64 MiB, asked for once", async () => {
    expect(bomb.length).toBeLessThan(MiB);
    const api = await server((_req, res) =>
      res
        .writeHead(200, {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "content-length": bomb.length,
        })
        .end(bomb),
    );
    const call = stackerOf(api.url).GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
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
  });

  it("a page that never ends stops the paging iterator with a ResponseTooLargeError, and the server is hung up on", async () => {
    let sent: Promise<number> | undefined;
    const api = await server((_req, res) => {
      sent = endlessBody(res, '{"items": [');
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
    expect(await sent).toBeLessThan(64 * MiB);
    expect(api.requests).toHaveLength(1);
  });

  it("no unhandled rejection was seen in any of these cases", () => {
    expect(unhandled).not.toHaveBeenCalled();
  });
});
