// Values README samples take from the reader's own program.
declare const stacker: import("@keyway/stacker").StackerClient;
declare const rows: import("@keyway/stacker").RecordWrite[];
declare const integrationKey: string;
declare const email: string;
declare const password: string;
declare const token: string;
declare const log: { debug(...values: unknown[]): void; warn(...values: unknown[]): void };
declare const metrics: { timing(name: string, milliseconds: number, tags?: Record<string, unknown>): void };
declare const admin: import("@keyway/stack-auth/server").StackAuthServerClient;
