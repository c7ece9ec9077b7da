import type { SdkIdentity } from "../client.js";
import { detectRuntime, isBrowser } from "../environment.js";
import { ConfigurationError } from "../keyway-errors.js";
import { VERSION } from "../version.js";
import { kindOf } from "./shown.js";

/** This package, for clients built on it directly. */
export const RUNTIME_SDK: SdkIdentity = { name: "@keyway/runtime", version: VERSION };

/**
 * RFC 9110 product tokens (`name/version`) and comments (`(…)`, whose text is tab, visible ASCII, space and Latin-1:
 * no control character, none a header cannot carry), separated by spaces.
 */
const PRODUCTS =
  /^(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+)?|\([\t\x20-\x27\x2a-\x7e\x80-\xff]*\))(?: (?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+)?|\([\t\x20-\x27\x2a-\x7e\x80-\xff]*\)))*$/;

/**
 * The `User-Agent` a client sends: the keyway package and version, the runtime and its version,
 * then the application's own product tokens (`appended`), e.g.
 * `keyway-orders/0.2.0 node/22.23.5 my-app/1.4.0`. Undefined in a browser, which sends its own
 * and where setting one would cost a CORS preflight.
 *
 * @example
 * ```ts
 * userAgent({ name: "@keyway/orders", version: "0.2.0" }, "my-app/1.4.0");
 * // "keyway-orders/0.2.0 node/22.23.5 my-app/1.4.0" on Node 22.23.5
 * ```
 */
export function userAgent(sdk: SdkIdentity, appended?: string | null): string | undefined {
  if (appended != null && (typeof appended !== "string" || !PRODUCTS.test(appended))) {
    throw new ConfigurationError(
      `userAgent must be product tokens such as "my-app/1.4.0" (name/version, separated by spaces), got ${typeof appended === "string" ? JSON.stringify(appended) : kindOf(appended)}`,
    );
  }
  if (isBrowser()) return undefined;
  const runtime = detectRuntime();
  const product = `${sdk.name.replace(/^@/, "").replace("/", "-")}/${sdk.version}`;
  return [product, runtime.version ? `${runtime.name}/${runtime.version}` : runtime.name, appended]
    .filter(Boolean)
    .join(" ");
}
