#!/usr/bin/env node
// node ../../scripts/stamp-version.mjs, run by a package's build after tsc: writes the version of
// the package's package.json into dist/version.js, so the version a client reports (its User-Agent)
// is always the one published, with no copy of it to keep in step by hand.
import { readFileSync, writeFileSync } from "node:fs";

const { name, version } = JSON.parse(readFileSync("package.json", "utf8"));
if (typeof version !== "string" || !version) throw new Error(`${name}: package.json has no version`);
writeFileSync(
  "dist/version.js",
  `// Written by scripts/stamp-version.mjs from package.json.\nexport const VERSION = ${JSON.stringify(version)};\n`,
);
