#!/usr/bin/env node
// pnpm bench: measures what each call, byte and build of keyway costs and writes BENCHMARKS.md.
//
//   pnpm bench                      every suite, 11 rounds, writes ../BENCHMARKS.md
//   pnpm bench --rounds 9           more rounds (at least 5)
//   pnpm bench --only memory,bundle some suites only: prints their JSON, writes nothing
//   pnpm bench --render             rewrites BENCHMARKS.md from the last full run (after editing gaps.md)
//   pnpm bench --only heap --merge  some suites only, their results merged into the last full run's, BENCHMARKS.md rewritten
//
// Suites: memory (per-call, in-memory fetch), loopback (per-call, HTTP on 127.0.0.1),
// pagination, bundle, typecheck, generation, heap. Raw results also go to bench/.tmp/results.json
// (bench/.tmp/partial-results.json for --only).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli, UsageError } from "../scripts/lib/cli.mjs";
import { repoRoot } from "../scripts/lib/paths.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { renderReport } from "./lib/report.mjs";
import { measureSuites, SUITES } from "./lib/suites.mjs";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const COMMAND = "npx --yes pnpm@10 install --frozen-lockfile && npx --yes pnpm@10 bench";
const resultsFile = join(benchDir, ".tmp", "results.json");

/** The commit measured, with "+ uncommitted changes" when the work tree differs from it, so a figure names its code. */
function measuredCommit() {
  const git = (/** @type {string[]} */ ...args) =>
    execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? " + uncommitted changes" : ""}`;
}

/** BENCHMARKS.md from a full run's raw results and the current gaps.md. */
function writeReport(results) {
  const report = renderReport({ ...results.run, results, gaps: readFileSync(join(benchDir, "gaps.md"), "utf8") });
  writeFileSync(join(repoRoot, "BENCHMARKS.md"), report);
}

await runCli({
  name: "bench",
  usage: "usage: pnpm bench [--rounds <n>] [--only <suite>,… [--merge]] [--render]",
  options: {
    rounds: { type: "string", default: "11" },
    only: { type: "string" },
    render: { type: "boolean", default: false },
    merge: { type: "boolean", default: false },
  },
  main: async ({ values }) => {
    if (values.render) {
      const last = JSON.parse(readFileSync(resultsFile, "utf8"));
      if (!last.run) throw new Error(`${resultsFile} is not from a full run: run \`pnpm bench\` first`);
      writeReport(last);
      console.error("rewrote BENCHMARKS.md from the last full run");
      return;
    }
    if (values.merge && !values.only) throw new UsageError("--merge goes with --only");
    const rounds = Number(values.rounds);
    if (!Number.isInteger(rounds) || rounds < 5) throw new UsageError("--rounds must be a whole number, 5 or more");
    const only = values.only?.split(",").map((name) => name.trim());
    const unknown = only?.filter((name) => !SUITES.includes(name)) ?? [];
    if (unknown.length)
      throw new UsageError(`unknown suite(s) ${unknown.join(", ")}; choose from ${SUITES.join(", ")}`);
    const started = performance.now();
    const log = (/** @type {string} */ message) =>
      console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
    const results = await measureSuites({ selected: only ?? SUITES, rounds, log });
    mkdirSync(join(benchDir, ".tmp"), { recursive: true });
    if (only && values.merge) {
      // The suites run now replace theirs in the last full run; each says when and how it was measured.
      const last = JSON.parse(readFileSync(resultsFile, "utf8"));
      if (!last.run) throw new Error(`${resultsFile} is not from a full run: run \`pnpm bench\` first`);
      const date = new Date().toISOString().slice(0, 10);
      const command = `${COMMAND} --only ${only.join(",")} --merge`;
      for (const name of only) {
        const key = { bundle: "bundles" }[name] ?? name;
        last[key] = results[key];
        (last.merged ??= {})[key] = { date, command, machine: describeMachine(), commit: measuredCommit() };
      }
      writeFileSync(resultsFile, `${JSON.stringify(last, null, 2)}\n`);
      writeReport(last);
      log(`merged ${only.join(", ")} into the last full run; wrote BENCHMARKS.md`);
      return;
    }
    if (only) {
      // Kept apart, so that `--render` still finds the last full run.
      writeFileSync(join(benchDir, ".tmp", "partial-results.json"), `${JSON.stringify(results, null, 2)}\n`);
      console.log(JSON.stringify(results, null, 2));
      return;
    }
    results.run = {
      machine: describeMachine(),
      date: new Date().toISOString().slice(0, 10),
      commit: measuredCommit(),
      rounds,
      command: COMMAND,
    };
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    writeReport(results);
    log("wrote BENCHMARKS.md");
  },
});
