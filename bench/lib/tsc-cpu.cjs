// Runs tsc (TypeScript's own command line, from the API) with the arguments given, then prints
// the CPU time the compilation used, after TypeScript has loaded: on a shared machine that is
// steadier than wall time, which other tenants' load stretches.
//   node tsc-cpu.cjs -p tsconfig.json --noEmit --extendedDiagnostics
const ts = require("typescript");

const started = process.cpuUsage();
process.on("exit", () => {
  const { user, system } = process.cpuUsage(started);
  process.stdout.write(`CPU time: ${((user + system) / 1e6).toFixed(3)}s\n`);
});
ts.sys.setBlocking?.();
ts.executeCommandLine(ts.sys, () => {}, process.argv.slice(2));
