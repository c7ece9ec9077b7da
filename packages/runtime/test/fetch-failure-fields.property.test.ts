import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConnectionError, createApiClient } from "../src/index.js";
import { apiKeyAuth, meta, SECRET, type Paths } from "./harness.js";

// An outside review: whatever a fetch rejects with, or a response body fails with, while a call holds credentials is
// copied into the call's ConnectionError and its cause. A custom fetch (a wrapper, a test double, a proxy agent) chooses
// every field of that error, and may write the request's key into its name or code as well as into its message.

type Field = "message" | "name" | "code";
/** Where in the thrown error the key goes: a field of it, or of one of its causes. */
const place = fc.record({
  field: fc.constantFrom<Field>("message", "name", "code"),
  depth: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom("Error", "TypeError", "DOMException"),
  when: fc.constantFrom("sending", "reading the body"),
  around: fc.constantFrom(
    (key: string) => key,
    (key: string) => `x-api-key=${key};`,
  ),
});

type Place = typeof place extends fc.Arbitrary<infer T> ? T : never;

/** An error of `kind` whose cause chain is `depth` deep, with `key` in `field` of its deepest error. */
function thrownWith(key: string, { field, depth, kind }: Place): Error {
  const values: Record<Field, string> = { message: "failed", name: "FetchError", code: "ECONNRESET" };
  let error: Error | undefined;
  for (let level = depth; level >= 0; level--) {
    const own = level === depth ? { ...values, [field]: key } : values;
    const made: Error =
      kind === "DOMException" && level === 0
        ? new DOMException(own.message, own.name)
        : new (kind === "TypeError" ? TypeError : Error)(own.message, error && { cause: error });
    if (!(made instanceof DOMException)) made.name = own.name;
    Object.assign(made, { code: own.code });
    error = made;
  }
  return error!;
}

/** Everything a logger may write of an error: its text, stack, `util.inspect` with hidden fields, JSON and a clone. */
function everythingShown(error: unknown): string {
  const all = { showHidden: true, depth: Infinity, getters: true };
  return [
    String(error),
    (error as Error).stack,
    inspect(error, all),
    JSON.stringify(error),
    inspect(structuredClone(error), all),
  ].join("\n");
}

describe("what a fetch fails with", () => {
  it("never shows the call's key, whichever field of the error or of its causes holds it", async () => {
    await fc.assert(
      fc.asyncProperty(place, async (where) => {
        const fetch = async (_url: string, init: RequestInit) => {
          const key = where.around(new Headers(init.headers).get("x-api-key")!);
          const error = thrownWith(key, where);
          if (where.when === "sending") throw error;
          const body = new ReadableStream({ pull: (controller) => controller.error(error) });
          return new Response(body, { headers: { "content-type": "application/json" } });
        };
        const { client } = createApiClient<Paths>({
          meta,
          baseUrl: "https://api.example.com",
          auth: apiKeyAuth(),
          maxRetries: 0,
          fetch: fetch as unknown as typeof globalThis.fetch,
        });
        const thrown = await client.GET("/items").then(
          () => expect.fail("expected the call to fail"),
          (error: unknown) => error,
        );
        expect(thrown).toBeInstanceOf(ConnectionError);
        const shown = everythingShown(thrown);
        expect(shown).not.toContain(SECRET);
      }),
      { numRuns: 150 },
    );
  });
});
