import type { CallResult } from "./prism-verdict.js";

/** One operation's call through a typed client, with realistic arguments that satisfy the spec. */
export type Call<Client> = (client: Client) => Promise<CallResult>;

/** A call for every operation of an API's generated metadata: no more, no fewer (checked by tsc and at run time). */
export type CaseTable<Meta extends { readonly operations: object }, Client> = {
  readonly [Operation in keyof Meta["operations"]]: Call<Client>;
};
