import { Redactor } from "@keyway/runtime";
import { createStackAuthServerClient, listAllUsers, unwrap as unwrapStackAuth } from "@keyway/stack-auth";
import { createStackerClient } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { redactedUrl } from "../src/attributes.js";
import { scrubberOf } from "../src/scrub.js";
import { exportedText, exporter, recordedStrings, serverWith, tracerProvider } from "./setup.js";
import {
  ACCESS_TOKEN,
  NEW_ACCESS_TOKEN,
  PROJECT_ID,
  PUBLISHABLE_KEY,
  REFRESH_TOKEN,
  SECRET_SERVER_KEY,
  expiringSession,
  userPages,
} from "./fixtures.js";

const INTEGRATION_KEY = "sk_MARKER_integration_5be0c1";
const SECRETS = [INTEGRATION_KEY, PUBLISHABLE_KEY, SECRET_SERVER_KEY, ACCESS_TOKEN, NEW_ACCESS_TOKEN, REFRESH_TOKEN];
const instrumentation = openTelemetry({ tracerProvider, propagateContext: true });

/** Settles a call whatever it does: these tests look only at what the spans recorded. */
const settled = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    () => undefined,
  );

/** `url.full` of `url` for a client whose secrets `redactor` knows. */
function urlFull(url: URL, redactor: Redactor): string {
  return redactedUrl(url, scrubberOf(redactor), [], (host) => redactor.redactName(host));
}

