// `pnpm new-client` on real vendor specs (test/corpus.ts), in one scratch copy of the workspace:
// each spec file is added to specs/ as it is, its package is created, the workspace installed once,
// then every corpus package is built, type-checked and runs its generated tests, with no edit to
// the spec or to anything generated. Packaging lint (publint, attw) is the template's and does not
// vary with the spec: scripts/test/new-client.test.ts covers it. Then a TypeScript 7 user's program of
// every built package type-checks against its declarations (test/typescript7-consumers.ts).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capture as captureJs, cleanEnv, pnpmCommand, withinTimeLimit } from "../../../scripts/lib/run.mjs";
import { copyClientDependencyBuilds, copyWorkspace } from "../../../scripts/lib/registry/workspace.mjs";
import { corpus, sourceOf, specFileOf } from "./corpus.js";
import { typecheckArgs, USER_CONFIGS, type UserConfig, writeConsumers } from "./typescript7-consumers.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
/** The whole preparation; every command in it is stopped before it ends (`withinTimeLimit`), to be reported. */
const PREPARE_MS = 1_500_000;
/** new-client runs at once: lint and type generation are single-threaded, so two use both cores. */
const CREATING_AT_ONCE = 2;
const USER_CONFIG_NAMES = Object.keys(USER_CONFIGS) as UserConfig[];

type Result = { status: number; stdout: string; stderr: string; ms: number; timedOut: boolean };
// run.mjs declares its options only by their defaults, which TypeScript reads too narrowly.
const capture = captureJs as unknown as (
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
) => Promise<Result>;
let work: string;
const created = new Map<string, Result>();
let installed: Result | undefined;
let checked: Result | undefined;
/** The packages that built, each a TypeScript 7 user's program's; and tsc's result per user config. */
const consumed: string[] = [];
const consumerChecks = new Map<UserConfig, Result>();

const env = cleanEnv({ CI: "true" });

beforeAll(() => withinTimeLimit(PREPARE_MS, prepare), PREPARE_MS);

/** Everything the tests below read, made once. */
async function prepare() {
  work = mkdtempSync(join(tmpdir(), "keyway-corpus-"));
  copyWorkspace(work, ["specs", "scripts", "packages", ".changeset"]);
  // Built packages from this checkout (turbo built them before this test), so the scratch copy
  // builds only the corpus packages.
  copyClientDependencyBuilds(work);
  for (const spec of corpus) cpSync(sourceOf(spec), join(work, "specs", specFileOf(spec)));

  // new-client needs only the scripts' own dependencies: borrow this checkout's until the install.
  const scriptsModules = join(work, "scripts", "node_modules");
  symlinkSync(join(repoRoot, "scripts", "node_modules"), scriptsModules, "dir");
  const queue = [...corpus];
  await Promise.all(
    Array.from({ length: CREATING_AT_ONCE }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        const args = [join(work, "scripts", "new-client.mjs"), spec.name, "--no-install"];
        created.set(spec.name, await capture(process.execPath, args, { cwd: work, env }));
      }
    }),
  );
  rmSync(scriptsModules); // the link only: the install below writes the copy's own

  const { command, prefix } = pnpmCommand();
  const install = ["install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=append-only"];
  installed = await capture(command, [...prefix, ...install], { cwd: work, env });
  if (installed.status !== 0) return;
  const filters = corpus
    .filter((spec) => created.get(spec.name)?.status === 0)
    .map((s) => `--filter=@keyway/${s.name}`);
  if (filters.length === 0) return;
  // --only: the corpus packages' own tasks; their dependencies are the built ones copied above.
  const tasks = ["run", "build", "typecheck", "test", "--only", "--continue", "--output-logs=errors-only"];
  checked = await capture(command, [...prefix, "exec", "turbo", ...tasks, ...filters], { cwd: work, env });

  const built = corpus.filter((spec) => existsSync(join(work, "packages", spec.name, "dist", "index.d.ts")));
  consumed.push(...built.map((spec) => spec.name));
  const consumers = join(work, "typescript7-consumers");
  mkdirSync(consumers);
  writeConsumers(
    consumers,
    new Map(built.map((spec) => [spec.name, join(work, "packages", spec.name)])),
    join(import.meta.dirname, "..", "node_modules", "@types"),
  );
  await Promise.all(
    USER_CONFIG_NAMES.map(async (config) => {
      const args = typecheckArgs(config);
      consumerChecks.set(config, await capture(process.execPath, args, { cwd: consumers, env }));
    }),
  );
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  // What the preparation spent, to keep an eye on the suite's time (wall clock, on this machine's load).
  const seconds = (ms = 0) => `${Math.round(ms / 1000)}s`;
  const creating = [...created].map(([name, result]) => `${name} ${seconds(result.ms)}`).join(", ");
  console.log(
    `corpus: new-client (${CREATING_AT_ONCE} at a time) ${creating}; install ${seconds(installed?.ms)}; build, typecheck, test ${seconds(checked?.ms)}; TypeScript 7 users ${[...consumerChecks].map(([config, result]) => `${config} ${seconds(result.ms)}`).join(", ")}`,
  );
});

