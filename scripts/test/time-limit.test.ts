// withinTimeLimit: the commands a test hook starts through run.mjs, however deep in the helpers it calls, are stopped
// before the hook's own timeout, and the failure names the command that was still running.
import { describe, expect, it } from "vitest";
import { capture, mustRun, withinTimeLimit } from "../lib/run.mjs";

const LINGERING = ["-e", "setInterval(() => {}, 1000)"];
/** A helper of the kind the scripts' tests call (newClientWorkspace, publishWorkspace): it knows nothing of limits. */
const lingerInAHelper = () => mustRun(process.execPath, LINGERING, {});

describe("withinTimeLimit", () => {
  it("stops a command started deep inside it when the limit, less its margin, has passed, naming the command", async () => {
    const started = Date.now();
    const failure = await withinTimeLimit(3_000, lingerInAHelper, 1_000).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const { message } = failure as Error;
    expect(message).toContain(`\`${process.execPath} -e setInterval(() => {}, 1000)\` did not finish within`);
    // About 2 s (the limit less its margin); a busy machine may kill it a little late.
    expect(message).toMatch(/its time limit \(stopped after [1-4]s\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("gives each command what is left of the limit, not the whole of it again", async () => {
    const results = await withinTimeLimit(
      4_000,
      async () => [await capture(process.execPath, LINGERING), await capture(process.execPath, LINGERING)],
      0,
    );
    expect(results.map(({ timedOut }) => timedOut)).toEqual([true, true]);
    expect(results[0]!.ms).toBeGreaterThan(3_000);
    // The second starts after the deadline and still gets a second, to fail with its own output.
    expect(results[1]!.ms).toBeLessThan(3_000);
  });

  it("keeps a command's own shorter timeout, and leaves commands outside it unlimited", async () => {
    const own = await withinTimeLimit(60_000, () => capture(process.execPath, LINGERING, { timeoutMs: 1_000 }));
    expect(own.timedOut).toBe(true);
    expect(own.ms).toBeLessThan(30_000);

    // A limit that has run out by the time the next command starts outside it: the command must not inherit it.
    await withinTimeLimit(500, async () => {}, 0);
    const outside = await capture(process.execPath, ["-e", "setTimeout(() => {}, 2500)"]);
    expect(outside).toMatchObject({ status: 0, timedOut: false });
  });
});
