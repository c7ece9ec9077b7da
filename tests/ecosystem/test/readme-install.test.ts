// Until a package's first release, `npm install @keyway/<name>` answers 404: its README must send the reader to the
// repository README's "Installing before the first release", and that section must install its packed tarball.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_PACKAGES, REPO } from "./public-packages.js";

const ANCHOR = "../../README.md#installing-before-the-first-release";

/** The public packages never released, with the name `pnpm pack` gives their tarball. */
const UNRELEASED = PUBLIC_PACKAGES.filter(({ version }) => version === "0.0.0").map(({ dir, name }) => ({
  dir,
  tarball: `keyway-${name.replace(/^@keyway\//, "")}`,
}));

/** The tarballs the root README's section installs, its shell brace lists (`keyway-{runtime,stacker}-…`) spelt out. */
function tarballsInstalled(readme: string): string[] {
  const section = readme.split("## Installing before the first release")[1]?.split("\n## ")[0] ?? "";
  return [...section.matchAll(/npm install ([^\n]*)/g)].flatMap(([, line]) =>
    [...line!.matchAll(/keyway-(?:\{([^}]+)\}|([\w-]+?))-\d/g)].flatMap(([, list, one]) =>
      (list ?? one!).split(",").map((name) => `keyway-${name}`),
    ),
  );
}

describe("installing a package before its first release", () => {
  const installed = tarballsInstalled(readFileSync(join(REPO, "README.md"), "utf8"));

  it.for(UNRELEASED.map(({ dir }) => dir))("packages/%s/README.md sends its reader to the packed tarballs", (dir) => {
    expect(readFileSync(join(REPO, "packages", dir, "README.md"), "utf8")).toContain(ANCHOR);
  });

  it.for(UNRELEASED.map(({ tarball }) => tarball))("the repository README installs %s", (tarball) => {
    expect(installed).toContain(tarball);
  });
});
