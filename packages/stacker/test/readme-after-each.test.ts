import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createStackerFake, FakeApiError } from "../src/testing.js";

// The README's afterEach, run as users copy it: a test whose code broke the spec must not fail the tests after it.
const example = readFileSync(new URL("./readme/orders.test.ts", import.meta.url), "utf8");
const afterEachBody = /^afterEach\((\(\) => \{\n[\s\S]*?\n\})\);$/m.exec(example)?.[1];

it("the README's afterEach resets the fake even when verify() throws", async () => {
  expect(afterEachBody).toBeDefined();
  const runAfterEach = new Function("fake", `(${afterEachBody})();`) as (fake: unknown) => void;
  const fake = createStackerFake();
  await fake.fetch("https://api.stacker.app/no-such-path");
  expect(() => runAfterEach(fake)).toThrow(FakeApiError);
  expect(fake.violations).toEqual([]);
  expect(() => runAfterEach(fake)).not.toThrow();
});
