// What keyway does beyond typed results, step by step, against Prism mocks behind the demo's
// recording proxy (scripts/lib/servers/recording-proxy.mjs), which records what reached the server and
// answers a few requests from its fault plan: a 503 once, a 404, an expired session.
// Run it with `pnpm demo`; it needs the mocks, so `pnpm demo --live` skips it.
import { createHmac } from "node:crypto";
import { createStackAuthClient } from "@keyway/stack-auth";
import { verifyWebhook, WebhookSignatureError } from "@keyway/stack-auth/webhooks";
import { apiMeta, createStackerClient, NotFoundError, RedirectError, unwrap, type RetryEvent } from "@keyway/stacker";
import { requireEnv, show, step } from "./env.js";

const stackerUrl = requireEnv("STACKER_BASE_URL");
const stackAuthUrl = requireEnv("STACK_AUTH_CLIENT_BASE_URL");

/** What the recording proxy in front of a mock received. */
async function recorded(baseUrl: string): Promise<{ method: string; path: string; headers: Record<string, string> }[]> {
  return (await fetch(`${baseUrl}/__recorded`)).json();
}
/** A credential shown by its first characters only. */
const masked = (value: string) => `${value.slice(0, 4)}…`;

const retries: RetryEvent[] = [];
const stacker = createStackerClient({
  integrationKey: requireEnv("STACKER_INTEGRATION_KEY"),
  accountId: requireEnv("STACKER_ACCOUNT_ID"),
  stackId: requireEnv("STACKER_STACK_ID"),
  timezone: "Europe/Paris",
  baseUrl: stackerUrl,
  userAgent: "keyway-demo/1.0",
  hooks: { onRetry: (event) => retries.push(event) },
});

step("1. Each operation gets only the headers its security requirement names");
await unwrap(stacker.GET("/api/external/accounts/"));
await unwrap(stacker.GET("/api/external/objects/"));
const credentialHeaders = [...Object.values(apiMeta.securitySchemes).map((scheme) => scheme.header), "X-Timezone"];
for (const request of (await recorded(stackerUrl)).slice(-2)) {
  const sent = credentialHeaders.filter((name) => request.headers[name.toLowerCase()] !== undefined);
  show(`${request.method} ${request.path} reached the mock with`, {
    sent: Object.fromEntries(sent.map((name) => [name, masked(request.headers[name.toLowerCase()]!)])),
    "not sent": credentialHeaders.filter((name) => !sent.includes(name)),
    "user-agent": request.headers["user-agent"],
  });
}

step("2. A 404 becomes a typed error");
try {
  await unwrap(
    stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec_missing" } },
    }),
  );
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  show("unwrap threw", { class: error.constructor.name, status: error.status, message: error.message });
}

step("3. A 503 is retried with backoff, then answered");
const fields = await unwrap(
  stacker.GET("/api/external/objects/{object_sid}/fields/", {
    params: { path: { object_sid: "object.custom.orders" } },
  }),
);
show(
  "retries (onRetry hook)",
  retries.map(({ method, url, reason, delayMs }) => ({
    request: `${method} ${new URL(url).pathname}`,
    reason,
    delayMs: Math.round(delayMs),
  })),
);
show("then the answer", { fields: Array.isArray(fields) ? fields.length : Object.keys(fields).join(", ") });

step("4. An expired session is refreshed once for several concurrent calls");
const stack = createStackAuthClient({
  projectId: requireEnv("STACK_PROJECT_ID"),
  publishableClientKey: requireEnv("STACK_PUBLISHABLE_CLIENT_KEY"),
  baseUrl: stackAuthUrl,
  session: { accessToken: "expired-access-token", refreshToken: "demo-refresh-token" },
});
const before = (await recorded(stackAuthUrl)).length;
const [me] = await Promise.all([
  unwrap(stack.GET("/users/me")),
  unwrap(stack.GET("/users/me")),
  unwrap(stack.GET("/teams", { params: { query: { user_id: "me" } } })),
]);
const calls = (await recorded(stackAuthUrl)).slice(before);
show(
  "three calls at once, as the mock saw them",
  calls.map((request) => {
    const token = request.headers["x-stack-access-token"];
    return `${request.method} ${request.path.split("?")[0]} (${token ? `access token ${masked(token)}` : "no access token"})`;
  }),
);
show("signed-in user", { id: me.id, display_name: me.display_name });

step("5. A webhook is verified, and a tampered one refused");
const secret = `whsec_${Buffer.from("keyway-demo-webhook-secret-32byte").toString("base64")}`;
const body = JSON.stringify({ type: "user.created", data: { id: me.id, primary_email: "ada@example.com" } });
const timestamp = Math.floor(Date.now() / 1000);
const signature = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
  .update(`msg_demo.${timestamp}.${body}`)
  .digest("base64");
const headers = {
  "webhook-id": "msg_demo",
  "webhook-timestamp": String(timestamp),
  "webhook-signature": `v1,${signature}`,
};
const event = verifyWebhook(body, headers, secret);
show("verified", { type: event.type });
try {
  verifyWebhook(body.replace("ada@", "eve@"), headers, secret);
} catch (error) {
  if (!(error instanceof WebhookSignatureError)) throw error;
  show("tampered body refused", { class: error.constructor.name, message: error.message });
}

step("6. A redirect to another origin is refused, and nothing is sent there");
const redirected = await unwrap(
  stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: { object_sid: "object.custom.orders", record_sid: "rec_moved" } },
  }),
).then(
  () => undefined,
  (error: unknown) => error,
);
if (!(redirected instanceof RedirectError))
  throw new Error(`step 6 expected a RedirectError, got ${String(redirected)}`);
show("unwrap threw", {
  class: redirected.constructor.name,
  status: redirected.status,
  targetOrigin: redirected.targetOrigin,
  message: redirected.message,
});
const followed = (await recorded(stackerUrl)).filter((request) => request.path.startsWith("/stolen"));
show("requests that reached the other origin", followed.length);
