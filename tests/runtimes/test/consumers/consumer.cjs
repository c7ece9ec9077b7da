// A CommonJS application: loads the built (ESM-only) packages with require(), which Node 20.19+
// and 24 support for ES modules without top-level await.
const { createStackAuthClient } = require("@keyway/stack-auth");
const { createStackerClient, unwrap } = require("@keyway/stacker");
const { smoke } = require("./smoke.mjs");

smoke("cjs", { createStackerClient, createStackAuthClient, unwrap }).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
