// The Orders API and the values around it, as for @keyway/runtime's examples.
/// <reference path="./runtime.d.ts" />
