import { build } from "/work/main/node_modules/.pnpm/esbuild@0.28.2/node_modules/esbuild/lib/main.js";
const entry = process.argv[2];
const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, metafile: true, absWorkingDir: process.cwd() });
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k, v]) => [v.bytesInOutput, k]).sort((a, b) => b[0] - a[0]);
for (const [b, k] of rows) console.log(String(b).padStart(7), k);
const { gzipSync } = await import("node:zlib");
console.log("total", r.outputFiles[0].contents.length, "gzip", gzipSync(r.outputFiles[0].contents, { level: 9 }).length);
