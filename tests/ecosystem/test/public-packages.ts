// The packages users install: every package of the workspace with a README that is not private.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));

export interface PublicPackage {
  /** Its folder under `packages/`. */
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  /** Whether it holds a client generated from a spec (a service package, one `pnpm new-client` made too). */
  readonly service: boolean;
}

export const PUBLIC_PACKAGES: readonly PublicPackage[] = readdirSync(join(REPO, "packages"))
  .filter((dir) => existsSync(join(REPO, "packages", dir, "README.md")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(REPO, "packages", dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private)
  .map(({ dir, manifest }) => ({
    dir,
    name: manifest.name,
    version: manifest.version,
    service: existsSync(join(REPO, "packages", dir, "src", "generated")),
  }));
