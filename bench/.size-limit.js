// Size ceilings of the smallest real use of each package (size/*.js): bundled by esbuild,
// minified, browser ESM, gzipped. Enforced in CI by test/size-budgets.test.ts; `pnpm size` prints them.
//
// Each ceiling is today's size plus about 3 %, so any growth fails CI and has to be argued
// for in the commit that raises it. The smaller targets of the benchmarks issue are in
// lib/size-config.mjs (SIZE_TARGETS); BENCHMARKS.md reports both.
import { browserEsm } from "./lib/size-config.mjs";

export default [
  { name: "@keyway/stacker", path: "size/stacker.js", limit: "9.45 kB", ...browserEsm },
  { name: "@keyway/stack-auth (server client)", path: "size/stack-auth-server.js", limit: "11.05 kB", ...browserEsm },
  // openapi-fetch is header-auth's peer dependency: the application already bundles it.
  { name: "@keyway/header-auth", path: "size/header-auth.js", limit: "2.8 kB", ignore: ["openapi-fetch"], ...browserEsm },
];
