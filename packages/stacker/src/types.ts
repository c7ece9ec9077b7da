import type { components, Readable, Writable } from "./generated/stacker.js";

type Schemas = components["schemas"];
// What a response holds (readOnly properties, no writeOnly ones) and what a request sends (the other way round), as
// openapi-fetch types a call's `data` and `body`.
type Received<Name extends keyof Schemas> = Readable<Schemas[Name]>;
type Sent<Name extends keyof Schemas> = Writable<Schemas[Name]>;

/** A record: `_sid` plus its fields keyed by field API name (`orders__order_date`). */
export type StackerRecord = Received<"Record">;
/** The body of a create or update: field API names to values, plus optional `include_fields`. */
export type RecordWrite = Sent<"RecordWrite">;
/** One record of a bulk upsert: field API names to values; with `_sid` (a string) it updates that record. */
export type BulkRecord = Sent<"BulkRecord">;
/** The search body: free text, filters, sort and `start`/`count` paging. All keys optional. */
export type SearchRequest = Sent<"SearchRequest">;
/** One search condition: `{ target, operation, value }`. */
export type Filter = Sent<"Filter">;
/** The 25 filter operations. */
export type FilterOperation = Schemas["FilterOperation"];
/** Relative date tokens usable as a filter value on date fields (`_today`, `_last_month`, …). */
export type RelativeDateToken = Schemas["RelativeDateToken"];
/** The merged ids of a bulk upsert. */
export type BulkUpsertResult = Received<"BulkUpsertResult">;
export type Account = Received<"Account">;
export type Stack = Received<"Stack">;
export type StackObject = Received<"StackObject">;
export type Field = Received<"Field">;
export type ActionButton = Received<"ActionButton">;
