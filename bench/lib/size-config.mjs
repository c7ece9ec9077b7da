/**
 * The bundle every size check measures: esbuild (through @size-limit/esbuild) with its
 * minification, as browser ESM, then gzip at level 9 (@size-limit/file).
 */
export const browserEsm = {
  gzip: true,
  modifyEsbuildConfig: (config) => ({ ...config, format: "esm", platform: "browser", target: "es2022" }),
};

/**
 * The bundle-size targets of the benchmarks issue, in gzipped bytes. BENCHMARKS.md reports
 * each against them. They are not what CI enforces (see .size-limit.js): each is missed
 * today, and BENCHMARKS.md's "Gaps and causes" says by how much and why.
 */
export const SIZE_TARGETS = {
  "@keyway/stacker": 5000,
  "@keyway/stack-auth (server client)": 6000,
  "@keyway/header-auth": 2000,
};
