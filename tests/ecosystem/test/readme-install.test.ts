// Until a package's first release, `npm install @keyway/<name>` answers 404: its README must send the reader to the
// repository README's "Installing before the first release", and that section must install its packed tarball.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_PACKAGES, REPO } from "./public-packages.js";

const ANCHOR = "../../README.md#installing-before-the-first-release";

/** The line of the section that installs any client `pnpm new-client` made: its brace list names `<service>`. */
const ANY_SERVICE = "keyway-<service>";

/** The public packages never released, with the name `pnpm pack` gives their tarball. */
const UNRELEASED = PUBLIC_PACKAGES.filter(({ version }) => version === "0.0.0").map(({ dir, name, service }) => ({
  dir,
  tarball: `keyway-${name.replace(/^@keyway\//, "")}`,
  // A client generated from a spec: the section's `<service>` line installs it, as it does one new-client makes.
  service,
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

  it.for(UNRELEASED.filter(({ service }) => !service).map(({ tarball }) => tarball))(
    "the repository README installs %s",
    (tarball) => {
      expect(installed).toContain(tarball);
    },
  );

  it.for(UNRELEASED.filter(({ service }) => service).map(({ tarball }) => tarball))(
    "the repository README installs %s, by its name or as a client new-client made",
    (tarball) => {
      expect(installed.filter((name) => name === tarball || name === ANY_SERVICE)).not.toEqual([]);
    },
  );
});
