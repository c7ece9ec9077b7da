import type { ApiMeta, OperationMeta } from "@keyway/header-auth";

/** How an operation pages, from its `x-keyway-pagination` extension. */
export type PaginationMeta =
  | {
      readonly style: "offset";
      /** Where the paging parameters go. */
      readonly in: "body" | "query";
      /** Name of the zero-based offset parameter. */
      readonly offset: string;
      /** Name of the page-size parameter. */
      readonly limit: string;
      /** Response property holding a page (a bare array response is accepted too). */
      readonly items: string;
      /** The page size the API uses when none is sent (the limit parameter's spec default). */
      readonly pageSize?: number;
    }
  | {
      readonly style: "cursor";
      readonly in: "body" | "query";
      readonly cursor: string;
      readonly limit: string;
      readonly items: string;
      /** Dotted path of the next cursor in the response; `null` or absent ends the list. */
      readonly nextCursor: string;
      readonly pageSize?: number;
    };

/** Everything the runtime reads about one operation. Generated from the spec. */
export interface ClientOperationMeta extends OperationMeta {
  readonly pagination?: PaginationMeta;
  /** Safe to retry although its method is not idempotent (`x-keyway-idempotent`, e.g. a search sent as POST). */
  readonly idempotent?: boolean;
  /** `maxItems` of an array request body (e.g. 1000 records per bulk request). */
  readonly maxBodyItems?: number;
}

/** The generated description of an API (`<spec>.meta.ts`) that a keyway client runs on. */
export interface ClientMeta<Scheme extends string = string> extends ApiMeta<Scheme> {
  readonly operations: { readonly [key: string]: ClientOperationMeta };
  /** Query parameters whose value is sent as JSON text (`content: application/json`). */
  readonly jsonQueryParameters: readonly string[];
}
