// What the same smallest use costs without keyway (bare openapi-fetch, the official Stack Auth
// SDK), and keyway's own share of its bundles (openapi-fetch left out). Measured by `pnpm bench`
// only, with the settings of ../../.size-limit.js; no budgets here.
import { browserEsm } from "../../lib/size-config.mjs";

export default [
  { name: "openapi-fetch (bare)", path: "openapi-fetch.js", ...browserEsm },
  { name: "@stackframe/js (StackServerApp)", path: "stackframe-js.js", ...browserEsm },
  { name: "@keyway/stacker without openapi-fetch", path: "../stacker.js", ignore: ["openapi-fetch"], ...browserEsm },
  {
    name: "@keyway/stack-auth (server client) without openapi-fetch",
    path: "../stack-auth-server.js",
    ignore: ["openapi-fetch"],
    ...browserEsm,
  },
];
