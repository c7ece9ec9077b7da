import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { ConnectionError, type ResponseStep } from "../src/index.js";
import { clientAgainst } from "./harness.js";

// A service declares how it reads its API's responses once (`readResponse`); the transport applies it to whatever
// fetch answered an attempt, the client's or a call's own (`client.GET(path, { fetch })`).

/** A service's step: a 200 that carries `X-Actual-Status` of a 4xx is that status again. */
const restoringStatus: ResponseStep = (response) => {
  const actual = Number(response.headers.get("x-actual-status"));
  if (response.status !== 200 || !(actual >= 400 && actual < 500)) return response;
  return new Response(response.body, { status: actual, headers: response.headers });
};

/** A call's own fetch, which sends what it is given through the platform's. */
const ownFetch: typeof fetch = (input, init) => fetch(input, init);

describe("a service's readResponse", () => {
  it.each([
    ["the client's fetch", undefined],
    ["a call's own fetch", ownFetch],
  ])("reads what %s answers", async (_, fetch) => {
    const { client } = await clientAgainst(
      (_req, res) => {
        res.setHeader("x-actual-status", "404");
        sendJson(res, 200, { message: "no such item" });
      },
      { readResponse: restoringStatus },
    );
    const result = await client.GET("/items/{id}", { params: { path: { id: "i1" } }, fetch });
    expect({ status: result.response.status, data: result.data, error: result.error }).toEqual({
      status: 404,
      data: undefined,
      error: { message: "no such item" },
    });
  });

  it("is given the headers the hop was sent with, whichever fetch sent it", async () => {
    const seen: (string | null)[] = [];
    const { client } = await clientAgainst((_req, res) => sendJson(res, 200, {}), {
      readResponse: (response, init) => {
        seen.push(new Headers(init.headers).get("x-api-key") && new Headers(init.headers).get("x-trace-id"));
        return response;
      },
    });
    await client.GET("/items", { headers: { "X-Trace-Id": "t-1" } });
    await client.GET("/items", { headers: { "X-Trace-Id": "t-2" }, fetch: ownFetch });
    expect(seen).toEqual(["t-1", "t-2"]);
  });

  it("that throws fails the attempt as a failed fetch does: retried, then a ConnectionError", async () => {
    const { client, server } = await clientAgainst((_req, res) => sendJson(res, 200, {}), {
      maxRetries: 1,
      readResponse: () => {
        throw new TypeError("the body could not be read");
      },
    });
    const error = await client.GET("/items", { fetch: ownFetch }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });
});
