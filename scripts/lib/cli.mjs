// What every command-line tool of the repository shares: its arguments parsed with node:util's
// parseArgs, `--help`, and one way to report a failure (`<tool>: <message>`, the usage line after
// bad input, exit code 1).
import { parseArgs } from "node:util";

/** Bad input on the command line (an unknown spec, a bad revision…): printed with the usage line. */
export class UsageError extends Error {
  /**
   * @param {string} message what is wrong, for the user as is
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = "UsageError";
  }
}

/** The message of anything thrown. */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `error` is bad input: a {@link UsageError}, or an argument parseArgs refused. */
function isUsageError(error) {
  return (
    error instanceof UsageError ||
    (error instanceof Error && String(Reflect.get(error, "code")).startsWith("ERR_PARSE_ARGS"))
  );
}

/**
 * @template {NonNullable<import("node:util").ParseArgsConfig["options"]>} Options
 * @typedef {object} Command
 * @property {string} name the tool's name in messages (`spec:diff`)
 * @property {string} usage the usage line printed by `--help` and after bad input
 * @property {Options} options its options, as parseArgs takes them (`--help` is added)
 * @property {boolean} [allowPositionals]
 * @property {(args: { values: ReturnType<typeof parseArgs<{ options: Options, allowPositionals: true }>>["values"], positionals: string[] }) => Promise<number | void> | number | void} main
 *   does the work; resolves with the exit code (nothing for 0)
 */

/**
 * Runs a command-line tool: parses `process.argv`, prints the usage for `--help`, calls `main`, and
 * exits with its code; a failure is printed as `<name>: <message>` (with the usage line after bad
 * input) and exits 1.
 * @template {NonNullable<import("node:util").ParseArgsConfig["options"]>} const Options
 * @param {Command<Options>} command
 */
export async function runCli({ name, usage, options, allowPositionals = false, main }) {
  try {
    const { values, positionals } = parseArgs({
      options: { ...options, help: { type: "boolean", default: false } },
      allowPositionals,
    });
    if (Reflect.get(values, "help")) {
      console.log(usage);
      return;
    }
    const code = await main({ values: /** @type {any} */ (values), positionals });
    if (code) process.exit(code);
  } catch (error) {
    console.error(`${name}: ${messageOf(error)}`);
    if (isUsageError(error)) console.error(usage);
    process.exit(1);
  }
}
