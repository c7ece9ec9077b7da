import { inspect } from "node:util";
import { expect } from "vitest";
import { unwrap, type ApiError, type FetchResult } from "../src/index.js";

/**
 * Everything a user or a logger may see of a value: its text, `util.inspect` and JSON. An error's stack frames are left
 * out: they name our files and line numbers, never what a server sent, and a numeric secret such as "2557" could
 * otherwise match a frame's `fast-check.js:2557:15`.
 */
export function shown(value: unknown): string {
  const inspected = inspect(value, { depth: 8 }).replace(STACK_FRAME, "");
  return `${String(value)} ${inspected} ${JSON.stringify(value)}`;
}

const STACK_FRAME = /^ *at .*$/gm;

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
