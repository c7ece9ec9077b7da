// A TypeScript 7 user of every built corpus package: one program per package, its README's first call as the
// user copies it, type-checked against the package's built declarations (strict, no skipLibCheck) under the
// settings users have (module resolutions, libs). The packages are built with TypeScript 5.9 (openapi-typescript
// has no TypeScript 7 support) and with skipLibCheck, so this is what tells a declaration a user's compiler rejects.
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolchain } from "../../toolchain/index.mjs";

const DOM_LIB = ["es2022", "dom", "dom.iterable"];

/** Users' compiler settings, each a tsconfig's. */
export const USER_CONFIGS = {
  /** A bundler's user, for the browser. */
  bundler: { module: "esnext", moduleResolution: "bundler", target: "es2022", lib: DOM_LIB },
  /** A Node user's. */
  nodenext: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: DOM_LIB },
  /** A Node user on @tsconfig/node16's settings (ES2021, no DOM lib). */
  node16: { module: "node16", moduleResolution: "node16", target: "es2021", lib: ["es2021"] },
} as const;
export type UserConfig = keyof typeof USER_CONFIGS;

/** TypeScript 7's tsc, or undefined when @keyway/test-toolchain's `typescript7` is not installed. */
const tsc7 = toolchain.tsc7;

/** The README's "First call" sample of a package, as a user copies it. */
function firstCall(readme: string, packageName: string): string {
  const sample = /^## First call\s+```ts\n([\s\S]*?)^```/m.exec(readme)?.[1];
  if (!sample) throw new Error(`${packageName}: its README has no "First call" TypeScript sample`);
  return sample;
}

/** The user's program for one package: its first call, and the result's `data` read (and typed: not `any`). */
function consumerSource(sample: string): string {
  return `${sample}
if (error === undefined) console.log(data);
type IsAny<T> = 0 extends 1 & T ? true : false;
export const dataIsTyped: IsAny<typeof data> = false;
`;
}

/**
 * Writes, in `dir`, one consumer program per package (`packages`: name → its folder in the workspace, built) and one
 * of its `/testing` entry point's types, so every declaration file the package ships is in a program; a node_modules
 * linking each package as a user's install would; and one tsconfig per user config.
 * `typesDir` is a node_modules/@types holding @types/node (the samples read `process.env`).
 */
export function writeConsumers(dir: string, packages: ReadonlyMap<string, string>, typesDir: string): void {
  const scope = join(dir, "node_modules", "@keyway");
  mkdirSync(scope, { recursive: true });
  symlinkSync(realpathSync(typesDir), join(dir, "node_modules", "@types"), "dir");
  const calls: string[] = [];
  const testing: string[] = [];
  for (const [name, packageDir] of packages) {
    const packageName = `@keyway/${name}`;
    symlinkSync(packageDir, join(scope, name), "dir");
    const sample = firstCall(readFileSync(join(packageDir, "README.md"), "utf8"), packageName);
    writeFileSync(join(dir, `${name}.ts`), consumerSource(sample));
    writeFileSync(join(dir, `${name}.testing.ts`), `export type * as testing from "${packageName}/testing";\n`);
    calls.push(`${name}.ts`);
    testing.push(`${name}.testing.ts`);
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "corpus-consumer", private: true, type: "module" }));
  for (const [name, settings] of Object.entries(USER_CONFIGS)) {
    const compilerOptions = {
      ...settings,
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
    };
    writeFileSync(
      join(dir, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions, files: [...calls, ...testing] }, null, 2),
    );
  }
}

/** The arguments of `node` that type-check the consumers under one user config with TypeScript 7: one run for them all. */
export function typecheckArgs(config: UserConfig): string[] {
  if (!tsc7) throw new Error("typescript7 (npm:typescript@7) is not installed in tests/toolchain: run pnpm install");
  return [tsc7, "-p", `tsconfig.${config}.json`, "--pretty", "false"];
}
