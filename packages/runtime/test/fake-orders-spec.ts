import type { ResponseData, SpecData } from "../src/testing/index.js";

/** A spec of one public operation, `GET /orders`, answering `responses`: the fake tests' smallest API. */
export function ordersSpec(responses: Record<string, ResponseData>): SpecData {
  return {
    basePath: "",
    securitySchemes: {},
    operations: { "GET /orders": { id: "listOrders", security: [], parameters: [], responses } },
    responses: {},
    schemas: {},
  };
}

/**
 * Values of a numeric option that no comparison or template literal can convert without throwing, each with how an
 * error message names it: a Symbol, an object without a prototype, an object whose conversions are not functions.
 */
export const UNCONVERTIBLE_VALUES: readonly [unknown, string][] = [
  [Symbol("s"), "Symbol(s)"],
  [Object.create(null), "an object"],
  [{ toString: false, valueOf: false }, "an object"],
];
