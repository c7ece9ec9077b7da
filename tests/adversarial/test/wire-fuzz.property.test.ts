import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { createStackAuthClient, createStackAuthServerClient, StackAuthError } from "@keyway/stack-auth";
import { ApiError, KeywayError, unwrap } from "@keyway/stacker";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ACCESS_TOKEN,
  INTEGRATION_KEY,
  PROJECT_ID,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  shown,
  stackerAt,
} from "./network.js";
import { type Answer, bytesOf, intactJson, wireAnswers } from "./wire-answers.js";

// A hostile server's answers drawn at random, written byte for byte: a status line, headers and a body, framed,
// encoded and cut in every way fast-check finds. Whatever arrives, a call ends (soon) in a result or a typed keyway
// error; a body that arrived whole and intact as JSON is the data; and no credential shows in what the caller sees or
// reaches the other origin a `Location` names.

const answerArbitrary = wireAnswers([INTEGRATION_KEY, SECRET_SERVER_KEY, ACCESS_TOKEN, REFRESH_TOKEN]);

let planned: Answer;
/** The requests the API's server has read, one a connection (each answer closes its connection). */
let attemptsSeen = 0;
let api: Server;
let elsewhere: Server;
let apiUrl = "";
const seenElsewhere: string[] = [];
const sockets = new Set<Socket>();

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  api = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", () => {
      attemptsSeen++;
      const bytes = bytesOf(planned);
      if (!planned.cut) return void socket.end(bytes);
      socket.write(bytes.subarray(0, Math.ceil(bytes.length / 2)), () => socket.destroy());
    });
  });
  elsewhere = createServer((socket) => {
    socket.on("error", () => {});
    socket.on("data", (chunk) => seenElsewhere.push(chunk.toString("latin1")));
    socket.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  });
  apiUrl = await listen(api);
  const elsewhereUrl = await listen(elsewhere);
  // A Location to another origin, which the client must not follow with its credentials.
  extraLocations.push(`Location: ${elsewhereUrl}/stolen`, `Location: ${elsewhereUrl.replace("http:", "https:")}/x`);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([api, elsewhere].map((server) => new Promise((resolve) => server.close(resolve))));
});
const extraLocations: string[] = [];

const unhandled = vi.fn();
process.on("unhandledRejection", unhandled);
afterAll(() => {
  process.off("unhandledRejection", unhandled);
});

/** What a caller may see of a settled call: what it threw, the API error `unwrap` throws, and the call's `error`. */
function seenByCaller({ thrown, unwrapped, result }: Awaited<ReturnType<typeof settle>>): string {
  return [thrown, unwrapped instanceof Error ? unwrapped : undefined, result?.error].map(shown).join(" ");
}

/** A call of one of the clients, settled: what it resolved with or threw. */
async function settle(call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>) {
  try {
    const result = await call();
    return { result, thrown: undefined, unwrapped: await unwrap(result as never).catch((error: unknown) => error) };
  } catch (thrown) {
    return { result: undefined, thrown, unwrapped: undefined };
  }
}

/** Each client's call, and the credentials it holds: what must show nowhere (the other client's may). */
const stacker = (maxRetries = 0) => stackerAt(apiUrl, { maxRetries, timeout: 5_000 });

const CALLS = {
  "Stacker GET": () =>
    stacker().GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
    }),
  "Stack Auth server GET": () =>
    createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: apiUrl,
      maxRetries: 0,
      timeout: 5_000,
    }).GET("/users/{user_id}", { params: { path: { user_id: "user_1" } } }),
  // A 401 the client reads as an expired token sends the refresh request, which meets the same answer.
  "Stack Auth client GET, signed in": () =>
    createStackAuthClient({
      projectId: PROJECT_ID,
      baseUrl: apiUrl,
      session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
      maxRetries: 0,
      timeout: 5_000,
    }).GET("/users/me"),
} as const;
const CREDENTIALS: Record<keyof typeof CALLS, readonly string[]> = {
  "Stacker GET": [INTEGRATION_KEY],
  "Stack Auth server GET": [SECRET_SERVER_KEY],
  "Stack Auth client GET, signed in": [ACCESS_TOKEN, REFRESH_TOKEN],
};

