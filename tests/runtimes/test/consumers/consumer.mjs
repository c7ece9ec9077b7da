// An ES module application: loads the built packages with `import`.
import { createStackAuthClient } from "@keyway/stack-auth";
import { createStackerClient, unwrap } from "@keyway/stacker";
import { smoke } from "./smoke.mjs";

await smoke("esm", { createStackerClient, createStackAuthClient, unwrap });
