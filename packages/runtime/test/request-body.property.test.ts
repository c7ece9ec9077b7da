import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApiClient, InvalidRequestBodyError } from "../src/index.js";
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

  it("sends what JSON.stringify writes: toJSON's value, a BigInt that has a toJSON, no undefined", async () => {
    const { client, sent } = recordingClient();
    const withToJSON = Object.assign(Object(5n) as object, { toJSON: () => "5" });
    await client.POST("/items", { body: { at: new Date(0), count: withToJSON, gone: undefined } });
    expect(sent).toEqual(['{"at":"1970-01-01T00:00:00.000Z","count":"5"}']);
  });
});
