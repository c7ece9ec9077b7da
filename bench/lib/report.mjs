// Renders the results of `pnpm bench` as BENCHMARKS.md.
import heapBudgets from "../.heap-budgets.js";
import { SIZE_TARGETS } from "./size-config.mjs";

const integer = (n) => Math.round(n).toLocaleString("en-US");
const ratio = (n) => `${n.toFixed(2)}×`;
const percent = (n) => `${n >= 0 ? "+" : ""}${(n * 100).toFixed(1)} %`;
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const seconds = (s) => `${s.toFixed(2)} s`;
const ms = (n) => `${integer(n)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const bytes = (n) => `${integer(n)} B`;
const heapMb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const signedBytes = (n) => `${n.toFixed(1)} B`;
/** "median (min–max)" of a summary, each value formatted by `format`. */
const spread = (summary, format) => `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
const status = (met) => (met ? "met" : "**missed**");

function table(headers, rows) {
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

/** How far from the client without it a "no measurable cost" variant's median may be: less is noise on this machine. */
const NO_COST_TOLERANCE = 0.03;

/**
 * Every target of the issue with its measured value, in report order. Each is met or missed on
 * the median (of per-round ratios where it is a ratio).
 */
function evaluateTargets(results) {
  const targets = [];
  for (const row of results.memory) {
    if (row.target === undefined) continue;
    targets.push({
      what: `in-memory calls/s, ${row.name}`,
      goal: `≥ ${ratio(row.target)} bare openapi-fetch`,
      value: ratio(row.vsBare.median),
      met: row.vsBare.median >= row.target,
    });
  }
  // Issue 16 (@keyway/otel): a client without any instrumentation is the "off" state, and its cost against a build
  // before the instrumentation seam existed cannot be measured from one tree; so the off cost is the client given the
  // integration without an OpenTelemetry SDK against the same client without it, and the on cost is reported the same way.
  for (const row of results.memory) {
    if (row.vsCompared === undefined) continue;
    const { median, min, max } = row.vsCompared.ratio;
    targets.push({
      what: `in-memory calls/s, ${row.name}`,
      goal: row.noMeasurableCost
        ? `no measurable cost vs ${row.vsCompared.name}: median within ${percent(NO_COST_TOLERANCE).slice(1)}, 1.00× within the per-round range`
        : `reported vs ${row.vsCompared.name}`,
      value: `${ratio(median)} (${ratio(min)}–${ratio(max)}), ${percent(median - 1)}`,
      met: row.noMeasurableCost ? Math.abs(median - 1) <= NO_COST_TOLERANCE && min <= 1 && max >= 1 : undefined,
    });
  }
  for (const row of results.loopback) {
    if (row.target === undefined) continue;
    targets.push({
      what: `loopback calls/s, ${row.name}`,
      goal: `≥ ${ratio(row.target)} raw fetch`,
      value: ratio(row.vsRawFetch.median),
      met: row.vsRawFetch.median >= row.target,
    });
  }
  const overhead = results.pagination.keyway.vsBare.median - 1;
  targets.push({
    what: "listAllUsers over 100,000 users vs a hand-written cursor loop",
    goal: `≤ ${percent(results.paginationMaxOverhead)} time`,
    value: percent(overhead),
    met: overhead <= results.paginationMaxOverhead,
  });
  for (const entry of results.bundles.budgets) {
    const target = SIZE_TARGETS[entry.name];
    if (target === undefined) continue;
    targets.push({
      what: `bundle, ${entry.name}`,
      goal: `≤ ${kB(target)} gzip`,
      value: entry.size === undefined ? "not measured" : kB(entry.size),
      met: entry.size !== undefined && entry.size <= target,
    });
  }
  for (const row of results.heap?.calls ?? []) {
    const ceilings = heapBudgets.calls[row.name];
    if (!ceilings) continue;
    targets.push({
      what: `heap allocated per call, ${row.name}`,
      goal: `≤ ${bytes(ceilings.allocatedPerCall)} (CI ceiling)`,
      value: `${bytes(row.allocatedPerCall.median)}, ${ratio(row.vsBare)} bare openapi-fetch`,
      met: row.allocatedPerCall.max <= ceilings.allocatedPerCall,
    });
    targets.push({
      what: `heap retained per call (leak), ${row.name}`,
      goal: `about 0, ≤ ${bytes(ceilings.retainedPerCall)} (CI ceiling)`,
      value: signedBytes(row.retainedPerCall.median),
      met: row.retainedPerCall.max <= ceilings.retainedPerCall,
    });
  }
  for (const row of results.heap?.paging ?? []) {
    const ceilings = heapBudgets.paging[row.iterator.name];
    if (!ceilings) continue;
    targets.push({
      what: `peak live heap paging 100,000 items, ${row.iterator.name}`,
      goal: `≤ ${heapMb(ceilings.peak)} (CI ceiling)`,
      value: `${heapMb(row.iterator.peak.median)} (the loop: ${heapMb(row.loop.peak.median)})`,
      met: row.iterator.peak.max <= ceilings.peak && row.iterator.retained.max <= ceilings.retained,
    });
  }
  const tc = results.typecheck;
  targets.push({
    what: "tsc CPU time, 30 calls, keyway vs bare openapi-fetch",
    goal: `≤ ${ratio(results.typecheckMaxRatio)}`,
    value: ratio(tc.cpuRatio.median),
    met: tc.cpuRatio.median <= results.typecheckMaxRatio,
  });
  return targets;
}

function callsTable(rows, against, key) {
  return table(
    ["client", "calls/s, median (min–max)", `× ${against}, median (min–max)`, "target", ""],
    rows.map((row) => [
      row.name,
      spread(row.opsPerSecond, integer),
      spread(row[key], ratio),
      row.target === undefined ? "" : `≥ ${ratio(row.target)}`,
      row.target === undefined ? "" : status(row[key].median >= row.target),
    ]),
  );
}

function bundleTable(bundles) {
  const all = [...bundles.budgets, ...bundles.comparisons];
  const size = (name) => all.find((entry) => entry.name === name)?.size;
  const bare = size("openapi-fetch (bare)");
  const official = size("@stackframe/js (StackServerApp)");
  const rows = all.map((entry) => [
    entry.name,
    entry.size === undefined ? `could not be bundled: ${entry.error}` : kB(entry.size),
    entry.size && bare ? ratio(entry.size / bare) : "",
    entry.size && official ? ratio(entry.size / official) : "",
    entry.name in SIZE_TARGETS ? `≤ ${kB(SIZE_TARGETS[entry.name])}` : "",
    entry.name in SIZE_TARGETS ? status(entry.size <= SIZE_TARGETS[entry.name]) : "",
    entry.sizeLimit === undefined ? "" : `≤ ${kB(entry.sizeLimit)}`,
  ]);
  return table(
    ["smallest real use", "gzip", "× bare openapi-fetch", "× @stackframe/js", "target", "", "CI ceiling"],
    rows,
  );
}

/** For a suite merged into the full run (`--only … --merge`), when, where and how it was measured; else nothing. */
function mergedNote(merged) {
  return merged
    ? `Measured on ${merged.date}${merged.commit ? ` at \`${merged.commit}\`` : ""} (${merged.machine.cpu}, Node ${merged.machine.node}) by \`${merged.command}\`, not in the full run.\n\n`
    : "";
}

