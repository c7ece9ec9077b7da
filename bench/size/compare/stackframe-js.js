// The official Stack Auth SDK doing what size/stack-auth-server.js does: a server app, one call.
import { StackServerApp } from "@stackframe/js";

const app = new StackServerApp({
  projectId: "YOUR_PROJECT_ID",
  publishableClientKey: "YOUR_PUBLISHABLE_CLIENT_KEY",
  secretServerKey: "YOUR_SECRET_SERVER_KEY",
  tokenStore: "memory",
});
console.log(await app.listUsers());
