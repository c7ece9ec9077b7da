// A renamed API's headers go by other names as well (`info.x-keyway-header-aliases`): a credential's value is as
// secret under each of them.
import type { ClientMeta } from "../meta.js";

/** The part of a client's metadata (`apiMeta`) that names its headers' other names, per family. */
export type HeaderAliasesMeta = Pick<ClientMeta, "headerAliases">;

/** `headers`, and each other name the metadata gives one of them in any family (`X-Hexclave-Secret-Server-Key`). */
export function withHeaderAliases(headers: readonly string[], meta: HeaderAliasesMeta | undefined): string[] {
  const named = new Set(headers.map((header) => header.toLowerCase()));
  const aliases = Object.values(meta?.headerAliases ?? {}).flatMap((family) =>
    Object.entries(family).flatMap(([declared, alias]) => (named.has(declared.toLowerCase()) ? [alias] : [])),
  );
  return [...headers, ...aliases];
}