/** BENCHMARKS.md: machine, method, every figure with its spread, targets met or missed, and the analysis of the gaps. */
export function renderReport({ results, machine, date, commit, rounds, command, gaps }) {
  const targets = evaluateTargets(results);
  const tc = results.typecheck;
  const gen = results.generation;
  const p = results.pagination;
  const merged = results.merged ?? {};
  return `# Benchmarks

What each call, byte and build of keyway costs, next to bare [openapi-fetch](https://openapi-ts.dev/openapi-fetch/)
and the official Stack Auth SDK. This file is written by \`pnpm bench\` (not part of the test command); do not edit
it by hand. CI enforces a size ceiling per package (\`bench/.size-limit.js\`, today's size plus about 1 %) through \`bench/test/size-budgets.test.ts\`, and heap ceilings per client and item iterator (\`bench/.heap-budgets.js\`) through \`bench/test/heap-budgets.test.ts\`.

Reproduce (from a clone; it builds the packages first):

\`\`\`sh
${command}
\`\`\`

| machine | |
| --- | --- |
| CPU | ${machine.cpu} |
| memory | ${machine.memory} |
| OS | ${machine.os} |
| Node | ${machine.node} |
| measured | ${date}${commit ? `, at \`${commit}\`` : ""} |

**Method.** Every timing is repeated ${rounds} times (rounds), and the report gives the median with the minimum and
maximum. Rounds are interleaved: each round runs every variant once, in a rotated order, so a machine whose speed
drifts (this one is shared) affects them alike; ratios are taken per round (variant ÷ baseline of the same round)
and then summarized. Each call-throughput measurement runs in a fresh Node process, beside the task it is compared
with (bare openapi-fetch in memory, loaded as a module instance of its own so that neither shares the other's
JIT-compiled paths; raw fetch over loopback), in batches taken in turn: one process runs up to 30 % faster or slower
than another here, more than the few per cent the targets are about, so a client's speed is its median ratio to that
partner in its own process. It is timed only after the ramp a fresh process takes to reach its steady speed on this
machine (60,000 calls in memory, 6,000 over loopback, half of them the partner's), then for ${results.callTimeMs} ms
of the client's calls. Every call's result is checked, so no failure is ever timed.

## Targets

${table(
  ["target", "goal", "measured (median)", ""],
  targets.map((t) => [t.what, t.goal, t.value, t.met === undefined ? "reported" : status(t.met)]),
)}

## 1. Per-call overhead, in-memory fetch

${mergedNote(merged.memory)}One GET of one resource by path parameters, answered on the next tick by an in-memory \`fetch\` with the same
~800-byte JSON body for every client (as openapi-fetch's own benchmark mocks fetch), so what is measured is the
client's own cost. "raw fetch" calls that in-memory fetch directly and parses the body; "naive header middleware"
sets Stacker's three headers in an \`onRequest\`. The keyway clients are created as a user would:
\`createStackerClient({ integrationKey, accountId, stackId, fetch })\`, \`createStackAuthServerClient({ projectId,
secretServerKey, fetch })\`, and \`createStackAuthClient({ projectId, publishableClientKey, session, fetch })\` with a
custom session store whose \`get()\` is async. The two \`@keyway/otel\` rows are the Stacker client given
\`instrumentation: openTelemetry()\`, once with no OpenTelemetry SDK registered (the integration off: it does nothing),
once with every span recorded into a \`BatchSpanProcessor\` whose exporter drops them (on); the targets compare each,
round by round, with the same client without the integration. The bare openapi-fetch row is bare openapi-fetch
beside its other instance: how far it strays from 1.00× is the method's noise.

${callsTable(results.memory, "bare openapi-fetch", "vsBare")}

## 2. Per-call overhead, loopback HTTP

${mergedNote(merged.loopback)}The same calls through Node's global \`fetch\` (undici, keep-alive) to a \`node:http\` server with keep-alive on
127.0.0.1, running in its own process and answering every request with the same JSON body. Each client runs beside
raw fetch in its process, in batches of 250 calls (see Method). The raw fetch row is raw fetch beside itself: how
far it strays from 1.00× is the method's noise.

${callsTable(results.loopback, "raw fetch", "vsRawFetch")}

## 3. Auto-pagination

${mergedNote(merged.pagination)}100,000 users in 200 pages of 500 from an in-memory fetch (page texts made before timing):
\`listAllUsers(createStackAuthServerClient(…), { limit: 500 })\`, item by item and by its \`.pages()\`, against a
hand-written \`next_cursor\` loop on bare openapi-fetch (with the same three headers as static client headers). The
"least item iterator" is the smallest \`for await\` iterator one can write over the bare loop's pages (one resolved
promise per item, no checks): what handing out items one by one costs in itself. Each round is one fresh process
that pages with every variant in turn, one warm-up pass each, then ${results.paginationPasses} passes of each in a rotated order, each timed
in CPU time of the process (the passes never wait on I/O, and CPU time leaves out what other tenants of a shared
machine take). A process pages either fast or slowly for its whole life (see the paging gap below), so a variant
is compared with the hand-written loop in its own process: "× the loop" is the median over rounds of the median of
each process's pass pairs.

${table(
  [
    "variant",
    "CPU ms per 100,000 users, median (min–max)",
    "× the loop, median (min–max)",
    "minor page faults per pass",
  ],
  [
    ["hand-written loop, bare openapi-fetch", spread(p.bare.ms, ms), "", integer(p.bare.minorFaults.median)],
    ...[
      ["keyway listAllUsers (the target)", p.keyway],
      ["keyway listAllUsers(…).pages()", p.keywayPages],
      ["least item iterator, bare openapi-fetch", p.leastItemIterator],
    ].map(([name, row]) => [name, spread(row.ms, ms), spread(row.vsBare, ratio), integer(row.minorFaults.median)]),
  ],
)}

keyway's overhead: ${percent(p.keyway.vsBare.median - 1)} (per-round ${percent(p.keyway.vsBare.min - 1)} to ${percent(p.keyway.vsBare.max - 1)}); target ≤ ${percent(results.paginationMaxOverhead)}: ${status(p.keyway.vsBare.median - 1 <= results.paginationMaxOverhead)}.

## 4. Bundle size

${mergedNote(merged.bundles)}The smallest real use of each package (\`bench/size/*.js\`: create a client, make one call), bundled by
[size-limit](https://github.com/ai/size-limit) 12 with esbuild (minified, \`format: "esm"\`, \`platform: "browser"\`),
then gzip level 9. The header-auth entry leaves out openapi-fetch, its peer dependency, which the application
already bundles; the Stacker and Stack Auth entries include it, since it is their dependency. The "without
openapi-fetch" rows show keyway's own share. The official SDK entry is \`new StackServerApp({ …, tokenStore:
"memory" })\` + \`listUsers()\` from \`@stackframe/js\`.

${bundleTable(results.bundles)}

## 5. Type-check cost

${mergedNote(merged.typecheck)}\`bench/typecheck/calls.ts\`: 30 typed calls (12 Stacker, 18 Stack Auth server) that each use their result, checked
with \`tsc --noEmit --extendedDiagnostics\` (\`tsconfig.base.json\`, \`skipLibCheck\`) once with keyway's clients and once
with bare \`createClient<paths>()\` on the same generated declaration files. One warm-up run each, then ${rounds} rounds.
The target is judged on the CPU time of each compilation (\`bench/lib/tsc-cpu.cjs\`: TypeScript's command line run
from its API, timed after TypeScript has loaded), which the other tenants of a shared machine do not stretch as
they do tsc's own wall-clock figures.

${table(
  ["", "bare openapi-fetch", "keyway", "keyway ÷ bare, median (min–max)"],
  [
    [
      "CPU time (the target)",
      spread(tc.bare.cpuSeconds, seconds),
      spread(tc.keyway.cpuSeconds, seconds),
      spread(tc.cpuRatio, ratio),
    ],
    [
      "total time (tsc's, wall clock)",
      spread(tc.bare.totalSeconds, seconds),
      spread(tc.keyway.totalSeconds, seconds),
      spread(tc.totalRatio, ratio),
    ],
    [
      "check time",
      spread(tc.bare.checkSeconds, seconds),
      spread(tc.keyway.checkSeconds, seconds),
      spread(tc.checkRatio, ratio),
    ],
    ["memory used", spread(tc.bare.memoryKb, mb), spread(tc.keyway.memoryKb, mb), spread(tc.memoryRatio, ratio)],
    [
      "files / types / instantiations",
      `${tc.bare.files} / ${integer(tc.bare.types)} / ${integer(tc.bare.instantiations)}`,
      `${tc.keyway.files} / ${integer(tc.keyway.types)} / ${integer(tc.keyway.instantiations)}`,
      "",
    ],
  ],
)}

## 6. Generation and cached build

${mergedNote(merged.generation)}${table(
  ["step", "wall time, median (min–max)"],
  [
    [
      "`node scripts/generate.mjs` (Redocly lint + openapi-typescript + metadata, every spec)",
      spread(gen.generateMs, ms),
    ],
    [`\`turbo run build\`, all ${gen.buildTasks} tasks cache hits`, spread(gen.cachedBuildMs, ms)],
  ],
)}

