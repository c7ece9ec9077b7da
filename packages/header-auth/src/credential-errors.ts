import { ConfigurationError, InvalidHeaderValueError, validateHeaderValue } from "@keyway/runtime";

/** A field of an HTTP basic credential (`{ username, password }`), which an error about its value names. */
export type BasicField = "username" | "password";

const BASIC_FIELDS: readonly BasicField[] = ["username", "password"];

/** What an error's `header` calls a field of a basic credential sent in `header`: `Authorization (username)`. */
export function fieldHeader(header: string, field: BasicField): string {
  return `${header} (${field})`;
}

/** The client option a value sent as a header came from, for an error about that value. */
export interface OptionOrigin {
  /** The option the application set (`integrationKey`, `session.accessToken`). */
  readonly option: string;
  /** The function of the client the application called with it (`createStackerClient`), if any. */
  readonly factory?: string | undefined;
  /** Whether the value is one the option's provider (a function, a store) returned for a call, not the option's own. */
  readonly provided?: boolean | undefined;
}

/**
 * A credential value whose shape its scheme cannot send (`{ username, password }` for a scheme that takes a string,
 * `user:password` text for HTTP basic), or a basic user name with a colon: a `ConfigurationError` whose `rule` an error
 * naming the client option retells ({@link namingOption}).
 */
export class UnsendableCredentialError extends ConfigurationError {
  /** What is wrong with the value, completing a sentence about it (`contains ":", which HTTP basic cannot carry`). */
  readonly rule: string;
  /** The field of a basic credential the rule is about, if any. */
  readonly field: BasicField | undefined;

  constructor(header: string, rule: string, field?: BasicField) {
    super(`${subject(undefined, header, field)} ${rule}`);
    this.rule = rule;
    this.field = field;
  }
}

/**
 * `error`, thrown by a credential's value sent in `header`, its message now naming the client option the value came
 * from and the factory called with it (`createStackerClient: integrationKey (sent as the "X-Integration-Key" header)
 * is a number, not a string`), never the value; its class, `header` and `reason` unchanged, so that code catching it
 * still does. Any other error, or one whose option is not known (no `origin`), is returned as it is.
 */
export function namingOption(error: unknown, origin: OptionOrigin | undefined, header: string): unknown {
  if (origin === undefined) return error;
  if (error instanceof UnsendableCredentialError) {
    error.message = `${subject(origin, header, error.field)} ${error.rule}`;
  } else if (error instanceof InvalidHeaderValueError) {
    const field = BASIC_FIELDS.find((name) => error.header === fieldHeader(header, name));
    error.message = `${subject(origin, header, field)} ${error.reason}`;
  }
  return error;
}

/**
 * `value` as fetch sends it in `header`, checked as a credential's value is: empty, a line break, a character HTTP
 * forbids or another type than a string is an `InvalidHeaderValueError` (its `header` and `reason` as
 * `validateHeaderValue` gives them) whose message names the client option the value came from (or its provider) and
 * the factory called with it, never the value (without `origin`, in the header's words alone). For a client package
 * whose option is sent as a header outside `createHeaderAuth`'s credentials (a session's token), so that it is
 * refused in the same words.
 *
 * @example
 * ```ts
 * import { validateOptionValue } from "@keyway/header-auth";
 *
 * validateOptionValue("X-Acme-Session", 42, { option: "session.token", factory: "createAcmeClient" });
 * // InvalidHeaderValueError: createAcmeClient: session.token (sent as the "X-Acme-Session" header) is a number, not a string
 * ```
 */
export function validateOptionValue(header: string, value: unknown, origin: OptionOrigin | undefined): string {
  try {
    return validateHeaderValue(header, value);
  } catch (error) {
    throw namingOption(error, origin, header);
  }
}

/**
 * The refusal of a secret credential in a browser, where every visitor can read it: naming the option that set it (and
 * the factory called with it) when known, else its header; never its value.
 */
export function browserRefusal(header: string, origin: OptionOrigin | undefined): ConfigurationError {
  const secret = origin ? `${origin.option} (the "${header}" header)` : `the secret "${header}"`;
  return new ConfigurationError(
    `${factoryPrefix(origin)}Refusing to use ${secret} in a browser, where every visitor can read it. ` +
      "Call this API from your server, or pass dangerouslyAllowBrowser: true if you understand the risk.",
  );
}

/** What a sentence about a credential's value (or one of its basic fields) calls it: never the value itself. */
function subject(origin: OptionOrigin | undefined, header: string, field: BasicField | undefined): string {
  if (origin === undefined) return field ? `The ${field} for "${header}"` : `"${header}"`;
  const option = `${factoryPrefix(origin)}${origin.option}`;
  if (origin.provided) return `${option}'s provider returned a ${field ?? "value"} (for the "${header}" header) that`;
  return `${option}${field ? `.${field} (sent in` : " (sent as"} the "${header}" header)`;
}

/** `createStackerClient: `, before a sentence about an option of the factory the application called, if known. */
function factoryPrefix(origin: OptionOrigin | undefined): string {
  return origin?.factory ? `${origin.factory}: ` : "";
}
