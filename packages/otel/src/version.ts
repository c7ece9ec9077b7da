// This package's version. From source it is a development marker; the build writes the version of
// package.json (which changesets bump) into dist/version.js (scripts/stamp-version.mjs).
export const VERSION: string = "0.0.0-dev";