describe("a hostile server's answer, drawn at random and written byte for byte", () => {
  it.each(Object.keys(CALLS) as (keyof typeof CALLS)[])(
    "%s ends in its data, an API error or a typed keyway error, and shows no credential",
    async (name) => {
      await fc.assert(
        fc.asyncProperty(
          answerArbitrary,
          fc.option(fc.constantFrom(0, 1), { nil: undefined }),
          async (answer, elsewhereLocation) => {
            const located = elsewhereLocation === undefined ? [] : [extraLocations[elsewhereLocation]!];
            planned = { ...answer, extraHeaders: [...answer.extraHeaders, ...located] };
            const settled = await settle(CALLS[name]);
            const { result, thrown, unwrapped } = settled;
            if (thrown !== undefined) expect(thrown).toBeInstanceOf(KeywayError);
            if (unwrapped instanceof Error) {
              expect(unwrapped).toBeInstanceOf(ApiError);
              expect((unwrapped as ApiError).status).toBe(result?.response.status);
            }
            const intact = intactJson(planned);
            if (intact && result) expect(result.data).toEqual(intact[0]);
            for (const credential of CREDENTIALS[name]) {
              expect(seenByCaller(settled)).not.toContain(credential);
              expect(seenElsewhere.join("")).not.toContain(credential);
            }
          },
        ),
        { numRuns: 150 },
      );
      expect(unhandled).not.toHaveBeenCalled();
    },
    90_000,
  );

  it("a Stack Auth known error drawn at random reads as a StackAuthError or an ApiError, never a thrown parse", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("SCHEMA_ERROR", "USER_NOT_FOUND", "NOT_A_CODE", "", "__proto__", "constructor"),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ code: "USER_NOT_FOUND", details: SECRET_SERVER_KEY })),
        fc.constantFrom("400 Bad Request", "404 Not Found", "200 OK", "500 Internal"),
        async (code, body, status) => {
          planned = {
            status,
            contentType: "application/json",
            body: new TextEncoder().encode(JSON.stringify(body) ?? ""),
            encoding: "none",
            framing: "length",
            extraHeaders: [`x-stack-known-error: ${code}`],
            cut: false,
          };
          const settled = await settle(CALLS["Stack Auth server GET"]);
          const { thrown, unwrapped } = settled;
          if (thrown !== undefined) expect(thrown).toBeInstanceOf(KeywayError);
          if (unwrapped instanceof Error) expect(unwrapped).toBeInstanceOf(ApiError);
          if (unwrapped instanceof StackAuthError) expect(typeof unwrapped.code).toBe("string");
          expect(seenByCaller(settled)).not.toContain(SECRET_SERVER_KEY);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it("a retry goes out only for a GET whose answer asks for one, and a POST is never sent twice", async () => {
    const calls = {
      GET: () =>
        stacker(1).GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
          params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
        }),
      POST: () =>
        stacker(1).POST("/api/external/objects/{object_sid}/records/", {
          params: { path: { object_sid: "object.custom.orders" } },
          body: { orders__number: 1 },
        }),
    };
    await fc.assert(
      fc.asyncProperty(
        answerArbitrary,
        fc.constantFrom("GET", "POST"),
        fc.constantFrom(...RETRYABLE_STATUSES, "200 OK", "400 Bad Request", "404 Not Found"),
        async (answer, method: keyof typeof calls, status) => {
          // An immediate retry, whatever the drawn headers ask, so that a run takes milliseconds.
          const extraHeaders = [...answer.extraHeaders.filter((h) => !/^retry-after/i.test(h)), "retry-after-ms: 0"];
          planned = { ...answer, status, framing: "length", cut: false, encoding: "none", extraHeaders };
          attemptsSeen = 0;
          const settled = await settle(calls[method]);
          if (settled.thrown !== undefined) expect(settled.thrown).toBeInstanceOf(KeywayError);
          const override = extraHeaders.find((h) => h.startsWith("x-should-retry: "))?.slice(16);
          // A success is never retried; for a failure, x-should-retry decides when it says true or false ("nope" says
          // neither, so the status does).
          const failed = !status.startsWith("2");
          const retried =
            method === "GET" &&
            failed &&
            (override === "true" || (override !== "false" && RETRYABLE_STATUSES.includes(status)));
          expect(attemptsSeen).toBe(retried ? 2 : 1);
          expect(seenByCaller(settled)).not.toContain(INTEGRATION_KEY);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});

const RETRYABLE_STATUSES = [
  "408 Timeout",
  "409 Conflict",
  "429 Too Many",
  "500 Internal",
  "502 Bad Gateway",
  "503 Unavailable",
];
