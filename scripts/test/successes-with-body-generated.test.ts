import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generatedInScratch } from "./fixtures/generated-in-scratch.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

// Which successes of an operation must come with a body (`successesWithBody`), as `pnpm generate` writes it into a
// client's metadata from a spec's responses, read back from the generated file. The runtime fails a call that reads
// JSON and gets one of them empty (a ResponseParseError: its `data` is typed as the body), and takes a success of an
// operation with none (`""`) whose body JSON cannot read as `data: undefined`; so a status listed where the spec
// allows no body fails calls the spec allows, and one left out lets a broken body through as `undefined`.

const BODY = { description: "a record", content: { "application/json": { schema: { type: "object" } } } };
const NONE = { description: "no content" };

/** Each case: an operation's responses, and the successesWithBody its generated metadata must give. */
const CASES: Record<string, { responses: Record<string, unknown>; expected: string }> = {
  "a 200 with a body and a 204 without": { responses: { 200: BODY, 204: NONE }, expected: "200" },
  "two exact successes with a body, in any order": {
    responses: { 201: BODY, 200: BODY, 404: BODY },
    expected: "200 201",
  },
  // 204 and 205 have no content (RFC 9110 §15.3.5, §15.3.6; fetch gives them a null body), whatever a spec declares.
  "a 204 or 205 declared with a body": { responses: { 204: BODY, 205: BODY }, expected: "" },
  "a range with a body": { responses: { "2XX": BODY, 400: BODY }, expected: "2XX" },
  // The range stands for every other 2xx, exact codes listed first.
  "an exact success and the range, both with a body": { responses: { "2XX": BODY, 201: BODY }, expected: "201 2XX" },
  "a range with a body beside a 204": { responses: { "2XX": BODY, 204: NONE }, expected: "2XX" },
  // An exact code overrides the range for itself alone (OpenAPI 3.1 §4.8.16.2): the metadata's "2XX" covers every 2xx,
  // so the range is written as the registered 2xx statuses it still covers, the 202 left out. A 200 that is not JSON
  // is then a ResponseParseError, not `data: undefined`.
  "a range with a body beside an exact success without one": {
    responses: { "2XX": BODY, 202: NONE },
    expected: "200 201 203 206 207 208 226",
  },
  "a range with a body beside exact successes with and without one": {
    responses: { "2XX": BODY, 201: BODY, 202: NONE, 207: NONE },
    expected: "200 201 203 206 208 226",
  },
  "a range with a body beside a 204 and a 202 without one": {
    responses: { "2XX": BODY, 202: NONE, 204: NONE },
    expected: "200 201 203 206 207 208 226",
  },
  "an exact success with a body beside the range without one": {
    responses: { 200: BODY, "2XX": NONE },
    expected: "200",
  },
  "the range without a body alone": { responses: { "2XX": NONE, 404: BODY }, expected: "" },
  "exact successes only, with and without a body": { responses: { 200: BODY, 202: NONE }, expected: "200" },
  // OpenAPI ranges are upper-case; a spec's lower-case one is read as the range, exceptions and all.
  "a lower-case range": { responses: { "2xx": BODY }, expected: "2XX" },
  "a lower-case range beside an exact success without one": {
    responses: { "2xx": BODY, 202: NONE },
    expected: "200 201 203 206 207 208 226",
  },
  "a range written both ways": { responses: { "2xx": BODY, "2XX": BODY }, expected: "2XX" },
  // A key with spaces around it is the status it stands for.
  "a status with spaces around it": { responses: { " 201 ": BODY, "2XX ": NONE }, expected: "201" },
  // Informational and redirect ranges are no successes, beside the 2xx range or alone.
  "1XX and 3XX ranges with a body beside the range": {
    responses: { "1XX": BODY, "2XX": BODY, "3XX": BODY },
    expected: "2XX",
  },
  "1XX and 3XX ranges with a body, no 2xx": { responses: { "1XX": BODY, "3XX": BODY }, expected: "" },
  "a range and default, both with a body": { responses: { "2XX": NONE, default: BODY }, expected: "" },
  // `default` stands for every status the operation does not list: the successes of one that lists no 2xx (the
  // types take it as the success too), an error beside a 2xx (as openapi-fetch types it).
  "default alone, with a body": { responses: { default: BODY }, expected: "2XX" },
  "default beside a 204": { responses: { 204: NONE, default: BODY }, expected: "" },
  "default beside a 200 without a body": { responses: { 200: NONE, default: BODY }, expected: "" },
  "default beside redirects and errors, no 2xx": {
    responses: { 302: NONE, 404: NONE, default: BODY },
    expected: "2XX",
  },
  // A media type map that is empty declares no body: openapi-typescript types its content as never.
  "a success whose content is an empty map": { responses: { 200: { description: "ok", content: {} } }, expected: "" },
  "a success whose media type has no schema": {
    responses: { 200: { description: "ok", content: { "application/json": {} } } },
    expected: "200",
  },
  // A redirect is no success: fetch's `ok` is false for it, and its body is the call's `error`.
  "a 3XX with a body beside a 200 with one": { responses: { 200: BODY, "3XX": BODY, 302: BODY }, expected: "200" },
  "a response given by $ref": {
    responses: { 200: { $ref: "#/components/responses/Record" }, 201: { $ref: "#/components/responses/Empty" } },
    expected: "200",
  },
  "no success with a body at all": { responses: { 204: NONE, 404: BODY }, expected: "" },
};

const paths = Object.fromEntries(
  Object.values(CASES).map(({ responses }, index) => [
    `/case${index}`,
    { get: { operationId: `case${index}`, responses } },
  ]),
);
const spec = {
  openapi: "3.1.0",
  info: { title: "Bodies", version: "1" },
  components: {
    securitySchemes: { Key: { type: "apiKey", in: "header", name: "X-Key" } },
    responses: { Record: BODY, Empty: NONE },
  },
  security: [{ Key: [] }],
  paths,
};

let operations: Record<string, { successesWithBody?: string }>;
let apiWide: string | undefined;

/** Generates the spec's client in a scratch root, and reads its metadata back as the client imports it. */
beforeAll(async () => {
  const metaSource = (await generatedInScratch("bodies", spec)).get("bodies.meta.ts")!;
  const { outputText } = ts.transpileModule(metaSource, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const { apiMeta } = await import(`data:text/javascript,${encodeURIComponent(outputText)}`);
  operations = apiMeta.operations;
  apiWide = apiMeta.successesWithBody;
}, TOOL_STEPS_TIMEOUT_MS);

describe("the generated metadata's successesWithBody, per operation (its own, or the API's)", () => {
  it.each(Object.entries(CASES).map(([name, { expected }], index) => [name, index, expected] as const))(
    "%s",
    (_name, index, expected) => {
      const operation = operations[`GET /case${index}`]!;
      expect(operation.successesWithBody ?? apiWide).toBe(expected);
    },
  );
});
