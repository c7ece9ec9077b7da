import { inspect } from "node:util";
import { expect } from "vitest";
import { unwrap, type ApiError, type FetchResult } from "../src/index.js";

/** Everything a user or a logger may see of a value: its text, `util.inspect` and JSON. */
export function shown(value: unknown): string {
  return `${String(value)} ${inspect(value, { depth: 8 })} ${JSON.stringify(value)}`;
}

/**
 * What a call that fails shows, as {@link shown} writes it: its result's `error` (when it resolves), what it or
 * `unwrap` throws, and that error's message, body, headers, request id and cause.
 */
export async function whatTheCallShows(call: Promise<FetchResult>): Promise<{ text: string; thrown: unknown }> {
  const result = await call.catch((error: unknown) => ({ rejected: error }));
  const thrown =
    "rejected" in result
      ? result.rejected
      : await unwrap(result).then(
          () => expect.fail("expected the call to fail"),
          (error: unknown) => error,
        );
  const error = thrown as Partial<ApiError>;
  const parts = ["error" in result ? result.error : undefined, thrown, error.message, error.body, error.headers];
  return { text: [...parts, error.requestId, error.cause].map(shown).join("\n"), thrown };
}
