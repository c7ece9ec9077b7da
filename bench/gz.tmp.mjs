import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
const esbuild = await import(process.env.ESB);
for (const f of process.argv.slice(2)) {
  const r = await esbuild.transform(readFileSync(f, "utf8"), { minify: true, format: "esm", target: "es2022", loader: "js" });
  console.log(String(r.code.length).padStart(6), String(gzipSync(r.code, { level: 9 }).length).padStart(6), f);
}
