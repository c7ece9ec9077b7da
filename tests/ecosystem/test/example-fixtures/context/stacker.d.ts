// What @keyway/stacker's doc examples take from the page they are on or the reader's program.
declare const stacker: import("@keyway/stacker").StackerClient;
declare const integrationKey: string;
declare const accountId: string;
declare const stackId: string;
declare const rows: import("@keyway/stacker").RecordWrite[];
declare function reconcile(rows: readonly import("@keyway/stacker").RecordWrite[]): Promise<void>;
declare const params: { path: { object_sid: string } };
declare const body: import("@keyway/stacker").RecordWrite;
