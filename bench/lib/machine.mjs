import { cpus, release, totalmem, type } from "node:os";

/** What the figures were measured on: CPU model and count, memory, OS and Node version. */
export function describeMachine() {
  const processors = cpus();
  const model = processors[0]?.model?.trim() || "unknown CPU";
  return {
    cpu: `${model} (${processors.length} logical cores)`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${type()} ${release()} ${process.arch}`,
    node: process.version,
  };
}
