// 5: type-check cost of 30 typed calls (typecheck/calls.ts) with keyway's clients and with
// bare openapi-fetch on the same generated types: `tsc --noEmit --extendedDiagnostics`, with the
// CPU time of each compilation (lib/tsc-cpu.cjs).
import { fileURLToPath } from "node:url";
import { mustRun } from "../../scripts/lib/run.mjs";
import { interleaved } from "../lib/rounds.mjs";
import { pairedRatio, summarize } from "../lib/stats.mjs";

const tscWithCpuTime = fileURLToPath(new URL("../lib/tsc-cpu.cjs", import.meta.url));
const project = (variant) => fileURLToPath(new URL(`../typecheck/tsconfig.${variant}.json`, import.meta.url));
/** keyway's calls may take at most this many times as long to check as bare openapi-fetch's. */
export const TYPECHECK_MAX_RATIO = 1.1;

/** Reads the figures tsc reports with --extendedDiagnostics. */
function parseDiagnostics(output) {
  const figure = (label) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output);
    if (!match) throw new Error(`tsc --extendedDiagnostics (through lib/tsc-cpu.cjs) printed no "${label}"`);
    return Number(match[1]);
  };
  return {
    cpuSeconds: figure("CPU time"),
    totalSeconds: figure("Total time"),
    checkSeconds: figure("Check time"),
    memoryKb: figure("Memory used"),
    files: figure("Files"),
    types: figure("Types"),
    instantiations: figure("Instantiations"),
  };
}

async function checkOnce(variant) {
  const { stdout } = await mustRun(process.execPath, [
    tscWithCpuTime,
    "-p",
    project(variant),
    "--noEmit",
    "--extendedDiagnostics",
  ]);
  return parseDiagnostics(stdout);
}

/**
 * tsc's figures per variant: CPU time of the compilation, tsc's own total and check time (median of
 * `rounds` after a warm-up run), memory, and their ratios. The target is judged on CPU time.
 */
export async function measureTypecheck({ rounds, log }) {
  const variants = ["bare", "keyway"];
  for (const variant of variants) await checkOnce(variant); // warm-up: file cache
  const runs = await interleaved(variants, rounds, checkOnce, { onProgress: (step) => log(`tsc ${step}`) });
  const runsOf = (variant) => /** @type {Awaited<ReturnType<typeof checkOnce>>[]} */ (runs.get(variant));
  const figures = (variant, key) => runsOf(variant).map((run) => run[key]);
  const summary = (variant) => ({
    cpuSeconds: summarize(figures(variant, "cpuSeconds")),
    totalSeconds: summarize(figures(variant, "totalSeconds")),
    checkSeconds: summarize(figures(variant, "checkSeconds")),
    memoryKb: summarize(figures(variant, "memoryKb")),
    files: runsOf(variant)[0]?.files,
    types: runsOf(variant)[0]?.types,
    instantiations: runsOf(variant)[0]?.instantiations,
  });
  return {
    bare: summary("bare"),
    keyway: summary("keyway"),
    cpuRatio: pairedRatio(figures("keyway", "cpuSeconds"), figures("bare", "cpuSeconds")),
    totalRatio: pairedRatio(figures("keyway", "totalSeconds"), figures("bare", "totalSeconds")),
    checkRatio: pairedRatio(figures("keyway", "checkSeconds"), figures("bare", "checkSeconds")),
    memoryRatio: pairedRatio(figures("keyway", "memoryKb"), figures("bare", "memoryKb")),
  };
}
