// What a user of the typed clients sees when Stack Auth answers as it really did: a sample of the
// recorded responses (one per operation, status and known error) is replayed by a server on
// 127.0.0.1 and each is called through @keyway/stack-auth. A success's `data` is the body; an
// error's `error` is the body, and `unwrap` throws a StackAuthError with the known error's code and
// details, or for any other error an ApiError with the status and the text. Each recorded webhook,
// signed as Svix signs a delivery, verifies to the event Stack Auth sent.
import { createHmac } from "node:crypto";
import { ApiError, StackAuthError, unwrap } from "@keyway/stack-auth";
import { verifyWebhook } from "@keyway/stack-auth/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTRACT_APIS, needsSession } from "./apis.js";
import { e2eFixture, type E2eResponse } from "./e2e-fixture.js";
import { startReplayServer, type ReplayServer } from "./replay-server.js";

/** The specs' labels in CONTRACT_APIS, by access type. */
const API_OF = { client: "stack-auth client", server: "stack-auth server" } as const;

/** A user id, team id, …: the server answers whatever the path names. */
const PATH_VALUE = "e2e0e2e0-0000-4000-8000-000000000001";

/**
 * Known errors after which a signed-in client refreshes its access token and replays the call: a
 * replay server that answers the refresh with the same error tests the session (see
 * packages/stack-auth/test/refresh.test.ts), not what the answer reads as.
 */
const REFRESHING = new Set(["ACCESS_TOKEN_EXPIRED", "UNPARSABLE_ACCESS_TOKEN", "INVALID_PROJECT_FOR_ACCESS_TOKEN"]);

/** The first recorded response of each operation, status and known error. */
const sampleKey = (r: E2eResponse) => `${r.access} ${r.operation} ${r.status} ${r.knownError ?? r.mediaType}`;
const sample = e2eFixture.responses.filter(
  (r, i, all) =>
    !REFRESHING.has(r.knownError ?? "") && all.findIndex((other) => sampleKey(other) === sampleKey(r)) === i,
);

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

/** Calls an operation through the typed client of its access type, with a value for each path parameter. */
async function call(recorded: E2eResponse) {
  const api = CONTRACT_APIS.find((candidate) => candidate.label === API_OF[recorded.access])!;
  const [method, path] = recorded.operation.split(" ") as [string, string];
  const client = api.createClient({
    baseUrl: replay.url,
    fetch: globalThis.fetch,
    signedIn: needsSession(api.operations[recorded.operation]!),
  }) as Record<string, (path: string, init: object) => Promise<{ data?: unknown; error?: unknown }>>;
  const pathParams = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, PATH_VALUE]));
  return client[method]!(path, {
    params: { path: pathParams },
    ...(["POST", "PATCH", "PUT"].includes(method) ? { body: {} } : {}),
  });
}

describe("recorded Stack Auth responses, replayed to the typed clients", () => {
  it("replays a sample across successes, known errors and plain-text errors", () => {
    expect(sample.filter((r) => r.status < 300).length).toBeGreaterThan(40);
    expect(sample.filter((r) => r.knownError).length).toBeGreaterThan(40);
    expect(sample.filter((r) => r.status >= 400 && !r.knownError).length).toBeGreaterThan(10);
  });

  it.each(sample.map((r) => [`${r.source} ${r.access} ${r.operation} ${r.status} ${r.knownError ?? ""}`, r] as const))(
    "%s",
    async (_title, recorded) => {
      replay.answerWith(recorded);
      const sent = [recorded.operation.replace(/\{\w+\}/g, PATH_VALUE)];
      const { data, error } = await call(recorded);
      expect(replay.take(), "one request, to the operation's path").toEqual(sent);
      if (recorded.status < 300) {
        expect({ data, error }).toEqual({ data: recorded.body, error: undefined });
        return;
      }
      expect({ data, error }).toEqual({ data: undefined, error: recorded.body });
      const thrown = await unwrap(call(recorded) as never).catch((reason: unknown) => reason);
      expect(replay.take(), "unwrapped: one request, to the operation's path").toEqual(sent);
      expect(thrown).toBeInstanceOf(ApiError);
      const { status, body } = thrown as ApiError;
      expect({ status, body }).toEqual({ status: recorded.status, body: recorded.body });
      if (recorded.knownError) {
        expect(thrown).toBeInstanceOf(StackAuthError);
        const { code, details } = thrown as StackAuthError;
        expect({ code, details }).toEqual({
          code: recorded.knownError,
          details: (recorded.body as { details?: unknown }).details,
        });
      } else expect(thrown).not.toBeInstanceOf(StackAuthError);
    },
  );
});

/** An endpoint's signing secret, as Svix shows it: `whsec_` and the key in base64. */
const WEBHOOK_SECRET = `whsec_${Buffer.from("e2e-replay-signing-key-0123456789abcdef").toString("base64")}`;

/** The Svix headers of a delivery of `body`, signed as Standard Webhooks specifies (HMAC-SHA256 of `id.timestamp.body`). */
function svixHeaders(body: string) {
  const id = "msg_e2e000000000000000000000000";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(WEBHOOK_SECRET.slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` };
}

describe("recorded Stack Auth webhooks, delivered to verifyWebhook", () => {
  it.each(e2eFixture.webhooks.map((w) => [`${w.source} ${w.event}`, w] as const))(
    "%s verifies to the event sent",
    (_title, recorded) => {
      const raw = JSON.stringify(recorded.body);
      expect(verifyWebhook(raw, svixHeaders(raw), WEBHOOK_SECRET)).toEqual(recorded.body);
    },
  );
});
