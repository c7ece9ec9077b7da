// Installs each client the way users do: from a registry (Verdaccio on 127.0.0.1), alone, with
// plain npm in an empty folder, then type-checks and runs a consumer against a mock API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sendJson, startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileConsumer,
  importEveryExport,
  installAlone,
  runConsumer,
  typecheckConsumer,
} from "../lib/registry/consumers.mjs";
import { withinTimeLimit } from "../lib/run.mjs";
import { undeclaredImports } from "../lib/registry/imports.mjs";
import { isClient, publishedManifest, publishWorkspace } from "../lib/registry/workspace.mjs";
import { startVerdaccio } from "../lib/servers/verdaccio.mjs";

interface Published {
  name: string;
  version: string;
  manifest: Record<string, any>;
}

/** What each client's consumer (fixtures/consumers/<client>.mts and .cjs) calls, and what it must send. */
const CLIENTS: Array<{
  name: string;
  handler: Handler;
  requests: Array<{ method: string; url: string; headers: Record<string, string> }>;
  output: object;
}> = [
  {
    name: "@keyway/stacker",
    handler: (req, res) =>
      req.url.includes("/records/")
        ? sendJson(res, 404, { detail: "Not found." })
        : sendJson(res, 200, { message: "hello" }),
    requests: [
      { method: "GET", url: "/api/external/hello/", headers: { "x-integration-key": "ik_consumer_3c9e51" } },
      {
        method: "GET",
        url: "/api/external/objects/object.custom.orders/records/rec_missing/",
        headers: {
          "x-integration-key": "ik_consumer_3c9e51",
          "x-account-id": "acc_consumer",
          "x-stack-id": "app_consumer",
        },
      },
    ],
    output: { hello: { message: "hello" }, notFound: true },
  },
  {
    name: "@keyway/stack-auth",
    handler: (req, res) => {
      if (req.url.startsWith("/users/")) {
        return sendJson(
          res,
          404,
          { code: "USER_NOT_FOUND", error: "User not found." },
          { "x-stack-known-error": "USER_NOT_FOUND" },
        );
      }
      sendJson(res, 200, { id: "proj_consumer", display_name: "Consumer test" });
    },
    requests: [
      {
        method: "GET",
        url: "/projects/current",
        headers: {
          "x-stack-access-type": "server",
          "x-stack-project-id": "proj_consumer",
          "x-stack-secret-server-key": "ssk_consumer_7d41a0",
        },
      },
      {
        method: "GET",
        url: "/users/3f0e2b1c-0000-4000-8000-000000000001",
        headers: { "x-stack-access-type": "server", "x-stack-secret-server-key": "ssk_consumer_7d41a0" },
      },
    ],
    output: {
      projectId: "proj_consumer",
      knownError: "USER_NOT_FOUND",
      verifyWebhook: "function",
      createAccessTokenVerifier: "function",
    },
  },
];

/** Verdaccio, the publish and the installs; each command is stopped before this ends. */
const PREPARE_MS = 360_000;
let work: string;
let registry: Awaited<ReturnType<typeof startVerdaccio>> | undefined;
let published: Published[] = [];
const consumers = new Map<string, string>();
const servers: TestServer[] = [];

beforeAll(() => withinTimeLimit(PREPARE_MS, prepare), PREPARE_MS);

/** Everything the tests below read, made once. */
async function prepare() {
  work = mkdtempSync(join(tmpdir(), "keyway-registry-"));
  registry = await startVerdaccio(join(work, "verdaccio"));
  published = await publishWorkspace(registry.url, join(work, "repo"));
  // One after the other: two installs asking Verdaccio for the same uncached package at once
  // (@types/node) have made it answer 404 for one of them.
  for (const { name } of CLIENTS) {
    try {
      consumers.set(name, await installAlone(registry.url, name, join(work, name.split("/").pop()!)));
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- Verdaccio's log ---\n${registry.output().split("\n").slice(-30).join("\n")}`,
      );
    }
  }
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("publishing to a registry", () => {
  it("publishes every public package, clients included, versioned by the pending changesets", () => {
    const names = published.map((pkg) => pkg.name).sort();
    expect(names).toEqual(
      expect.arrayContaining(["@keyway/header-auth", "@keyway/runtime", "@keyway/stack-auth", "@keyway/stacker"]),
    );
    expect(names).not.toContain("@keyway/test-server");
    expect(published.filter((pkg) => isClient(pkg)).map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(CLIENTS.map((client) => client.name)),
    );
  });

  it("serves manifests without workspace: ranges, depending on the published versions", async () => {
    const versions = new Map(published.map((pkg) => [pkg.name, pkg.version]));
    for (const pkg of published) {
      const manifest = await publishedManifest(registry!.url, pkg.name, pkg.version);
      expect(JSON.stringify(manifest), pkg.name).not.toContain("workspace:");
      for (const [dependency, range] of Object.entries<string>(manifest.dependencies ?? {})) {
        if (versions.has(dependency)) expect(range, `${pkg.name} → ${dependency}`).toBe(`^${versions.get(dependency)}`);
      }
    }
  });
});

describe.each(CLIENTS)("$name installed alone with npm", (client) => {
  const dir = () => consumers.get(client.name)!;

  it("type-checks a strict consumer under moduleResolution node16", async () => {
    const result = await typecheckConsumer(dir(), "node16");
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("type-checks a strict consumer under moduleResolution bundler", async () => {
    const result = await typecheckConsumer(dir(), "bundler");
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("type-checks every entry point's declarations, its @keyway dependencies' too, with ES2021's lib and no DOM", async () => {
    const result = await typecheckConsumer(dir(), "entries");
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("loads every export from ESM and with require(), and imports only declared dependencies", async () => {
    expect(await importEveryExport(dir(), client.name)).toEqual([]);
    expect(undeclaredImports(dir())).toEqual([]);
  });

  it.each(["ESM", "CommonJS"])("calls the API from %s with its credentials and typed results", async (kind) => {
    const server = await startTestServer(client.handler);
    servers.push(server);
    const file = kind === "ESM" ? await compileConsumer(dir()) : join(dir(), "consumer.cjs");
    const result = await runConsumer(dir(), file, { MOCK_URL: server.url });
    expect(result.stderr.replace(/^.*ExperimentalWarning.*\n?|^\(Use `node --trace-warnings.*\n?/gm, "")).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(client.output);
    expect(server.requests.map(({ method, url }) => ({ method, url }))).toEqual(
      client.requests.map(({ method, url }) => ({ method, url })),
    );
    client.requests.forEach((expected, index) => {
      expect(server.requests[index]!.headers).toMatchObject(expected.headers);
    });
  });
});
