import { validateHeaderValue } from "@keyway/runtime";
import { fieldHeader, UnsendableCredentialError } from "./credential-errors.js";

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
 * const token = encodeBasicCredentials("Authorization", { username: accountId, password: process.env["AUTH_TOKEN"]! });
 * await fetch("https://api.example.com/calls", { headers: { Authorization: `Basic ${token}` } });
 * ```
 */
export function encodeBasicCredentials(header: string, credentials: BasicCredentials): string {
  const { username, password } = credentials;
  // Names the header and the field, never the value; a colon would move the user/password split.
  if (validateHeaderValue(fieldHeader(header, "username"), username).includes(":")) {
    throw new UnsendableCredentialError(header, 'contains ":", which HTTP basic cannot carry', "username");
  }
  if (password !== "") validateHeaderValue(fieldHeader(header, "password"), password);
  let binary = "";
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
