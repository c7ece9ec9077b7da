import { describe, expect, it } from "vitest";
import { createFakeApi, type OperationData } from "../src/testing/index.js";
import { specDataOf } from "./testing-one-operation.js";

// An operation whose spec declares no success (an OAuth `authorize` answers only a redirect or an error) has no answer
// the fake may make up: it must not answer a 200 the spec never declares, and says what the test should do instead.

type Paths = Record<string, never>;
const redirectOnly: OperationData = {
  id: "authorize",
  security: [],
  parameters: [],
  responses: { "302": {}, "400": { contentType: "application/json", schema: { type: "object" } } },
};
const spec = specDataOf({
  "GET /authorize": redirectOnly,
  "GET /ranged": { ...redirectOnly, id: "ranged", responses: { "2XX": {}, "400": {} } },
  "GET /fallback": { ...redirectOnly, id: "fallback", responses: { default: {} } },
});
const url = (path: string) => `https://api.example.test${path}`;

describe("fake API: an operation that declares no success", () => {
  it("is answered a violation naming what it declares, not an undeclared 200", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Auth" });
    const response = await fake.fetch(url("/authorize"));
    expect(response.status).toBe(400);
    const message =
      "GET /authorize: the spec declares no success for this operation (it declares 302, 400), so the fake has no default answer: answer it in the test (on() with reply(status), or fail())";
    expect(await response.json()).toEqual({ error: `Auth fake: ${message}` });
    expect(fake.violations).toEqual([message]);
    expect(() => fake.verify()).toThrow(message);
  });

  it("answers what the test gives it: a declared redirect, or a declared error", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Auth" });
    fake.on(
      "GET /authorize" as never,
      (({ reply }: { reply: (status: number, body: unknown) => unknown }) => reply(302, undefined)) as never,
    );
    expect((await fake.fetch(url("/authorize"), { redirect: "manual" })).status).toBe(302);
    fake.fail("GET /authorize" as never, 400 as never, {} as never);
    expect((await fake.fetch(url("/authorize"))).status).toBe(400);
    expect(fake.violations).toEqual([]);
  });

  it("still answers 200 where a 2XX range or a default response covers it", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Auth" });
    expect((await fake.fetch(url("/ranged"))).status).toBe(200);
    expect((await fake.fetch(url("/fallback"))).status).toBe(200);
    expect(fake.violations).toEqual([]);
  });
});
