import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { createStackerClient, type StackerClientOptions } from "../src/index.js";

/** An integration key with a marker that must never show up in errors, logs or inspected objects. */
export const INTEGRATION_KEY = "ik_MARKER_3c9e51d2aa";
export const ACCOUNT_ID = "acc_8f2d41";
export const STACK_ID = "app785vwedw46e3bx8";

const servers: TestServer[] = [];
/** Closes the servers the test started (test/hooks.ts, after each test). */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

/** A Stacker client pointed at a fresh recording server on 127.0.0.1. */
export async function stackerAgainst(handler?: Handler, options: Partial<StackerClientOptions> = {}) {
  const server = await startTestServer(handler);
  servers.push(server);
  const stacker = createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    baseUrl: server.url,
    ...options,
  });
  return { stacker, server };
}
