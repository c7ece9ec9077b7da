import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { createStackerClient } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTelemetry } from "../src/index.js";
import { exporter, recordedStrings, tracerProvider } from "./setup.js";

const HELLO = "/api/external/hello/";

/** The integration key, which one of the hosts below holds in another case. */
const KEY = "Tenant-KEY-4f9a2c";

/** A host a base URL may name, and the `server.address` it is: lower case, an IDN in punycode, an IPv6 address unbracketed. */
const host = fc.oneof(
  fc.ipV4().map((ip) => ({ written: ip, address: ip })),
  fc.ipV6().map((ip) => ({ written: `[${ip}]`, address: new URL(`https://[${ip}]`).hostname.slice(1, -1) })),
  fc
    .tuple(fc.constantFrom("bücher", "пример", "例え", "MAÑANA", "Api"), fc.constantFrom("example", "EXAMPLE.com"))
    .map(([label, domain]) => ({ written: `${label}.${domain}`, address: domainToASCII(`${label}.${domain}`) })),
  fc.constant({ written: `${KEY.toUpperCase()}.example.com`, address: undefined }),
);

/** A port a base URL may name: none, its scheme's default written out, or any other. */
const port = fc.option(fc.oneof(fc.constant(443), fc.integer({ min: 1, max: 65535 })), { nil: undefined });

/** A user name and password a redirect's target may hold. */
const userinfo = fc.option(fc.constantFrom("u_MARKER:p_MARKER", "u_MARKER", ":p_MARKER", "u%40MARKER:p%3AMARKER"), {
  nil: undefined,
});

const json = () => new Response("{}", { headers: { "content-type": "application/json" } });

describe("server.address and server.port of any base URL and redirect", () => {
  it("are the host (IPv6 without brackets, an IDN in punycode) and port; no span holds a user name or password, no attribute a key in the host", async () => {
    await fc.assert(
      fc.asyncProperty(host, port, userinfo, async ({ written, address }, givenPort, credentials) => {
        exporter.reset();
        const base = `https://${written}${givenPort === undefined ? "" : `:${givenPort}`}/v1`;
        const origin = new URL(base).origin;
        const redirectTo = `https://${credentials === undefined ? "" : `${credentials}@`}${origin.slice("https://".length)}/v1/moved`;
        const stacker = createStackerClient({
          integrationKey: KEY,
          accountId: "acc_8f2d41",
          stackId: "app785vwedw46e3bx8",
          baseUrl: base,
          instrumentation: openTelemetry({ tracerProvider }),
          fetch: async (url) =>
            String(url).endsWith("/moved")
              ? json()
              : new Response(null, { status: 307, headers: { location: redirectTo } }),
        });
        await stacker.GET(HELLO).catch(() => undefined);
        // A call that fails before it is sent has its span too, named by the client's base URL.
        await expect(stacker.GET(HELLO, { signal: AbortSignal.abort() })).rejects.toThrow();

        const spans = exporter.getFinishedSpans();
        expect(spans.length).toBeGreaterThanOrEqual(3);
        const expectedPort = givenPort ?? 443;
        for (const span of spans) {
          const { attributes } = span;
          expect(attributes["server.port"]).toBe(expectedPort);
          const shown = String(attributes["server.address"]);
          if (address === undefined) expect(shown).toBe("[REDACTED].example.com");
          else {
            expect(shown).toBe(address);
            if (written.startsWith("[")) expect(isIP(shown)).toBe(6);
          }
          for (const text of recordedStrings(span)) expect(text).not.toMatch(/MARKER/);
          // The name and attributes; an error's message is the runtime's, which names the host as it parsed it.
          for (const text of [span.name, ...Object.values(attributes).flat().map(String)])
            expect(text.toLowerCase()).not.toContain(KEY.toLowerCase());
        }
      }),
      { numRuns: 150 },
    );
  });
});
