import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createStackAuthFake, FakeApiError } from "../src/testing.js";

// The README's afterEach, run as users copy it: a test whose code broke the spec must not fail the tests after it.
const example = readFileSync(new URL("./readme/account.test.ts", import.meta.url), "utf8");
const afterEachBody = /^afterEach\((\(\) => \{\n[\s\S]*?\n\})\);$/m.exec(example)?.[1];

it("the README's afterEach resets the fake even when verify() throws", async () => {
  expect(afterEachBody).toBeDefined();
  const runAfterEach = new Function("fake", `(${afterEachBody})();`) as (fake: unknown) => void;
  const fake = createStackAuthFake();
  await fake.fetch("https://api.stack-auth.com/api/v1/no-such-path");
  expect(() => runAfterEach(fake)).toThrow(FakeApiError);
  expect(fake.violations).toEqual([]);
  expect(() => runAfterEach(fake)).not.toThrow();
});
