// What a middleware (`client.use`) is given as `request`: openapi-fetch types it a fetch `Request`, so a logging or
// signing middleware reads it as one (`clone().text()`, `json()`, `credentials`), and the call still sends its body.
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/index.js";
import { clientAgainst } from "./harness.js";

describe("the request a middleware is given", () => {
  it("reads its body as a Request does, as often as it likes, and the call still sends it", async () => {
    const { client, server } = await clientAgainst((_, response) => response.end("{}"));
    const read: unknown[] = [];
    client.use({
      async onRequest({ request }) {
        read.push(await request.clone().text(), await request.json(), await request.text(), request.bodyUsed);
        read.push(new Uint8Array(await request.arrayBuffer()).length, (await request.blob()).type);
      },
    });
    await client.POST("/items", { body: { name: "lamp", tags: ["a"] } });
    const sent = '{"name":"lamp","tags":["a"]}';
    expect(read).toEqual([sent, { name: "lamp", tags: ["a"] }, sent, false, sent.length, "application/json"]);
    expect(server.requests.map((each) => each.body.toString())).toEqual([sent]);
  });

  it("gives a stream body's bytes to the middleware and all of them to the server", async () => {
    const { client, server } = await clientAgainst((_, response) => response.end("{}"));
    let read = "";
    client.use({
      async onRequest({ request }) {
        read = await request.text();
      },
    });
    const chunks = ["first ", "second ", "third"];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    await client.POST("/items", { body: {}, bodySerializer: () => body as never });
    expect(read).toBe("first second third");
    expect(server.requests.map((each) => each.body.toString())).toEqual(["first second third"]);
  });

  it("has a body-less call's empty body, and Request's defaults for the options the caller did not set", async () => {
    const { client } = await clientAgainst((_, response) => response.end("[]"));
    const seen: unknown[] = [];
    client.use({
      async onRequest({ request }) {
        seen.push(await request.text(), request.body, request.cache, request.credentials, request.redirect);
        seen.push(request.keepalive, request.mode, request.integrity, request.referrerPolicy);
        const copy = request.clone();
        seen.push(copy instanceof Request, copy.method, copy.url, copy.headers.get("x-api-key") !== null);
      },
    });
    await client.GET("/items", { cache: "no-store" });
    expect(seen).toEqual([
      "",
      null,
      "no-store",
      "same-origin",
      "follow",
      false,
      "cors",
      "",
      "",
      true,
      "GET",
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/items$/),
      false,
    ]);
  });

  it("replaced by a new Request built from it, fails the call with a ConfigurationError saying what to do", async () => {
    const { client, server } = await clientAgainst((_, response) => response.end("{}"));
    client.use({
      onRequest({ request }) {
        return new Request(request, { method: "PUT" });
      },
    });
    const failure = client.POST("/items", { body: {} });
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/change request\.headers instead/);
    expect(server.requests).toHaveLength(0);
  });
});
