#!/usr/bin/env node
// Extracts the responses Stack Auth's own end-to-end tests recorded (inline snapshots of
// `NiceResponse { status, body, headers }`) into tests/contract/test/e2e-responses.json, each
// with its source (file:line at the mirrored commit), its request and the operation of our
// spec it answers. Not run by CI (it needs the mirror); run it again when the mirror moves:
//
//   node tests/contract/scripts/extract-e2e-responses.mjs [--mirror <bare git dir>] [--commit <sha>]
//
// With E2E_EXTRACT_VERBOSE=1 it lists every snapshot it skips, with the reason.
// The fixture keeps the data the API returned, not the tests: status, the known-error header,
// the body with each stripped value restored to a stand-in of its type (listed in `placeholders`).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundle, createConfig } from "@redocly/openapi-core";
import { assertedStatus, isWebhookAttempt, requestOf, snapshotsOf } from "./lib/e2e-source.mjs";
import { Instance, parseNicified, unescapeTemplate } from "./lib/nicified.mjs";
import { matchOperation } from "./lib/operation-match.mjs";
import { restoreBody, Unrestorable } from "./lib/placeholders.mjs";

/** Why a snapshot is not used. */
class Skipped {
  /** @param {string} reason */
  constructor(reason) {
    this.reason = reason;
  }
}

const DIRECTORY = "apps/e2e/tests/backend";
const OUT = fileURLToPath(new URL("../test/e2e-responses.json", import.meta.url));
const SPECS = {
  client: fileURLToPath(new URL("../../../specs/stack-auth-client.yaml", import.meta.url)),
  server: fileURLToPath(new URL("../../../specs/stack-auth-server.yaml", import.meta.url)),
};

const { values: args } = parseArgs({
  options: {
    mirror: { type: "string", default: "/work/.mirror/stack-auth+stack-auth/repo" },
    commit: { type: "string", default: "2f719903b181c20940159e9f3aaaa99bc3ec3b0f" },
  },
});
const git = (...command) =>
  execFileSync("git", ["-C", args.mirror, ...command], { encoding: "utf8", maxBuffer: 64 << 20 });
try {
  execFileSync("git", ["-C", args.mirror, "cat-file", "-e", `${args.commit}^{commit}`], { stdio: "ignore" });
} catch {
  console.error(
    `extract-e2e-responses: no commit ${args.commit} in a git directory at ${args.mirror}; pass --mirror and --commit`,
  );
  process.exit(1);
}

const pathsOf = async (spec) =>
  /** @type {{ paths: Record<string, Record<string, unknown>> }} */ (
    (await bundle({ ref: spec, config: await createConfig({}) })).bundle.parsed
  ).paths;
const specPaths = { client: await pathsOf(SPECS.client), server: await pathsOf(SPECS.server) };

const counts = {
  files: 0,
  snapshots: 0,
  matched: 0,
  webhooks: 0,
  skipped: /** @type {Record<string, number>} */ ({}),
};
const skip = (reason, where) => {
  counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
  if (process.env.E2E_EXTRACT_VERBOSE) console.log(`skipped ${where}: ${reason}`);
};
const responses = [];
const webhooks = [];

const files = git("ls-tree", "-r", "--name-only", args.commit, DIRECTORY)
  .split("\n")
  .filter((file) => file.endsWith(".ts"));
for (const file of files) {
  counts.files++;
  const source = git("show", `${args.commit}:${file}`);
  for (const found of snapshotsOf(source)) {
    counts.snapshots++;
    const where = `${file.slice(DIRECTORY.length + 1)}:${found.line}`;
    if (!("snapshot" in found)) skip(found.skipped, where);
    else if (isWebhookAttempt(source, found.at, found.snapshot.subject)) {
      const webhook = webhookOf(found.snapshot);
      if ("skipped" in webhook) skip(webhook.skipped, where);
      else {
        counts.webhooks++;
        webhooks.push({ source: where, ...webhook });
      }
    } else {
      const response = responseOf(source, found.at, found.snapshot);
      if ("skipped" in response) skip(response.skipped, `${where}${response.detail ? ` (${response.detail})` : ""}`);
      else {
        counts.matched++;
        responses.push({ source: where, ...response });
      }
    }
  }
}

writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      about:
        "Responses Stack Auth's end-to-end tests recorded (inline snapshots), matched to operations of specs/stack-auth-*.yaml, and the webhooks they recorded Stack Auth sending (the body: {type, data}). Written by tests/contract/scripts/extract-e2e-responses.mjs; do not edit by hand. Each body's stripped values are restored to stand-ins of their type, listed in `placeholders` (JSON pointer, the placeholder).",
      repository: "stack-auth/stack-auth",
      commit: args.commit,
      directory: DIRECTORY,
      counts,
      responses,
      webhooks,
    },
    null,
    2,
  )}\n`,
);
console.log(
  `${counts.files} files, ${counts.snapshots} snapshots, ${counts.matched} matched to an operation, ${counts.webhooks} webhooks; skipped:`,
  counts.skipped,
);

/** The recorded response of one snapshot, or why it is not used. */
function responseOf(source, at, snapshot) {
  const request = requestOf(source, at, snapshot.subject);
  if ("skipped" in request) return request;
  if (request.accessType === null) return { skipped: "no access type: a request outside any project" };
  if (request.accessType === "admin") return { skipped: "admin access: no spec of ours" };
  const matched = matchOperation(specPaths[request.accessType], request.method, request.url);
  if ("skipped" in matched) return { ...matched, detail: `${request.accessType} ${request.method} ${request.url}` };

  const value = readSnapshot(snapshot);
  if (value instanceof Skipped) return { skipped: value.reason };
  let status;
  let body;
  let knownError;
  let inferred = false;
  if (snapshot.bodyOnly) {
    status = assertedStatus(source, request.at, at, snapshot.subject);
    if (status === undefined) return { skipped: "a snapshot of the body alone, with no status asserted" };
    body = value;
    // Its headers were not recorded; Stack Auth sends every known error, and only those, as a JSON
    // 4xx body `{ code, error }`, with the known-error header naming the code.
    if (status >= 400 && typeof body?.code === "string" && typeof body?.error === "string") {
      knownError = body.code;
      inferred = true;
    }
  } else {
    if (!(value instanceof Instance) || value.name !== "NiceResponse")
      return { skipped: "the snapshot is not a NiceResponse" };
    ({ status, body } = value.fields);
    const headers = value.fields.headers;
    if (headers instanceof Instance) knownError = headers.fields["x-stack-known-error"];
  }
  try {
    const restored = restoreBody(body);
    return {
      operation: matched.operation,
      access: request.accessType,
      method: request.method,
      path: matched.path,
      status,
      ...(typeof knownError === "string" ? { knownError } : {}),
      ...(inferred ? { knownErrorFromBody: true } : {}),
      mediaType: typeof restored.body === "string" ? "text/plain" : "application/json",
      body: restored.body,
      ...(restored.placeholders.length > 0 ? { placeholders: restored.placeholders } : {}),
    };
  } catch (error) {
    if (error instanceof Unrestorable) return { skipped: "a stripped value of unknown type" };
    throw error;
  }
}

/** The value a snapshot shows, or {@link Skipped} when it does not read back. */
function readSnapshot(snapshot) {
  try {
    return parseNicified(unescapeTemplate(snapshot.text.trim()));
  } catch (error) {
    return new Skipped(`the snapshot does not read back: ${error.message.replace(/ at ".*$/s, "")}`);
  }
}

/** A webhook Stack Auth sent, as Svix stored it: its event type and body (`{ type, data }`), or why it is not used. */
function webhookOf(snapshot) {
  const value = readSnapshot(snapshot);
  if (value instanceof Skipped) return { skipped: value.reason };
  const event = value?.eventType;
  if (typeof event !== "string" || value.payload?.type !== event)
    return { skipped: "a webhook attempt without an event type matching its payload's" };
  try {
    const restored = restoreBody(value.payload);
    return {
      event,
      body: restored.body,
      ...(restored.placeholders.length > 0 ? { placeholders: restored.placeholders } : {}),
    };
  } catch (error) {
    if (error instanceof Unrestorable) return { skipped: "a stripped value of unknown type" };
    throw error;
  }
}
