import { createStackAuthClient, createStackAuthServerClient } from "@keyway/stack-auth";
import { apiMeta as stackerMeta, createStackerClient } from "@keyway/stacker";
// The generated metadata of Stack Auth is not a public export of @keyway/stack-auth: read it from the build.
import { apiMeta as clientMeta } from "../../../packages/stack-auth/dist/generated/stack-auth-client.meta.js";
import { apiMeta as serverMeta } from "../../../packages/stack-auth/dist/generated/stack-auth-server.meta.js";
import { stackAuthClientCases } from "./cases/stack-auth-client.js";
import { stackAuthServerCases } from "./cases/stack-auth-server.js";
import { stackerCases } from "./cases/stacker.js";
import type { Call } from "./contract-case.js";

/** An operation as the generated metadata describes it. */
export interface OperationMeta {
  readonly id: string;
  readonly security: readonly (readonly string[])[];
}

/** How the client for one call is made. */
export interface ClientSetup {
  readonly baseUrl: string;
  readonly fetch: typeof globalThis.fetch;
  /** Give the client a signed-in user's session. */
  readonly signedIn: boolean;
}

/** One spec, its clients and a call for each of its operations. */
export interface ContractApi<Client = never> {
  /** How the coverage line names it. */
  readonly label: string;
  /** The spec's file in specs/. */
  readonly spec: string;
  readonly operations: Readonly<Record<string, OperationMeta>>;
  readonly createClient: (setup: ClientSetup) => Client;
  readonly cases: Readonly<Record<string, Call<Client>>>;
}

/** Keeps the client type of an API's factory and cases in step. */
const defineApi = <Client>(api: ContractApi<Client>) => api as unknown as ContractApi<unknown>;

const STACK_PROJECT_ID = "6c4d2d5a-1f3e-4b8a-9a57-0f2f0e6b9c11";
const SESSION = {
  accessToken:
    "eyJhbGciOiJFUzI1NiIsImtpZCI6ImdIOWhZMm9CcjFxRyJ9.eyJzdWIiOiIzYjJmMWM5ZS04YTRkLTRmNmItOWMxZS01ZDdhMmI4ZTRmMTAifQ.c2lnbmF0dXJl",
  refreshToken: "r8wq3n6kdx2ay7tbm5vz9ce4hj1fs0pgu6lo3ik8nr2xw",
};
/** Every call fails or succeeds on its first answer, so a rejection is reported as it came. */
const NO_RETRIES = { maxRetries: 0 } as const;

export const CONTRACT_APIS: readonly ContractApi<unknown>[] = [
  defineApi({
    label: "stacker",
    spec: "stacker.yaml",
    operations: stackerMeta.operations,
    createClient: ({ baseUrl, fetch }) =>
      createStackerClient({
        integrationKey: "ik_live_4c1d9e7a2b8f03d6",
        accountId: "acc_8f2d41",
        stackId: "app785vwedw46e3bx8",
        timezone: "America/Los_Angeles",
        baseUrl,
        fetch,
        ...NO_RETRIES,
      }),
    cases: stackerCases,
  }),
  defineApi({
    label: "stack-auth client",
    spec: "stack-auth-client.yaml",
    operations: clientMeta.operations,
    createClient: ({ baseUrl, fetch, signedIn }) =>
      createStackAuthClient({
        projectId: STACK_PROJECT_ID,
        publishableClientKey: "pck_bi910rr7sy57t8lgqizbv75lncc5o0yv86rq3w6jqsvfi",
        ...(signedIn ? { session: SESSION } : {}),
        baseUrl,
        fetch,
        ...NO_RETRIES,
      }),
    cases: stackAuthClientCases,
  }),
  defineApi({
    label: "stack-auth server",
    spec: "stack-auth-server.yaml",
    operations: serverMeta.operations,
    createClient: ({ baseUrl, fetch, signedIn }) =>
      createStackAuthServerClient({
        projectId: STACK_PROJECT_ID,
        secretServerKey: "ssk_m2q8v4x1c7z5b9n3k6j0h4g8f2d7s1a5p9o3i6u0y4t8",
        ...(signedIn ? { session: SESSION } : {}),
        baseUrl,
        fetch,
        ...NO_RETRIES,
      }),
    cases: stackAuthServerCases,
  }),
];

/**
 * Whether an operation can only be called for a signed-in user: every alternative of its
 * security requirement names the user's access or refresh token. The others are called
 * without a session, as a sign-in page or a backend job would.
 */
export function needsSession(operation: OperationMeta): boolean {
  const userTokens = ["AccessToken", "RefreshToken"];
  return (
    operation.security.length > 0 &&
    operation.security.every((alternative) => alternative.some((scheme) => userTokens.includes(scheme)))
  );
}
