import type { RecordedRequest } from "@keyway/test-server";
import { KeywayError, RedirectError } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTEGRATION_KEY, STACKER_CREDENTIAL_HEADERS, server, shown, stackerAt } from "./network.js";

const CREATE_PATH = "/api/external/objects/{object_sid}/records/";
const OBJECT = "object.custom.orders";
const BODY = { orders__number: 42, orders__note: "ünïcode body" };

/** Where a redirect leads: the API's origin (a relative Location: the origin of the hop that sent it), or another. */
type Where =
  | "same, relative"
  | "same, absolute"
  | "same, protocol-relative"
  | "allowed"
  | "allowed, protocol-relative"
  | "refused";

/** One redirect of a chain: its status, where it leads, and whether it carries a body of its own. */
interface Redirect {
  readonly status: 301 | 302 | 303 | 307 | 308;
  readonly where: Where;
  readonly withBody: boolean;
}

const redirect: fc.Arbitrary<Redirect> = fc.record({
  status: fc.constantFrom(301, 302, 303, 307, 308),
  where: fc.constantFrom<Where>(
    "same, relative",
    "same, absolute",
    "same, protocol-relative",
    "allowed",
    "allowed, protocol-relative",
    "refused",
  ),
  withBody: fc.boolean(),
});

describe("redirect chains drawn at random (property)", () => {
  it("follow fetch's method and body rules hop after hop, keep every credential at the API's origin once it is left, and end with a RedirectError where they must", async () => {
    let chain: readonly Redirect[] = [];
    const origins: Record<string, string> = {};
    /** Hop n (`/hop/n`, or the call's own path for the first) answers chain[n], or 201 past the chain. */
    const hop = (req: RecordedRequest, res: import("node:http").ServerResponse) => {
      const n = req.url.startsWith("/hop/") ? Number(req.url.split("/")[2]) : 0;
      const next = chain[n];
      if (!next) return res.writeHead(201, { "content-type": "application/json" }).end('{"_sid":"rec1"}');
      const path = `/hop/${n + 1}`;
      const location = {
        "same, relative": path,
        "same, absolute": `${origins.api}${path}`,
        "same, protocol-relative": `${origins.api!.replace("http:", "")}${path}`,
        allowed: `${origins.allowed}${path}`,
        "allowed, protocol-relative": `${origins.allowed!.replace("http:", "")}${path}`,
        refused: `${origins.refused}${path}`,
      }[next.where];
      const body = next.withBody ? "<html>Moved</html>" : "";
      res.writeHead(next.status, { location, "content-type": "text/html", "content-length": String(body.length) });
      res.end(body);
    };
    const api = await server(hop);
    const allowed = await server(hop);
    const refused = await server(hop);
    Object.assign(origins, { api: api.url, allowed: allowed.url, refused: refused.url });
    const stacker = stackerAt(api.url, { allowedRedirectOrigins: [allowed.url], maxRetries: 2 });

    await fc.assert(
      fc.asyncProperty(fc.array(redirect, { maxLength: 7 }), async (drawn) => {
        chain = drawn;
        for (const s of [api, allowed, refused]) s.requests.length = 0;
        const result = await stacker
          .POST(CREATE_PATH, { params: { path: { object_sid: OBJECT } }, body: BODY as never })
          .then(
            (r) => ({ status: r.response.status, error: undefined as unknown }),
            (error: unknown) => ({ status: undefined, error }),
          );

        // The model: each hop's method and body, as fetch's rules make them; where a chain must stop.
        let method = "POST";
        let left = false;
        let current: "api" | "allowed" = "api";
        const expectedHops: { origin: "api" | "allowed"; method: string; credentials: boolean }[] = [
          { origin: "api", method, credentials: true },
        ];
        let ends: "answer" | "refused" | "too many" = "answer";
        for (const [i, { status, where }] of drawn.entries()) {
          if (i >= 5) {
            ends = "too many";
            break;
          }
          if (where === "refused") {
            ends = "refused";
            break;
          }
          if (status === 303 || ((status === 301 || status === 302) && method === "POST")) method = "GET";
          // A relative Location stays at the origin of the hop that sent it, which may be the allowed one.
          const origin: "api" | "allowed" = where.startsWith("allowed")
            ? "allowed"
            : where === "same, relative"
              ? current
              : "api";
          current = origin;
          left ||= origin === "allowed";
          expectedHops.push({ origin, method, credentials: !left });
        }

        const all = [
          ...api.requests.map((r) => ({ r, origin: "api" })),
          ...allowed.requests.map((r) => ({ r, origin: "allowed" })),
        ]
          .map(({ r, origin }) => ({ r, origin, n: r.url.startsWith("/hop/") ? Number(r.url.split("/")[2]) : 0 }))
          .sort((a, b) => a.n - b.n);
        expect(refused.requests).toEqual([]);
        expect(
          all.map(({ origin, r }) => ({
            origin,
            method: r.method,
            credentials: STACKER_CREDENTIAL_HEADERS.some((h) => h in r.headers),
          })),
        ).toEqual(expectedHops);
        for (const { r } of all) expect(r.body.toString()).toBe(r.method === "POST" ? JSON.stringify(BODY) : "");
        if (ends === "answer") expect(result.status).toBe(201);
        else {
          expect(result.error).toBeInstanceOf(RedirectError);
          expect(String(result.error)).toContain(ends === "refused" ? "another origin" : "more than 5 redirects");
        }
        if (result.error !== undefined) expect(result.error).toBeInstanceOf(KeywayError);
        expect(shown(result.error)).not.toContain(INTEGRATION_KEY);
      }),
      { numRuns: 150, seed: 5050 },
    );
  }, 60_000);
});
