import type { components } from "./generated/stacker.js";

type Schemas = components["schemas"];

/** A record: `_sid` plus its fields keyed by field API name (`orders__order_date`). */
export type StackerRecord = Schemas["Record"];
/** The body of a create or update: field API names to values, plus optional `include_fields`. */
export type RecordWrite = Schemas["RecordWrite"];
/** The search body: free text, filters, sort and `start`/`count` paging. All keys optional. */
export type SearchRequest = Schemas["SearchRequest"];
/** One search condition: `{ target, operation, value }`. */
export type Filter = Schemas["Filter"];
/** The 25 filter operations. */
export type FilterOperation = Schemas["FilterOperation"];
/** Relative date tokens usable as a filter value on date fields (`_today`, `_last_month`, …). */
export type RelativeDateToken = Schemas["RelativeDateToken"];
/** The merged ids of a bulk upsert. */
export type BulkUpsertResult = Schemas["BulkUpsertResult"];
export type Account = Schemas["Account"];
export type Stack = Schemas["Stack"];
export type StackObject = Schemas["StackObject"];
export type Field = Schemas["Field"];
export type ActionButton = Schemas["ActionButton"];
