// Types of a fake's operations, read from openapi-typescript's generated `paths`.
import type { Readable, Writable } from "openapi-typescript-helpers";

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** Every operation of `Paths` as `"METHOD /path/{param}"`, e.g. `"GET /users/{user_id}"`. */
export type OperationKey<Paths> = {
  [P in keyof Paths & string]: {
    [M in Method]: M extends keyof Paths[P]
      ? [NonNullable<Paths[P][M]>] extends [never]
        ? never
        : `${Uppercase<M>} ${P}`
      : never;
  }[Method];
}[keyof Paths & string];

/** The generated operation object of `"METHOD /path"`. */
export type OperationAt<Paths, K extends string> = K extends `${infer M} ${infer P}`
  ? P extends keyof Paths
    ? Lowercase<M> extends keyof Paths[P]
      ? NonNullable<Paths[P][Lowercase<M>]>
      : never
    : never
  : never;

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};
type Part<P, K extends string> = K extends keyof P
  ? [NonNullable<P[K]>] extends [never]
    ? {}
    : NonNullable<P[K]>
  : {};

/** The parameters of a request, as the fake received and parsed them (query values parsed by their schema). */
export interface RequestParams<Op> {
  readonly path: Part<ParametersOf<Op>, "path">;
  readonly query: Partial<Part<ParametersOf<Op>, "query">>;
  readonly header: Partial<Part<ParametersOf<Op>, "header">>;
  readonly cookie: Partial<Part<ParametersOf<Op>, "cookie">>;
}

type ContentOf<T> = T extends { content: infer C }
  ? "application/json" extends keyof C
    ? C["application/json"]
    : C[keyof C]
  : undefined;

/**
 * The request body of an operation (`undefined` when it takes none, and possibly `undefined` when the spec makes it
 * optional), without the properties marked readOnly.
 */
export type RequestBody<Op> = Op extends { requestBody?: infer B }
  ? [NonNullable<B>] extends [never]
    ? undefined
    : Op extends { requestBody: unknown }
      ? Writable<ContentOf<NonNullable<B>>>
      : Writable<ContentOf<NonNullable<B>>> | undefined
  : undefined;

type Responses<Op> = Op extends { responses: infer R } ? R : never;
type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;
/** A status key of a spec (`200`, `"4XX"`, `"default"`) as the numbers it stands for. */
type StatusesOf<Key> = Key extends number
  ? Key
  : Key extends `${infer N extends number}`
    ? N
    : Key extends `${infer D extends 1 | 2 | 3 | 4 | 5}XX`
      ? ToNumber<`${D}${Digit}${Digit}`>
      : Key extends "default"
        ? number
        : never;

/** Every status an operation declares, as numbers. */
export type ResponseStatus<Op> = { [K in keyof Responses<Op>]: StatusesOf<K> }[keyof Responses<Op>];

/**
 * The body of the operation's response with `status` (matching `4XX`-style and `default` entries too), without the
 * properties marked writeOnly.
 */
export type ResponseBody<Op, Status extends number> = {
  [K in keyof Responses<Op>]: Status extends StatusesOf<K> ? Readable<ContentOf<Responses<Op>[K]>> : never;
}[keyof Responses<Op>];

type SuccessKeys<Op> = {
  [K in keyof Responses<Op>]: StatusesOf<K> extends infer S
    ? S extends 200 | 201 | 202 | 203 | 204 | 205 | 206
      ? K
      : never
    : never;
}[keyof Responses<Op>];

/** The body of the operation's success (2xx) responses, without the properties marked writeOnly. */
export type SuccessBody<Op> = Readable<ContentOf<Responses<Op>[SuccessKeys<Op>]>>;

/** The keys `T` names, without its index signatures (`{ records: …; [key: string]: unknown }` → `"records"`). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: K };
/** The items of a page: a bare array's, or those of the page object's array properties. */
type ItemsOf<Page> = Page extends readonly (infer Item)[]
  ? Item
  : { [K in NamedKeys<Page>]-?: NonNullable<Page[K]> extends readonly (infer Item)[] ? Item : never }[NamedKeys<Page>];

/** An item of the operation's pages (`fake.items`): an element of its success body, or of that body's item list. */
export type PageItem<Op> = ItemsOf<SuccessBody<Op>>;
