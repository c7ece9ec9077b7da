// The clients of calls.ts as bare openapi-fetch, on the very files of generated types keyway's
// packages ship (imported by path, so none of keyway's own declarations are loaded).
import createClient from "openapi-fetch";
import type { paths as StackAuthServerPaths } from "../../packages/stack-auth/dist/generated/stack-auth-server.js";
import type { paths as StackerPaths } from "../../packages/stacker/dist/generated/stacker.js";

const stackerHeaders = {
  "X-Integration-Key": "YOUR_INTEGRATION_KEY",
  "X-Account-Id": "acc_example",
  "X-Stack-Id": "app_example",
};
export const stacker = createClient<StackerPaths>({ baseUrl: "https://api.go.stackerhq.com", headers: stackerHeaders });
export const stack = createClient<StackAuthServerPaths>({
  baseUrl: "https://api.stack-auth.com/api/v1",
  headers: {
    "X-Stack-Access-Type": "server",
    "X-Stack-Project-Id": "YOUR_PROJECT_ID",
    "X-Stack-Secret-Server-Key": "YOUR_SECRET_SERVER_KEY",
  },
});
