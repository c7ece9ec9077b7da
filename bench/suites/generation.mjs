// 6: the build pipeline: lint + generate every spec, and a turbo `build` that is all cache hits.
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/paths.mjs";
import { mustRun } from "../../scripts/lib/run.mjs";
import { summarize } from "../lib/stats.mjs";

const generateScript = join(repoRoot, "scripts", "generate.mjs");
const turbo = join(repoRoot, "node_modules", ".bin", "turbo");

/** Wall time of `node scripts/generate.mjs` (Redocly lint, openapi-typescript, metadata for every spec). */
async function generateOnce() {
  return (await mustRun(process.execPath, [generateScript], { cwd: repoRoot })).ms;
}

/** Wall time of `turbo run build`, failing unless every task was a cache hit. */
async function cachedBuildOnce() {
  const { ms, stdout } = await mustRun(turbo, ["run", "build", "--output-logs=none"], {
    cwd: repoRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(stdout);
  if (!cached || cached[1] !== cached[2]) throw new Error(`turbo build was not all cache hits:\n${stdout}`);
  return { ms, tasks: Number(cached[2]) };
}

/** Median wall times after a warm-up generation (run.mjs has built the packages before any suite). */
export async function measureGeneration({ rounds, log }) {
  const generate = [];
  const build = [];
  await generateOnce();
  let tasks = 0;
  for (let round = 0; round < rounds; round++) {
    generate.push(await generateOnce());
    const cached = await cachedBuildOnce();
    build.push(cached.ms);
    tasks = cached.tasks;
    log(`generation round ${round + 1}/${rounds}`);
  }
  return { generateMs: summarize(generate), cachedBuildMs: summarize(build), buildTasks: tasks };
}
