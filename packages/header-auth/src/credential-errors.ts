import { ConfigurationError, InvalidHeaderValueError } from "@keyway/runtime";

/** A field of an HTTP basic credential (`{ username, password }`), which an error about its value names. */
export type BasicField = "username" | "password";

const BASIC_FIELDS: readonly BasicField[] = ["username", "password"];

/** What an error's `header` calls a field of a basic credential sent in `header`: `Authorization (username)`. */
export function fieldHeader(header: string, field: BasicField): string {
  return `${header} (${field})`;
}

/** The client option a credential's value came from, for an error about that value. */
export interface CredentialOrigin {
  /** The option the application set (`integrationKey`). */
  readonly option: string;
  /** Whether the value is one the option's provider returned for a call, rather than the option's own. */
  readonly provided: boolean;
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
 * from (`integrationKey (sent as the "X-Integration-Key" header) is a number, not a string`), never the value; its
 * class, `header` and `reason` unchanged, so that code catching it still does. Any other error is returned as it is.
 */
export function namingOption(error: unknown, origin: CredentialOrigin, header: string): unknown {
  if (error instanceof UnsendableCredentialError) {
    error.message = `${subject(origin, header, error.field)} ${error.rule}`;
  } else if (error instanceof InvalidHeaderValueError) {
    const field = BASIC_FIELDS.find((name) => error.header === fieldHeader(header, name));
    error.message = `${subject(origin, header, field)} ${error.reason}`;
  }
  return error;
}

/** What a sentence about a credential's value (or one of its basic fields) calls it: never the value itself. */
function subject(origin: CredentialOrigin | undefined, header: string, field: BasicField | undefined): string {
  if (origin === undefined) return field ? `The ${field} for "${header}"` : `"${header}"`;
  if (origin.provided) return `${origin.option}'s provider returned a ${field ?? "value"} for "${header}" that`;
  return `${origin.option}${field ? `.${field} (sent in` : " (sent as"} the "${header}" header)`;
}
