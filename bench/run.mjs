#!/usr/bin/env node
// pnpm bench: measures what each call, byte and build of keyway costs and writes BENCHMARKS.md.
//
//   pnpm bench                      every suite, 11 rounds, writes ../BENCHMARKS.md
//   pnpm bench --rounds 9           more rounds (at least 5)
//   pnpm bench --only memory,bundle some suites only: prints their JSON, writes nothing
//   pnpm bench --render             rewrites BENCHMARKS.md from the last full run (after editing gaps.md)
//
// Suites: memory (per-call, in-memory fetch), loopback (per-call, HTTP on 127.0.0.1),
// pagination, bundle, typecheck, generation. Raw results also go to bench/.tmp/results.json
// (bench/.tmp/partial-results.json for --only).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { repoRoot } from "../scripts/lib/paths.mjs";
import { mustRun } from "../scripts/lib/run.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { renderReport } from "./lib/report.mjs";
import { measureBundles } from "./suites/bundle.mjs";
import { measureCalls } from "./suites/calls.mjs";
import { measureGeneration } from "./suites/generation.mjs";
import { measurePagination, PAGINATION_MAX_OVERHEAD } from "./suites/pagination.mjs";
import { measureTypecheck, TYPECHECK_MAX_RATIO } from "./suites/typecheck.mjs";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const SUITES = ["memory", "loopback", "pagination", "bundle", "typecheck", "generation"];
const COMMAND = "npx --yes pnpm@10 install --frozen-lockfile && npx --yes pnpm@10 bench";
const CALL_TIME_MS = 1000;
const PAGINATION_ITERATIONS = 5;

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "11" },
    only: { type: "string" },
    render: { type: "boolean", default: false },
  },
});
const resultsFile = join(benchDir, ".tmp", "results.json");

/** BENCHMARKS.md from a full run's raw results and the current gaps.md. */
function writeReport(results) {
  const report = renderReport({ ...results.run, results, gaps: readFileSync(join(benchDir, "gaps.md"), "utf8") });
  writeFileSync(join(repoRoot, "BENCHMARKS.md"), report);
}

if (args.render) {
  const last = JSON.parse(readFileSync(resultsFile, "utf8"));
  if (!last.run) throw new Error(`${resultsFile} is not from a full run: run \`pnpm bench\` first`);
  writeReport(last);
  console.error("rewrote BENCHMARKS.md from the last full run");
  process.exit(0);
}
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 5) throw new Error("--rounds must be a whole number, 5 or more");
const only = args.only?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !SUITES.includes(name)) ?? [];
if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(", ")}; choose from ${SUITES.join(", ")}`);
const selected = only ?? SUITES;

const started = performance.now();
const log = (message) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

log("building the packages (turbo run build)");
// turbo keeps the parent pnpm's environment: it finds the package manager through it.
await mustRun(join(repoRoot, "node_modules", ".bin", "turbo"), ["run", "build", "--output-logs=errors-only"], {
  cwd: repoRoot,
  env: process.env,
});

const suites = {
  memory: () => measureCalls({ mode: "memory", rounds, timeMs: CALL_TIME_MS, log: (step) => log(`in-memory ${step}`) }),
  loopback: () =>
    measureCalls({ mode: "loopback", rounds, timeMs: CALL_TIME_MS, log: (step) => log(`loopback ${step}`) }),
  pagination: () => measurePagination({ rounds, iterations: PAGINATION_ITERATIONS, log }),
  bundle: () => measureBundles(),
  typecheck: () => measureTypecheck({ rounds, log }),
  generation: () => measureGeneration({ rounds, log }),
};
const results = {
  callTimeMs: CALL_TIME_MS,
  paginationIterations: PAGINATION_ITERATIONS,
  paginationMaxOverhead: PAGINATION_MAX_OVERHEAD,
  typecheckMaxRatio: TYPECHECK_MAX_RATIO,
};
for (const name of selected) {
  log(`suite ${name}`);
  results[{ bundle: "bundles" }[name] ?? name] = await suites[name]();
}

mkdirSync(join(benchDir, ".tmp"), { recursive: true });
if (only) {
  // Kept apart, so that `--render` still finds the last full run.
  writeFileSync(join(benchDir, ".tmp", "partial-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
} else {
  results.run = { machine: describeMachine(), date: new Date().toISOString().slice(0, 10), rounds, command: COMMAND };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  writeReport(results);
  log("wrote BENCHMARKS.md");
}
