/**
 * The bundle every size check measures: esbuild (through @size-limit/esbuild) with its
 * minification, as browser ESM, then gzip at level 9 (@size-limit/file).
 */
export const browserEsm = {
  gzip: true,
  modifyEsbuildConfig: (config) => ({ ...config, format: "esm", platform: "browser", target: "es2022" }),
};
