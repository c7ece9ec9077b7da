import { ConfigurationError, type ApiMeta } from "@keyway/runtime";

/**
 * The same API metadata with every header named as in `family` of its `headerAliases`: the
 * security schemes' headers and the operations' declared header parameters. A header the
 * family does not rename keeps its name. Redaction and credential checks follow, since they
 * read the scheme headers.
 *
 * @example
 * ```ts
 * // An API renamed from Acme to Zenith: its spec's aliases give the family "zenith" (X-Zenith-Key for X-Acme-Key, …).
 * const auth = createHeaderAuth({ meta: withHeaderFamily(apiMeta, "zenith"), credentials: { ApiKey: process.env["ZENITH_KEY"] } });
 * ```
 */
export function withHeaderFamily<Meta extends ApiMeta>(meta: Meta, family: string): Meta {
  const aliases = meta.headerAliases?.[family];
  if (!aliases) {
    const known = Object.keys(meta.headerAliases ?? {});
    throw new ConfigurationError(
      `Unknown header family "${family}"; this API knows ${known.length ? known.map((f) => `"${f}"`).join(", ") : "no other family"}`,
    );
  }
  const rename = (header: string) => aliases[header] ?? header;
  const securitySchemes = Object.fromEntries(
    Object.entries(meta.securitySchemes).map(([name, scheme]) => [name, { ...scheme, header: rename(scheme.header) }]),
  );
  const operations = Object.fromEntries(
    Object.entries(meta.operations).map(([key, operation]) => [
      key,
      operation.headers ? { ...operation, headers: operation.headers.map(rename) } : operation,
    ]),
  );
  return { ...meta, securitySchemes, operations };
}
