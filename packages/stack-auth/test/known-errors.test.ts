// The known errors each operation declares (`x-keyway-known-errors`) and the statuses it declares
// must agree with specs/stack-auth/known-errors.yaml, the table traced from the handlers' source.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (path: string) => parse(readFileSync(new URL(`../../../specs/${path}`, import.meta.url), "utf8"));

type Access = "client" | "server";
interface Layer {
  codes: string[];
  client?: string[];
  server?: string[];
}
interface Row {
  layers: string[];
  codes?: string[];
  client?: string[];
  server?: string[];
  text?: number[];
  clientText?: number[];
  serverText?: number[];
  source: string;
}
interface Operation {
  security?: Record<string, unknown>[];
  responses: Record<string, unknown>;
  "x-keyway-known-errors"?: string[];
}

const table = read("stack-auth/known-errors.yaml") as {
  source: string;
  layers: Record<string, Layer>;
  operations: Record<string, Row>;
};
const details = read("stack-auth/components.yaml").components.schemas.KnownErrorDetails.properties as Record<
  string,
  { "x-keyway-status": number }
>;
const METHODS = ["get", "put", "post", "delete", "patch"];

/** Every operation of a root spec, keyed `METHOD /path`. */
function operationsOf(spec: string): Map<string, Operation> {
  const paths = read(spec).paths as Record<string, Record<string, Operation>>;
  return new Map(
    Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m]!] as const),
    ),
  );
}

/** The codes and statuses the table gives an operation for one access type. */
function expected(access: Access, key: string, operation: Operation) {
  const row = table.operations[key]!;
  const layer = (name: string) => [...table.layers[name]!.codes, ...(table.layers[name]![access] ?? [])];
  const security = operation.security ?? [];
  const sendsCredentials = security.length > 0;
  const maySendAccessToken = security.some((alternative) => "AccessToken" in alternative);
  const codes = new Set([
    ...layer("T"),
    ...(sendsCredentials ? layer("H") : []),
    ...(maySendAccessToken ? layer("U") : []),
    ...row.layers.flatMap(layer),
    ...(row.codes ?? []),
    ...(row[access] ?? []),
  ]);
  const statuses = new Set([
    ...[...codes].map((code) => details[code]?.["x-keyway-status"]),
    ...(row.text ?? []),
    ...(row[`${access}Text`] ?? []),
  ]);
  return { codes, statuses };
}

const declares = (responses: Record<string, unknown>, status: number) =>
  `${status}` in responses || `${String(status)[0]}XX` in responses || "default" in responses;

describe("the known-errors table", () => {
  it("cites its source and gives every code it names a status in KnownErrorDetails", () => {
    expect(table.source).toMatch(/^stack-auth\/stack-auth@[0-9a-f]{40}$/);
    const named = [
      ...Object.values(table.layers).flatMap((l) => [...l.codes, ...(l.client ?? []), ...(l.server ?? [])]),
      ...Object.values(table.operations).flatMap((r) => [...(r.codes ?? []), ...(r.client ?? []), ...(r.server ?? [])]),
    ];
    expect(named.filter((code) => typeof details[code]?.["x-keyway-status"] !== "number")).toEqual([]);
    for (const row of Object.values(table.operations)) expect(row.source).toBeTruthy();
  });
});

describe.each([
  ["client", "stack-auth-client.yaml"],
  ["server", "stack-auth-server.yaml"],
] as const)("%s access (specs/%s)", (access, spec) => {
  const operations = operationsOf(spec);

  it("every operation has a row in the table", () => {
    expect([...operations.keys()].filter((key) => !table.operations[key])).toEqual([]);
  });

  it.each([...operations.keys()])(
    "%s declares exactly the table's codes, and every status they and its plain-text errors are sent with",
    (key) => {
      const operation = operations.get(key)!;
      const { codes, statuses } = expected(access, key, operation);
      const declared = new Set(operation["x-keyway-known-errors"] ?? []);
      expect({
        missing: [...codes].filter((c) => !declared.has(c)),
        extra: [...declared].filter((c) => !codes.has(c)),
      }).toEqual({ missing: [], extra: [] });
      expect([...statuses].filter((status) => !declares(operation.responses, status!))).toEqual([]);
    },
  );
});
