import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStackerClient } from "../src/index.js";
import { createStackerFake } from "../src/testing.js";

const RECORD = "GET /api/external/objects/{object_sid}/records/{record_sid}/";
const visibleAscii = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 8,
});
// Any text the client accepts as one path segment ("", "." and ".." it refuses).
const segment = fc.string({ unit: "grapheme", minLength: 1 }).filter((value) => value !== "." && value !== "..");

describe("createStackerFake (property-based)", () => {
  it("hands handlers and the call record each path parameter exactly as the app passed it", async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, async (objectSid, recordSid) => {
        const fake = createStackerFake();
        const stacker = createStackerClient({
          integrationKey: "test-key",
          accountId: "a",
          stackId: "s",
          fetch: fake.fetch,
          maxRetries: 0,
        });
        fake.on(RECORD, ({ params }) => ({ _sid: params.path.record_sid }));
        const { data } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
          params: { path: { object_sid: objectSid, record_sid: recordSid } },
        });
        expect(data).toEqual({ _sid: recordSid });
        expect(fake.calls(RECORD)[0]?.params.path).toEqual({ object_sid: objectSid, record_sid: recordSid });
        fake.verify();
      }),
      { numRuns: 50 },
    );
  });

  it("never repeats a credential's value in a violation, whatever the value", async () => {
    await fc.assert(
      fc.asyncProperty(visibleAscii, visibleAscii, async (key, stackId) => {
        const fake = createStackerFake();
        // /hello/ takes only the integration key: the stack id is one header too many.
        await fake.fetch("https://api.go.stackerhq.com/api/external/hello/", {
          headers: { "X-Integration-Key": key, "X-Stack-Id": stackId },
        });
        expect(fake.violations).toHaveLength(1);
        expect(() => fake.verify()).toThrow(/X-Stack-Id/);
        for (const secret of [key, stackId]) expect(fake.violations[0]).not.toContain(secret);
      }),
      { numRuns: 100 },
    );
  });
});
