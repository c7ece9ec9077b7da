import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createApiClient, InvalidRequestBodyError } from "../src/index.js";
import { apiKeyAuth, meta, type Paths } from "./harness.js";

/** A client whose fetch records what would be sent, and the bodies it sent. */
function recordingClient() {
  const sent: unknown[] = [];
  const fetch = async (_url: string, init: RequestInit) => {
    sent.push(init.body);
    return new Response("{}", { headers: { "content-type": "application/json" } });
  };
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.test",
    auth: apiKeyAuth(),
    fetch: fetch as typeof globalThis.fetch,
  });
  return { client, sent };
}

/** The error a call that creates an item with `body` fails with. */
function failureOf(client: ReturnType<typeof recordingClient>["client"], body: unknown): Promise<unknown> {
  return client.POST("/items", { body }).then(
    () => expect.fail("expected the body to be refused"),
    (error: unknown) => error,
  );
}

const key = fc.string({ maxLength: 6 }).filter((name) => name !== "__proto__");

/** A JSON object, and the keys (names and array indexes) of a place inside it, nested up to four deep. */
const bodyWithPlace = fc.record({
  root: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  keys: fc.tuple(key, fc.array(fc.oneof(key, fc.nat(2)), { maxLength: 3 })).map(([first, rest]) => [first, ...rest]),
});

/** Puts `value` at the place `keys` names in `root`, making the objects and arrays on the way; returns its path. */
function put(root: Record<string, unknown>, keys: (string | number)[], value: unknown): string {
  let holder = root as Record<string | number, unknown>;
  let path = "body";
  keys.forEach((name, index) => {
    path +=
      typeof name === "number"
        ? `[${name}]`
        : /^[A-Za-z_$][\w$]*$/.test(name)
          ? `.${name}`
          : `[${JSON.stringify(name)}]`;
    const next = keys[index + 1];
    holder[name] =
      next === undefined ? value : typeof next === "number" ? Array.from({ length: next + 1 }, () => null) : {};
    holder = holder[name] as Record<string | number, unknown>;
  });
  return path;
}

/** Values JSON.stringify writes as something else, each made anew: `{}`, `{"0":…}` or `null`. */
const RECAST: Record<string, () => unknown> = {
  Map: () => new Map([["plan", "pro"]]),
  Set: () => new Set(["a"]),
  WeakMap: () => new WeakMap(),
  Blob: () => new Blob(["bytes"]),
  File: () => new File(["bytes"], "a.txt"),
  Uint8Array: () => new Uint8Array([1, 2]),
  ArrayBuffer: () => new ArrayBuffer(2),
  DataView: () => new DataView(new ArrayBuffer(2)),
  ReadableStream: () => new ReadableStream(),
  FormData: () => new FormData(),
  URLSearchParams: () => new URLSearchParams("a=1"),
  Headers: () => new Headers({ a: "1" }),
  Promise: () => Promise.resolve(1),
  RegExp: () => /a/,
  NaN: () => Number.NaN,
  Infinity: () => Number.POSITIVE_INFINITY,
  "-Infinity": () => Number.NEGATIVE_INFINITY,
  "invalid Date": () => new Date("31/12/2026"),
};

function recastReason(kind: string): string {
  if (/Infinity|NaN/.test(kind)) return `is ${kind}, which JSON would send as null`;
  if (kind === "invalid Date") return "is an invalid Date, which JSON would send as null";
  const article = /^[AEIO]/.test(kind) ? "an" : "a";
  return `is ${article} ${kind}, which JSON would send as {}${/Array$|View/.test(kind) && kind !== "ArrayBuffer" ? ' or {"0":…}' : ""}`;
}

