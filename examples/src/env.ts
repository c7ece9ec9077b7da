/** A required environment variable, or a clear exit naming it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name} to run this example${process.env["KEYWAY_LIVE"] ? " against the live API" : ""}.`);
    process.exit(2);
  }
  return value;
}

/** Prints a labeled, typed result as indented JSON. */
export function show(label: string, value: unknown): void {
  console.log(`\n${label}:`);
  console.log(JSON.stringify(value, null, 2));
}

/**
 * Prints a step's title with the source line that starts it (run with --enable-source-maps, so
 * the line is the TypeScript one).
 */
export function step(title: string): void {
  const caller = new Error().stack?.split("\n")[2] ?? "";
  const where = /((?:examples\/)?src\/[\w-]+\.ts:\d+)/.exec(caller)?.[1];
  console.log(`\n━ ${title}${where ? `  (examples/${where.replace(/^examples\//, "")})` : ""}`);
}
