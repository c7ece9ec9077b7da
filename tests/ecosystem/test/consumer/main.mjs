// The smoke program's entry on Node, Bun and Deno: `<runtime> main.mjs <base URL>`.
import { smoke } from "./smoke.js";

const baseUrl = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
console.log(JSON.stringify(await smoke(baseUrl)));
