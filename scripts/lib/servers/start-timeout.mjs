// How long any server the tests start (Prism, Verdaccio) may take to listen. Shorter than the vitest
// hook timeout (vitest.shared.ts, which imports this file alone), so a slow start fails with the
// server's own output rather than "Hook timed out".
export const SERVER_START_TIMEOUT_MS = 90_000;
