// Type tests of options read from the environment or a config file, under `exactOptionalPropertyTypes` (which the
// consumer's tsconfigs set): an option given as `undefined` is one left unset, as keyway reads it at run time, so
// `{ timeout: config.timeout }` compiles where `config.timeout` may be missing. Nothing here runs.
import { createHeaderAuth } from "@keyway/header-auth";
import { createApiClient, type ClientMeta } from "@keyway/runtime";
import { createStackAuthClient } from "@keyway/stack-auth";
import { createStackAuthServerClient, listAllUsers } from "@keyway/stack-auth/server";
import { createAccessTokenVerifier } from "@keyway/stack-auth/tokens";
import { bulkUpsert, createStackerClient, searchAll } from "@keyway/stacker";

declare const env: Record<string, string | undefined>;
declare const config: { timeout?: number; retries?: number; signal?: AbortSignal; browser?: boolean };

export async function optionsFromTheEnvironment(): Promise<void> {
  const stacker = createStackerClient({
    integrationKey: env["STACKER_INTEGRATION_KEY"],
    accountId: env["STACKER_ACCOUNT_ID"],
    stackId: env["STACKER_STACK_ID"],
    timezone: env["TZ"],
    baseUrl: env["STACKER_BASE_URL"],
    timeout: config.timeout,
    maxRetries: config.retries,
    userAgent: env["APP_USER_AGENT"],
  });
  const patient = stacker.withOptions({ timeout: config.timeout, maxRetries: config.retries });
  await patient.GET("/api/external/stacks/", { timeout: config.timeout, maxRetries: undefined });
  for await (const record of searchAll(
    stacker,
    "object.custom.orders",
    {},
    { timezone: env["TZ"], signal: config.signal },
  ))
    void record;
  await bulkUpsert(stacker, "object.custom.orders", [], { signal: config.signal });

  const admin = createStackAuthServerClient({
    projectId: "p",
    secretServerKey: env["STACK_SECRET_SERVER_KEY"],
    baseUrl: env["STACK_API_URL"],
    headerFamily: undefined,
  });
  for await (const user of listAllUsers(admin, {}, { signal: config.signal, timeout: config.timeout })) void user;
  createStackAuthClient({
    projectId: "p",
    publishableClientKey: env["STACK_KEY"],
    allowAnonymousUsers: config.browser,
  });
  createAccessTokenVerifier({ projectId: "p", baseUrl: env["STACK_API_URL"], allowAnonymous: config.browser });

  const meta = {
    securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
    operations: {},
  } as const satisfies ClientMeta<"ApiKey">;
  createApiClient<Record<string, never>>({
    meta,
    baseUrl: "https://api.example.com",
    auth: createHeaderAuth({ meta, credentials: { ApiKey: env["API_KEY"] }, factory: undefined }),
    instrumentation: undefined,
    dangerouslyAllowBrowser: config.browser,
  });
}
