// node edge-run.mjs <edge-runtime module> <bundle> <base URL>: evaluates the bundled smoke program
// in Vercel's edge-runtime (its own VM with only the edge globals) and prints the report.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [edgeRuntimeModule, bundle, baseUrl] = process.argv.slice(2);
const { EdgeRuntime } = createRequire(import.meta.url)(edgeRuntimeModule);
const runtime = new EdgeRuntime({ initialCode: readFileSync(bundle, "utf8") });
console.log(await runtime.evaluate(`keywaySmoke(${JSON.stringify(baseUrl)}).then((report) => JSON.stringify(report))`));
