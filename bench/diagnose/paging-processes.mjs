// Why paging is measured with every variant in one process: each variant alone in its own process, several
// processes each, with the page faults of a pass beside its time.
//   node bench/diagnose/paging-processes.mjs [processes per variant]
//
// A process pages either fast (about 21,000 minor page faults a pass) or slowly (50,000 and more, with glibc
// growing and trimming its heap about twice a page), and keeps that state. Which state a process falls into
// varies from run to run, and a process whose only paging is a `for await` item iterator falls into the slow
// one more often than the hand-written loop's does (see bench/gaps.md).
import { fileURLToPath } from "node:url";
import { runWorker } from "../lib/processes.mjs";
import { PAGING_VARIANTS } from "../suites/pagination.mjs";

const WORKER = fileURLToPath(new URL("../lib/pagination-worker.mjs", import.meta.url));
const PASSES = 3;
const processes = Number(process.argv[2] ?? 6);

console.log(`each variant alone, ${processes} processes of ${PASSES} passes: CPU ms / minor page faults per pass`);
for (let run = 0; run < processes; run++) {
  const line = [];
  for (const variant of PAGING_VARIANTS) {
    const result = await runWorker(WORKER, { variants: [variant], passes: PASSES });
    const { ms, minorFaults } = result[variant];
    line.push(`${variant} ${Math.round(ms)} / ${minorFaults}`);
  }
  console.log(line.join("  "));
}