${results.heap ? heapSection(results.heap, merged.heap) : ""}${gaps.trim()}
`;
}

/** Section 7, from the heap suite's results and, when it was merged into a full run, how and when it ran. */
function heapSection(heap, merged) {
  const { calls, paging, processes } = heap.settings;
  /** The CI ceilings of a client, as "≤ allocated / ≤ retained", or nothing. */
  const callCeilings = (name) => {
    const budget = heapBudgets.calls[name];
    return budget ? `≤ ${bytes(budget.allocatedPerCall)} / ≤ ${bytes(budget.retainedPerCall)}` : "";
  };
  /** The CI ceilings of an item iterator, as "≤ peak / ≤ after the loop", or nothing. */
  const pagingCeilings = (name) => {
    const budget = heapBudgets.paging[name];
    return budget ? `≤ ${heapMb(budget.peak)} / ≤ ${heapMb(budget.retained)}` : "";
  };
  return `## 7. Heap

${mergedNote(merged)}The same calls as section 1 (the in-memory fetch and its ~800-byte body), each client in ${processes} fresh processes
started with \`--expose-gc --single-threaded-gc --no-concurrent-recompilation --min-semi-space-size=64
--max-semi-space-size=64\` (\`bench/lib/heap.mjs\`): a 64 MB young generation holds a batch's garbage without a
scavenge, and \`v8.GCProfiler\` says whether a collection ran anyway, in which case the batch is taken again
(batches taken again this run: ${integer(heap.calls.reduce((sum, row) => sum + row.batchesRedone, 0))}).
After ${integer(calls.warmup)} calls of warm-up, **allocated** is the heap used after a batch of ${integer(calls.batchCalls)} calls
minus before it, per call (median of ${calls.batches} batches, then median (min–max) over processes; the in-memory
fetch's \`Response\` is in every row). **Retained** is the heap after forced full collections before and after
${integer(calls.retainCalls)} more calls, per call, the least of ${calls.retainWindows} such windows in a row: a leak
check, about 0 when nothing leaks. **Client size** is the heap kept by ${integer(calls.clients)} clients created and held
in an array, per client. CI ceilings: \`bench/.heap-budgets.js\`, enforced by \`bench/test/heap-budgets.test.ts\` (the
same measurement with fewer calls).

${table(
  [
    "client",
    "allocated per call, median (min–max)",
    "× bare openapi-fetch",
    "retained per call, median (min–max)",
    "client size",
    "CI ceilings: allocated / retained",
  ],
  heap.calls.map((row) => [
    row.name,
    spread(row.allocatedPerCall, bytes),
    ratio(row.vsBare),
    spread(row.retainedPerCall, signedBytes),
    bytes(row.clientBytes.median),
    callCeilings(row.name),
  ]),
)}

Paging ${integer(paging.items)} items with each item iterator as the paging suite builds it (\`listAllUsers(server, {
limit: 500 })\`, and \`searchAll(stacker, "object.custom.orders")\` in pages of 1,000), against a hand-written loop on
bare openapi-fetch over the same pages (an async generator, so that it hands out items too), each page's text made
when it is asked for. After two passes of warm-up, the live heap (after a forced full collection) is sampled every
${integer(paging.sampleEvery)} items: **peak** is the most it held above the heap before the loop; **after the loop** is
what is still live once the loop is over and a few turns of the event loop have run its pending clean-ups, with the
iterator still referenced. An iterator that kept the pages it
handed out would hold the whole list by the end (over 100 MB of users); one that does not holds about the page in hand.

${table(
  [
    "items",
    "variant",
    "peak live heap, median (min–max)",
    "live after the loop, median (min–max)",
    "CI ceilings: peak / after",
  ],
  heap.paging.flatMap((row) => [
    [
      row.what,
      row.iterator.name,
      spread(row.iterator.peak, heapMb),
      spread(row.iterator.retained, heapMb),
      pagingCeilings(row.iterator.name),
    ],
    [
      row.what,
      "hand-written loop, bare openapi-fetch",
      spread(row.loop.peak, heapMb),
      spread(row.loop.retained, heapMb),
      "",
    ],
  ]),
)}

`;
}
