// @keyway/stacker/testing/server: the fake on a 127.0.0.1 port (Node only).
export { serveFake } from "@keyway/runtime/testing/server";
export type { FakeServer } from "@keyway/runtime/testing/server";