/** The end of a command's output, for a failure message. */
const tail = (result: Result | undefined) =>
  result
    ? `${result.timedOut ? "(timed out) " : ""}${`${result.stdout}\n${result.stderr}`.slice(-6_000)}`
    : "(not run)";

describe("pnpm new-client on real vendor specs", () => {
  it("installs the workspace with every corpus package", () => {
    expect(installed?.status, tail(installed)).toBe(0);
  });

  it.for(USER_CONFIG_NAMES)(
    "a TypeScript 7 user's first call of every built package type-checks with the %s settings (strict, no skipLibCheck)",
    (config) => {
      expect(consumed, "a package that did not build has no user program").toEqual(corpus.map((spec) => spec.name));
      const result = consumerChecks.get(config);
      expect(result?.status, tail(result)).toBe(0);
    },
  );

  for (const spec of corpus) {
    describe(`${spec.name} (${spec.from.package}/${spec.from.path})`, () => {
      it("creates the package from the spec as it is", () => {
        const result = created.get(spec.name);
        expect(result?.status, tail(result)).toBe(0);
        expect(result?.stdout).toContain(`new-client: created packages/${spec.name}/`);
        expect(readFileSync(join(work, "specs", specFileOf(spec))).equals(readFileSync(sourceOf(spec)))).toBe(true);
      });

      if (spec.warns)
        it("warns of what the client cannot do as the spec says", () => {
          const result = created.get(spec.name);
          const output = `${result?.stdout}\n${result?.stderr}`;
          for (const warning of spec.warns!) expect(output).toContain(warning);
        });

      if (spec.meta)
        it("writes the metadata the spec is in the corpus for", () => {
          const meta = readFileSync(
            join(work, "packages", spec.name, "src", "generated", `${spec.name}.meta.ts`),
            "utf8",
          );
          for (const entry of spec.meta!) expect(meta).toContain(entry);
        });

      it("builds and type-checks, and its generated tests pass", () => {
        const failed = /Failed:\s+(.*)/.exec(checked?.stdout ?? "")?.[1] ?? "";
        const own = failed.split(/,\s*/).filter((task) => task.startsWith(`@keyway/${spec.name}#`));
        expect(own, tail(checked)).toEqual([]);
        expect(checked, "turbo did not run").toBeDefined();
        expect(existsSync(join(work, "packages", spec.name, "dist", "index.js"))).toBe(true);
        const report = JSON.parse(readFileSync(join(work, "packages", spec.name, ".vitest", "results.json"), "utf8"));
        expect(report.numFailedTests).toBe(0);
        expect(report.numPassedTests).toBeGreaterThanOrEqual(2); // a call against a local server, and the fake
      });
    });
  }
});
