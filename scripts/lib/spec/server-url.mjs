// A spec's server URL with its variables (`https://{region}.api.example.com`) given their defaults.

/**
 * `server.url` with each `{variable}` replaced by its default, and the variables that have none (replaced by
 * nothing).
 *
 * @example
 * ```js
 * withVariableDefaults({ url: "https://{region}.example.com/{base}", variables: { region: { default: "eu" } } });
 * // { url: "https://eu.example.com/", unset: ["base"] }
 * ```
 * @param {{ url: string, variables?: Record<string, { default?: unknown }> }} server
 * @returns {{ url: string, unset: string[] }}
 */
export function withVariableDefaults(server) {
  const unset = [];
  const url = server.url.replace(/\{([^}]*)\}/g, (_, name) => {
    const fallback = server.variables?.[name]?.default;
    if (fallback === undefined) unset.push(name);
    return String(fallback ?? "");
  });
  return { url, unset };
}
