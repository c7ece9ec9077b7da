import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConnectionError } from "../src/index.js";
import { clientAgainst } from "./harness.js";

// A query may carry what no redactor knows (a signed link, a one-time token), and keyway names URLs without it.
// Some runtimes' errors quote the request's URL whole: Bun's `ZlibError fetching "http://host/path?query"`.
const MARKER = "qtok_MARKER_5e2a";

/** The ways a runtime's message may quote a URL. */
const messageQuoting = fc.constantFrom(
  (url: string) =>
    `ZlibError fetching "${url}". For more information, pass \`verbose: true\` in the second argument to fetch()`,
  (url: string) => `request to ${url} failed, reason: socket hang up`,
  (url: string) => `error sending request for url (${url}): connection closed`,
  (url: string) => `${url}`,
);
/** A query (and maybe a fragment) that carries the marker somewhere among other parameters. */
const query = fc
  .tuple(fc.webQueryParameters(), fc.webQueryParameters(), fc.option(fc.webFragments(), { nil: undefined }))
  .map(
    ([before, after, fragment]) => `?${before}&token=${MARKER}&${after}${fragment === undefined ? "" : `#${fragment}`}`,
  );

/** Everything a user or a logger may see of an error. */
function shown(error: unknown): string {
  return `${String(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
}

describe("a runtime error that quotes the request's URL: keyway's error names it without its query or credentials (property-based)", () => {
  it("when fetch fails before a response", async () => {
    let quote: (url: string) => string = String;
    const failingFetch = async (url: string) => {
      throw new TypeError(quote(url));
    };
    const { client } = await clientAgainst(() => {}, { fetch: failingFetch as typeof fetch, maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(messageQuoting, query, async (quoting, search) => {
        quote = quoting;
        const error = await client.GET("/items", { params: { query: { q: search } } }).then(
          () => expect.fail("expected a connection error"),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConnectionError);
        expect(shown(error)).not.toContain(MARKER);
      }),
      { numRuns: 40 },
    );
  });

  it("when the message quotes the URL with a user name and password (as undici refuses one), without them", async () => {
    let credentials = "";
    const failingFetch = async (url: string) => {
      throw new TypeError(
        `Request cannot be constructed from a URL that includes credentials: ${url.replace("://", `://${credentials}@`)}`,
      );
    };
    const { client } = await clientAgainst(() => {}, { fetch: failingFetch as typeof fetch, maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(fc.webSegment(), fc.webSegment(), async (user, password) => {
        // As a URL writes them (undici quotes the parsed URL): an "@" in either is percent-encoded.
        credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}${MARKER}`;
        const error = await client.GET("/items").then(
          () => expect.fail("expected a connection error"),
          (e: unknown) => e as ConnectionError,
        );
        expect(error.message).toMatch(
          /: Request cannot be constructed from a URL that includes credentials: http:\/\/127\.0\.0\.1:\d+\/items$/,
        );
        expect(shown(error)).not.toContain(MARKER);
      }),
      { numRuns: 40 },
    );
  });

  it("when the body cannot be read", async () => {
    let quote: (url: string) => string = String;
    const breakingFetch = async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      const body = new ReadableStream({ start: (controller) => controller.error(new TypeError(quote(url))) });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const { client } = await clientAgainst(
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      { fetch: breakingFetch as typeof fetch },
    );
    await fc.assert(
      fc.asyncProperty(messageQuoting, query, async (quoting, search) => {
        quote = quoting;
        const error = await client.GET("/items", { params: { query: { q: search } } }).then(
          () => expect.fail("expected a connection error"),
          (e: unknown) => e as ConnectionError,
        );
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error.message).toMatch(
          /^GET http:\/\/127\.0\.0\.1:\d+\/items: the response body could not be read \(.+\)$/,
        );
        expect(shown(error)).not.toContain(MARKER);
      }),
      { numRuns: 40 },
    );
  });
});
