import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/index.js";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// A fake reads the spec data `pnpm generate` writes, not the OpenAPI document it is made from: given the document (or
// nothing), it says so as the misuse it is, naming the function the test called, instead of failing inside its code.

const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "Orders", version: "1" },
  paths: { "/orders": { get: { responses: { 200: { description: "ok" } } } } },
};

function misuse(spec: unknown, factory?: string): unknown {
  try {
    createFakeApi({ spec: spec as SpecData, name: "Orders", ...(factory ? { factory } : {}) });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("fake API: spec data misused", () => {
  it("refuses an OpenAPI document, saying what to give instead", () => {
    const error = misuse(openApiDocument);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'createFakeApi: spec is an OpenAPI document, which the fake does not read: give the spec data "pnpm generate" writes (import { specData } from "./generated/<spec>.spec-data.js")',
    );
  });

  it("names the client package's factory the test called", () => {
    expect((misuse(openApiDocument, "createOrdersFake") as Error).message).toMatch(
      /^createOrdersFake: spec is an OpenAPI document/,
    );
  });

  it("names what an object lacks to be spec data, and what a value that is no object is", () => {
    expect((misuse({ operations: {}, schemas: {} }) as Error).message).toMatch(
      /^createFakeApi: spec lacks basePath, securitySchemes, responses, so it is no spec data: give/,
    );
    expect((misuse(undefined) as Error).message).toMatch(/^createFakeApi: spec is undefined: give/);
    expect(misuse({ basePath: "", operations: {}, schemas: {}, securitySchemes: {}, responses: {} })).toBeUndefined();
  });
});
