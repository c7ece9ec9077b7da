// 4: bundle size of the smallest real use of each package, against bare openapi-fetch and
// the official Stack Auth SDK (size-limit: esbuild, minified, browser ESM, gzip).
import { BUDGETS_CONFIG, COMPARISON_CONFIG, measureSizes } from "../lib/size.mjs";

/** Every entry of both size-limit configs, by name. */
export async function measureBundles() {
  const [budgets, comparisons] = await Promise.all([measureSizes(BUDGETS_CONFIG), measureSizes(COMPARISON_CONFIG)]);
  return { budgets, comparisons };
}
