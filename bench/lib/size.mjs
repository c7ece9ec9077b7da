import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { capture } from "../../scripts/lib/run.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const sizeLimitBin = join(dirname(createRequire(import.meta.url).resolve("size-limit/package.json")), "bin.js");

/** The budgets CI enforces (bench/.size-limit.js). */
export const BUDGETS_CONFIG = join(benchDir, ".size-limit.js");
/** The comparisons `pnpm bench` adds: bare openapi-fetch and the official Stack Auth SDK. */
export const COMPARISON_CONFIG = join(benchDir, "size", "compare", ".size-limit.js");

/**
 * Runs size-limit on a config and returns what it measured for each entry: gzipped bytes,
 * and the budget in bytes with whether it was met, when the entry has one. An entry that
 * cannot be bundled comes back with `error` (size-limit's message) instead of a size.
 */
export async function measureSizes(configPath = BUDGETS_CONFIG) {
  const { stdout, stderr } = await capture(process.execPath, [sizeLimitBin, "--json", "--config", configPath], {
    cwd: benchDir,
  });
  let results;
  try {
    results = JSON.parse(stdout);
  } catch {
    throw new Error(`size-limit gave no JSON for ${configPath}:\n${stdout}\n${stderr}`);
  }
  if (!Array.isArray(results)) return [{ name: configPath, error: results.error ?? stdout }];
  return results.map(({ name, size, sizeLimit, passed }) => ({ name, size, sizeLimit, passed }));
}
