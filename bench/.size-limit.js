// Size budgets of the smallest real use of each package (size/*.js): bundled by esbuild,
// minified, browser ESM, gzipped. Enforced in CI by test/size-budgets.test.ts; `pnpm size` prints them.
import { browserEsm } from "./lib/size-config.mjs";

export default [
  { name: "@keyway/stacker", path: "size/stacker.js", limit: "5 kB", ...browserEsm },
  { name: "@keyway/stack-auth (server client)", path: "size/stack-auth-server.js", limit: "6 kB", ...browserEsm },
  // openapi-fetch is header-auth's peer dependency: the application already bundles it.
  { name: "@keyway/header-auth", path: "size/header-auth.js", limit: "2 kB", ignore: ["openapi-fetch"], ...browserEsm },
];