describe("no secret in any span", () => {
  it("across successes, failures echoing secrets, retries, timeouts, cut connections, aborts, refreshes and paging", async () => {
    let step = 0;
    const echo = { "x-echo": INTEGRATION_KEY };
    const stackerServer = await serverWith((req, res, raw) => {
      const url = req.url;
      if (url.includes("/hello/")) return sendJson(res, 200, { key: INTEGRATION_KEY }, echo);
      if (url.includes("/accounts/")) return sendJson(res, 404, { detail: `unknown key ${INTEGRATION_KEY}` }, echo);
      if (url.includes("/stacks/"))
        return step++ === 0
          ? sendJson(res, 503, { detail: INTEGRATION_KEY }, { "retry-after-ms": "1", ...echo })
          : sendJson(res, 200, []);
      if (url.includes("/objects/slow")) return new Promise(() => {});
      if (url.includes("/objects/cut")) return raw.socket.destroy();
      return sendJson(res, 400, { detail: `bad ${req.headers["x-integration-key"]}` });
    });
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: "acc_8f2d41",
      stackId: "app785vwedw46e3bx8",
      baseUrl: stackerServer.url,
      maxRetries: 1,
      instrumentation,
    });
    const controller = new AbortController();
    controller.abort(new Error(`aborted while holding ${INTEGRATION_KEY}`));
    await Promise.all([
      settled(stacker.GET("/api/external/hello/")),
      settled(stacker.GET("/api/external/accounts/")),
      settled(stacker.GET("/api/external/stacks/")),
      settled(
        stacker
          .withOptions({ timeout: 50 })
          .GET("/api/external/objects/{object_sid}/fields/", { params: { path: { object_sid: "slow" } } }),
      ),
      settled(stacker.GET("/api/external/objects/{object_sid}/fields/", { params: { path: { object_sid: "cut" } } })),
      settled(
        stacker.GET("/api/external/objects/{object_sid}/fields/", {
          params: { path: { object_sid: INTEGRATION_KEY } },
        }),
      ),
      settled(stacker.GET("/api/external/hello/", { signal: controller.signal })),
    ]);

    const { stack } = await expiringSession(2, instrumentation);
    await Promise.all([
      settled(unwrapStackAuth(stack.GET("/users/me"))),
      settled(unwrapStackAuth(stack.GET("/users/me"))),
    ]);

    const pagesServer = await userPages(["a", "b", "c"]);
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      baseUrl: pagesServer.url,
      instrumentation,
    });
    for await (const _user of listAllUsers(admin, { limit: 2 }));

    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(20);
    const messages = spans.flatMap((span) => span.events.map((event) => event.attributes?.["exception.message"]));
    expect(messages.some((message) => String(message).includes("answered 404"))).toBe(true);
    for (const span of spans) {
      const text = exportedText(span);
      for (const secret of SECRETS) expect(text, `span "${span.name}"`).not.toContain(secret);
    }
  });

  it("for any secret: not in any span, raw or percent-encoded, whatever stage echoes it", async () => {
    // The server echoes the integration key it receives in bodies, headers and invalid JSON.
    const server = await serverWith((req, res) => {
      const key = String(req.headers["x-integration-key"]);
      if (req.url.includes("/hello/")) return sendJson(res, 200, { key }, { "x-echo": key });
      if (req.url.includes("/accounts/"))
        return sendJson(res, 404, { detail: `unknown key ${key}` }, { "x-echo": key });
      if (req.url.includes("/stacks/")) return sendJson(res, 503, { detail: key }, { "retry-after-ms": "1" });
      if (req.url.includes("/not-json/")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(`{"key": "${key}`);
      }
      sendJson(res, 400, { detail: `bad ${key} for ${req.url}` });
    });
    // Header values as HTTP allows them (RFC 9110: visible ASCII, inner spaces, Latin-1), as long as real keys.
    const characters = [..." !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~azAZ09\u00a0\u00e9\u00ff"];
    const secrets = fc
      .string({ unit: fc.constantFrom(...characters), minLength: 12, maxLength: 40 })
      .filter((secret) => secret.trim() === secret);
    const fields = (object_sid: string) => ({ params: { path: { object_sid } } });

    await fc.assert(
      fc.asyncProperty(secrets, async (secret) => {
        exporter.reset();
        const options = { integrationKey: secret, stackId: "app785vwedw46e3bx8", baseUrl: server.url, instrumentation };
        const stacker = createStackerClient({ ...options, accountId: "acc_8f2d41", maxRetries: 1 });
        const failingProvider = createStackerClient({
          ...options,
          accountId: () => {
            throw new Error(`no account for ${secret}`);
          },
        });
        const aborted = new AbortController();
        aborted.abort(new Error(`stopped with ${secret}`));
        await Promise.all([
          settled(stacker.GET("/api/external/hello/")),
          settled(stacker.GET("/api/external/accounts/")),
          settled(stacker.GET("/api/external/stacks/")),
          settled(stacker.GET("/api/external/objects/{object_sid}/fields/", fields(secret))),
          settled(stacker.GET("/api/external/objects/{object_sid}/fields/", fields("not-json"))),
          settled(
            stacker.GET("/api/external/objects/{object_sid}/fields/", {
              ...fields("orders"),
              querySerializer: () => `token=${encodeURIComponent(secret)}&${new URLSearchParams({ [secret]: secret })}`,
            } as never),
          ),
          settled(
            stacker.GET("/api/external/objects/{object_sid}/fields/", {
              ...fields("orders"),
              headers: { "X-Note": `${secret}\n` },
            }),
          ),
          settled(failingProvider.GET("/api/external/objects/{object_sid}/fields/", fields("orders"))),
          settled(stacker.GET("/api/external/hello/", { signal: aborted.signal })),
        ]);

        const spans = exporter.getFinishedSpans();
        expect(spans.filter((span) => span.attributes["error.type"]).length).toBeGreaterThanOrEqual(7);
        const formEncoded = new URLSearchParams({ [secret]: "" }).toString().slice(0, -1);
        const forms = new Set([secret, encodeURIComponent(secret), encodeURI(secret), formEncoded]);
        for (const span of spans)
          for (const text of recordedStrings(span))
            for (const form of forms) expect(text, `span "${span.name}"`).not.toContain(form);
      }),
      { numRuns: 25 },
    );
  });

  it("url.full keeps every query key and no query value, and gives none where there was none", () => {
    const redactor = new Redactor([]);
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (query) => {
        const url = new URL("https://api.example.com/users");
        for (const [key, value] of Object.entries(query)) url.searchParams.append(key, value);
        const recorded = new URL(urlFull(url, redactor));
        expect([...recorded.searchParams.keys()]).toEqual(Object.keys(query));
        expect([...recorded.searchParams.values()]).toEqual(
          Object.values(query).map((value) => (value === "" ? "" : "REDACTED")),
        );
      }),
    );
    const flags = urlFull(new URL("https://api.example.com/users?verbose&q=&limit=5"), redactor);
    expect(flags).toBe("https://api.example.com/users?verbose&q=&limit=REDACTED");
  });

  it("url.full never carries a user name or password", () => {
    const recorded = urlFull(new URL("https://ada:hunter22@api.example.com/users#frag"), new Redactor([]));
    expect(recorded).toBe("https://REDACTED:REDACTED@api.example.com/users");
  });
});

describe("a base URL whose path holds a secret the client knows (a gateway's key in it)", () => {
  it("names its spans and url.template with that segment REDACTED, on a success and a failure", async () => {
    const server = await serverWith((req, res) =>
      req.url.endsWith("/missing/") ? sendJson(res, 404, { detail: "no" }) : sendJson(res, 200, { _sid: "rec1" }),
    );
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: "acc_8f2d41",
      stackId: "app785vwedw46e3bx8",
      baseUrl: `${server.url}/gw/${INTEGRATION_KEY}`,
      instrumentation,
    });
    const template = "/api/external/objects/{object_sid}/records/{record_sid}/";
    await stacker.GET(template, { params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } } });
    await stacker.GET(template, { params: { path: { object_sid: "object.custom.orders", record_sid: "missing" } } });

    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toContain(`GET /gw/REDACTED${template}`);
    for (const span of spans) {
      expect(exportedText(span)).not.toContain(INTEGRATION_KEY);
      expect(span.attributes["url.template"]).toBe(`/gw/REDACTED${template}`);
    }
  });
});
