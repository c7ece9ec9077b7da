import type { ClientOperationMeta } from "@keyway/runtime";
import { createContextKey, type Context, type Span } from "@opentelemetry/api";
import type { CallSpan } from "./call-span.js";

/**
 * A call the user made, seen by `aroundCall` before any request exists. The transport's
 * `startCall` for the request it sends finds it in the active context and starts its span
 * (with the call's start time and parent); a call that fails before that gets its span when it
 * settles.
 */
export interface UserCall {
  readonly method: string;
  /** The path template called. */
  readonly template: string;
  /** The spec's operation for the method and path template called; `undefined` for a path the API does not have. */
  readonly operation: ClientOperationMeta | undefined;
  /** The context active where the user made the call: its span is the call span's parent. */
  readonly parent: Context;
  readonly startTime: number;
  /**
   * The options the call was given, read for their `baseUrl` only if the call fails before its request exists; let go
   * of once it settles.
   */
  options: { readonly baseUrl?: unknown } | undefined;
  /** Set by `startCall`: the span of the request the call sent, and its observer when it records. */
  started?: { readonly span: Span; readonly observer: CallSpan | undefined };
  /**
   * Set once the call has settled for the user. A request it still sends afterwards (the caller's
   * signal ended the wait for a credential provider) is not traced: the call's span has ended.
   */
  settled?: boolean;
}

const USER_CALL = createContextKey("@keyway/otel user call");

/** `parent` with `call` as the call in progress, which its own request's `startCall` takes over. */
export function withUserCall(parent: Context, call: UserCall): Context {
  return parent.setValue(USER_CALL, call);
}

/**
 * The call in progress in `active` that a request of `operation` belongs to: one not taken over
 * yet (a request another call makes meanwhile, such as a session refresh, is a call of its own).
 */
export function userCallFor(active: Context, operation: ClientOperationMeta): UserCall | undefined {
  const call = active.getValue(USER_CALL) as UserCall | undefined;
  return call && !call.started && call.operation === operation ? call : undefined;
}
