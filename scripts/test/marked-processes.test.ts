import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { skipOnPurpose } from "../../vitest.shared.js";
import { markedProcesses } from "../lib/run.mjs";

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

/** Starts a process that lingers after its parent is gone (what a test run may leave behind). */
function orphan(env: Record<string, string>): number {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  started.push(child.pid!);
  return child.pid!;
}

describe("markedProcesses", () => {
  it("finds the processes started with a run's marker, whoever their parent now is, and no others", (context) => {
    if (process.platform !== "linux") skipOnPurpose(context, "it reads /proc, which only Linux has");
    const marker = `run-${process.pid}-${Date.now()}`;
    const mine = orphan({ KEYWAY_TEST_RUN: marker });
    const other = orphan({ KEYWAY_TEST_RUN: `${marker}-other` });
    const found = markedProcesses("KEYWAY_TEST_RUN", marker);
    expect(found.map(({ pid }) => pid)).toEqual([mine]);
    expect(found[0]!.command).toContain("setInterval");
    expect(markedProcesses("KEYWAY_TEST_RUN", `${marker}-other`).map(({ pid }) => pid)).toEqual([other]);
  });
});