describe("a request body JSON has no form for: a typed error that names where the value is (property-based)", () => {
  it("a BigInt anywhere in the body", async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      // Large enough that its digits never spell an index of the path the message names.
      fc.asyncProperty(bodyWithPlace, fc.bigInt({ min: 10n ** 20n }), async (generated, value) => {
        const { root, keys } = structuredClone(generated); // fast-check may reuse what it generated: change a copy
        const path = put(root, keys, value);
        const error = await failureOf(client, root);
        expect(error).toBeInstanceOf(InvalidRequestBodyError);
        expect(error).toMatchObject({
          at: path,
          message: `The request body cannot be sent as JSON: ${path} is a BigInt (send it as a string or a number)`,
        });
        expect((error as Error).message).not.toContain(String(value));
      }),
      { numRuns: 200 },
    );
    expect(sent).toEqual([]);
  });

  it("an object that holds one of the objects it is in", async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      fc.asyncProperty(bodyWithPlace, async (generated) => {
        const { root, keys } = structuredClone(generated);
        const path = put(root, keys, {});
        put(root, [...keys, "back"], root);
        const error = await failureOf(client, root);
        expect(error).toMatchObject({
          name: "InvalidRequestBodyError",
          at: `${path}.back`,
          reason: "contains itself",
        });
      }),
      { numRuns: 200 },
    );
    expect(sent).toEqual([]);
  });

  it("a toJSON that throws, kept as the cause", async () => {
    const { client } = recordingClient();
    const thrown = new Error("no form for this");
    const error = await failureOf(client, {
      when: {
        toJSON() {
          throw thrown;
        },
      },
    });
    expect(error).toMatchObject({ at: "body.when", reason: "has a toJSON method that throws", cause: thrown });
  });

  it('a value JSON would write as something else: a Map, a Blob, bytes, NaN… (as {}, {"0":…} or null)', async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      fc.asyncProperty(bodyWithPlace, fc.constantFrom(...Object.keys(RECAST)), async (generated, kind) => {
        const { root, keys } = structuredClone(generated);
        const path = put(root, keys, RECAST[kind]!());
        const error = await failureOf(client, root);
        expect(error).toBeInstanceOf(InvalidRequestBodyError);
        expect(error).toMatchObject({ at: path, reason: recastReason(kind) });
        expect((error as Error).message).toBe(`The request body cannot be sent as JSON: ${path} ${recastReason(kind)}`);
      }),
      { numRuns: 300 },
    );
    expect(sent).toEqual([]);
  });

  it("a function or symbol in a list (JSON writes null) or as the body (JSON writes nothing)", async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      fc.asyncProperty(bodyWithPlace, fc.nat(3), fc.boolean(), async (generated, index, isSymbol) => {
        const { root, keys } = structuredClone(generated);
        const path = put(root, [...keys, index], isSymbol ? Symbol("id") : () => "id");
        const error = await failureOf(client, root);
        const type = isSymbol ? "symbol" : "function";
        expect(error).toBeInstanceOf(InvalidRequestBodyError);
        expect(error).toMatchObject({ at: path, reason: `is a ${type}, which JSON would send as null` });
      }),
      { numRuns: 100 },
    );
    expect(await failureOf(client, () => "id")).toMatchObject({
      at: "body",
      reason: "is a function, which JSON has no text for",
    });
    expect(sent).toEqual([]);
  });

  it("sends any JSON data byte for byte as JSON.stringify writes it: nulls, {}, an object keyed 0, a Date, a class", async () => {
    const { client, sent } = recordingClient();
    class Order {
      constructor(
        readonly id: string,
        readonly total: number,
      ) {}
      label = () => this.id; // a function property is left out, as undefined is
    }
    const data = fc.oneof(
      fc.jsonValue(),
      fc.record({
        empty: fc.constant({}),
        nothing: fc.constant(null),
        byIndex: fc.dictionary(fc.constantFrom("0", "1"), fc.jsonValue({ maxDepth: 1 })),
        when: fc.date({ noInvalidDate: true }),
        order: fc
          .tuple(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }))
          .map(([id, total]) => new Order(id, total)),
        boxed: fc.integer().map((n) => Object(n) as number),
        gone: fc.constant(undefined),
      }),
    );
    await fc.assert(
      fc.asyncProperty(data, async (body) => {
        sent.length = 0;
        await client.POST("/items", { body });
        expect(sent).toEqual([JSON.stringify(body)]);
      }),
      { numRuns: 300 },
    );
  });

  it("sends what JSON.stringify writes: toJSON's value, a BigInt that has a toJSON, no undefined", async () => {
    const { client, sent } = recordingClient();
    const withToJSON = Object.assign(Object(5n) as object, { toJSON: () => "5" });
    await client.POST("/items", { body: { at: new Date(0), count: withToJSON, gone: undefined } });
    expect(sent).toEqual(['{"at":"1970-01-01T00:00:00.000Z","count":"5"}']);
  });
});

describe("a call's own serializer that returns what fetch cannot send is refused, not sent as text", () => {
  it("a bodySerializer returning an object (fetch would send [object Object]) or nothing", async () => {
    const { client, sent } = recordingClient();
    for (const [returned, kind] of [
      [{ a: 1 }, "an object"],
      [undefined, "nothing"],
    ] as const) {
      const error = await client
        .POST("/items", { body: { a: 1 }, bodySerializer: () => returned as never })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({ at: "body" });
      expect((error as Error).message).toContain(`bodySerializer returned: ${kind}`);
    }
    await client.POST("/items", { body: { a: 1 }, bodySerializer: (body) => `custom ${JSON.stringify(body)}` });
    expect(sent).toEqual(['custom {"a":1}']);
  });

  it("a querySerializer returning anything but text", async () => {
    const { client, sent } = recordingClient();
    const error = await client
      .GET("/items", { params: { query: { q: "a" } }, querySerializer: (query) => query as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe("The call's querySerializer must return a string, got an object");
    expect(sent).toEqual([]);
  });
});
