import { gzipSync } from "node:zlib";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { ConnectionError, ResponseParseError } from "../src/index.js";
import { clientAgainst } from "./harness.js";

describe("a body that fails to arrive or to parse, with a middleware that reads it too", () => {
  const readsAClone: Middleware = {
    async onResponse({ response }) {
      await response
        .clone()
        .text()
        .catch(() => undefined);
    },
  };

  it("a body that arrives whole is the call's data, in every framing", async () => {
    for (const headers of [{}, { "content-length": "5" }, { "content-encoding": "gzip" }]) {
      const { client } = await clientAgainst((_req, res) => {
        const gzip = "content-encoding" in headers;
        res.writeHead(200, { "content-type": "application/json", ...headers }).end(gzip ? gzipSync("[1,2]") : "[1,2]");
      });
      client.use(readsAClone);
      await expect(client.GET("/items")).resolves.toMatchObject({ data: [1, 2] });
    }
  });

  it("a connection cut mid-body is a ConnectionError", async () => {
    const { client } = await clientAgainst((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      res.write('{"items": [');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    client.use(readsAClone);
    const failure = await client.GET("/items").catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(String(failure)).toContain("the response body could not be read");
  });

  it("a body that is not JSON is a ResponseParseError", async () => {
    for (const length of [true, false]) {
      const { client } = await clientAgainst((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", ...(length ? { "content-length": 9 } : {}) });
        res.end("{not json");
      });
      client.use(readsAClone);
      await expect(client.GET("/items")).rejects.toBeInstanceOf(ResponseParseError);
    }
  });

  it("a gzip body that does not decompress is a ConnectionError", async () => {
    const { client } = await clientAgainst((_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end("not gzip at all"),
    );
    client.use(readsAClone);
    await expect(client.GET("/items")).rejects.toMatchObject({ name: "ConnectionError", code: "Z_DATA_ERROR" });
  });
});
