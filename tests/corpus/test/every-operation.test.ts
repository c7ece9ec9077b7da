// Every operation of each corpus spec that `pnpm new-client`'s generated test could call, called as that test would
// call it (its sample values, through a keyway client made from the spec's metadata) against the test kit's fake of
// the same spec. corpus.test.ts runs the one operation new-client chooses; an app's tests call the others, so the
// request the client writes must meet the fake's reading of the spec for every one, and the fake's default answer
// must reach the caller as data. A spec's own slips are listed below with what they do.
import { type Credential, createHeaderAuth } from "@keyway/header-auth";
import {
  type ClientMeta,
  cookieParameters,
  createApiClient,
  formBodies,
  headerParameters,
  mediaBodies,
  operationServers,
} from "@keyway/runtime";
import { createFakeApi, type SpecData } from "@keyway/runtime/testing";
import { describe, expect, it } from "vitest";
import { specModelOf } from "../../../scripts/lib/generate/generated-files.mjs";
import { credentialOptions, testableOperation } from "../../../scripts/lib/new-client/api.mjs";
import { callOf } from "../../../scripts/lib/new-client/package-files.mjs";
import { ignoredHeaders, METHODS } from "../../../scripts/lib/spec/meta.mjs";
import { corpus, sourceOf } from "./corpus.js";

/** What each spec's slips make of its operations: the fake refuses the request, as the spec says. */
const SPEC_SLIPS: Readonly<Record<string, readonly string[]>> = {
  shipengine: [
    // Closed bodies that require a property no part declares: `shipment_id` and `shipment` both, where each of two
    // alternatives declares one; `from_state_provinced`, a typo of `from_state_province`.
    'POST /v1/rates: request body: required property "shipment" is missing',
    'POST /v1/rates/estimate: request body: required property "from_state_provinced" is missing',
  ],
};

/** One outcome per operation the generated test could call that is not an answer meeting the spec. */
async function outcomesOf(name: string, specPath: string): Promise<string[]> {
  const model = await specModelOf(specPath, name);
  // The JavaScript that derives them declares their types only by example.
  const { spec } = model;
  const meta = model.meta as unknown as ClientMeta<string>;
  const specData = model.specData as unknown as SpecData;
  const fake = createFakeApi({ spec: specData, name, meta });
  const credentials: Record<string, Credential> = {};
  const credentialNames: Record<string, string> = {};
  for (const option of credentialOptions(spec, meta))
    for (const scheme of option.schemes) {
      credentials[scheme] =
        option.kind === "basic" ? { username: "user-1", password: "password-1" } : `${option.option}-value-1`;
      credentialNames[scheme] = option.option;
    }
  const { client } = createApiClient({
    meta,
    auth: createHeaderAuth({ meta, credentials, credentialNames, factory: `create${name}Client` }),
    baseUrl: `https://api.example.test${fake.basePath}`,
    fetch: fake.fetch,
    maxRetries: 0,
    // Whatever the spec's operations need, as the client new-client writes passes it.
    formBodies,
    mediaBodies,
    cookieParameters,
    headerParameters,
    operationServers,
  });
  const call = client as unknown as Record<string, (path: string, init: object) => Promise<{ response: Response }>>;
  const ignored = ignoredHeaders(spec);
  const outcomes: string[] = [];
  for (const [path, pathItem] of Object.entries(spec.paths ?? {}))
    for (const method of METHODS) {
      if (!(pathItem as Record<string, unknown>)[method]) continue;
      const candidate = testableOperation(spec, meta, path, method, ignored);
      if ("passOver" in candidate) continue;
      const operation = `${candidate.method} ${path}`;
      fake.reset();
      let status: number;
      try {
        ({ status } = (await call[candidate.method]!(path, callOf(candidate).init)).response);
      } catch (error) {
        outcomes.push(`${operation}: threw ${(error as Error).name}: ${(error as Error).message}`);
        continue;
      }
      // Each violation as verify() words it, the operation first ("POST /v1/rates: request body: …").
      if (fake.violations.length) outcomes.push(...fake.violations);
      else if (status >= 300) outcomes.push(`${operation}: answered ${status}`);
    }
  return outcomes;
}

describe("every operation of a corpus spec, called with new-client's samples through a client and the fake", () => {
  for (const spec of corpus)
    it(`${spec.name}: each request meets the fake's spec and each default answer reaches the caller`, async () => {
      expect(await outcomesOf(spec.name, sourceOf(spec))).toEqual(SPEC_SLIPS[spec.name] ?? []);
    }, 60_000);
});
