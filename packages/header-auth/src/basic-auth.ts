import { ConfigurationError } from "./errors.js";
import { validateHeaderValue } from "./header-value.js";

/** The credential of an HTTP basic scheme (RFC 7617): a user name and a password. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Whether a credential value is a `{ username, password }` pair rather than a string. */
export function isBasicCredentials(value: unknown): value is BasicCredentials {
  return typeof value === "object" && value !== null && "username" in value && "password" in value;
}

/**
 * The `Authorization` value (without the `Basic ` prefix) for a user name and password:
 * `base64(utf8(username ":" password))`, as RFC 7617 specifies. Throws, naming the header and
 * never the values, when the user name is empty or holds a colon, or either holds a character
 * HTTP forbids.
 *
 * @example
 * ```ts
 * encodeBasicCredentials("Authorization", { username: "Aladdin", password: "open sesame" });
 * // "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
 * ```
 */
export function encodeBasicCredentials(header: string, credentials: BasicCredentials): string {
  const { username, password } = credentials;
  if (typeof username !== "string" || typeof password !== "string") {
    throw new ConfigurationError(`The basic credentials for "${header}" need a string username and a string password`);
  }
  validateHeaderValue(`${header} (username)`, username);
  if (username.includes(":")) {
    throw new ConfigurationError(`The basic credentials for "${header}" have a username containing ":", which HTTP basic cannot carry`);
  }
  if (password !== "") validateHeaderValue(`${header} (password)`, password);
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
