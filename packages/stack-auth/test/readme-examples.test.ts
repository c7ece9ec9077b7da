import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";

// The README's testing example is test/readme/ verbatim, so the suite runs exactly what users read.
const dir = new URL("./readme/", import.meta.url);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

it.each(readdirSync(dir))("the README shows test/readme/%s verbatim", (file) => {
  expect(readme).toContain("```ts\n" + readFileSync(new URL(file, dir), "utf8") + "```\n");
});
