// Runtime detection against the global shapes each runtime really has (workerd's were printed by
// workerd itself at both compatibility dates), and the browser guard's answer on each.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, createHeaderAuth, detectRuntime, isBrowser, type RuntimeGlobals } from "../src/index.js";
import { meta } from "./fixtures.js";

const throwing = () => {
  throw new Error("Failed to execute 'importScripts' on 'WorkerGlobalScope': the method is not implemented.");
};
const BROWSER_UA = {
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
};
const WORKER_LOCATION = { href: "https://app.example.com/worker.js", origin: "https://app.example.com" };
const NODE_PROCESS = { versions: { node: "22.23.5" } };

const SHAPES: [string, RuntimeGlobals, ReturnType<typeof detectRuntime>][] = [
  [
    "a browser page",
    { window: {}, document: {}, navigator: BROWSER_UA, location: WORKER_LOCATION },
    { name: "browser" },
  ],
  [
    "a browser's dedicated or service worker",
    { importScripts: () => {}, location: WORKER_LOCATION, navigator: BROWSER_UA },
    { name: "browser" },
  ],
  [
    "a browser's module worker (importScripts throws there too)",
    { importScripts: throwing, location: WORKER_LOCATION, navigator: BROWSER_UA },
    { name: "browser" },
  ],
  [
    "a DOM emulation on Node (jsdom, happy-dom)",
    { window: {}, document: {}, process: NODE_PROCESS },
    { name: "browser" },
  ],
  ["Node", { process: NODE_PROCESS }, { name: "node", version: "22.23.5" }],
  [
    "Deno 2",
    { Deno: { version: { deno: "2.9.6" } }, navigator: { userAgent: "Deno/2.9.6" }, process: NODE_PROCESS },
    { name: "deno", version: "2.9.6" },
  ],
  [
    "Deno 1, which had a window",
    { Deno: { version: { deno: "1.46.3" } }, window: {}, location: WORKER_LOCATION },
    { name: "deno", version: "1.46.3" },
  ],
  [
    "Bun",
    { Bun: { version: "1.4.5" }, process: { versions: { node: "24.3.0" } }, navigator: { userAgent: "Bun/1.4.5" } },
    { name: "bun", version: "1.4.5" },
  ],
  [
    "Bun with a DOM emulation",
    { Bun: { version: "1.4.5" }, window: {}, document: {} },
    { name: "bun", version: "1.4.5" },
  ],
  [
    "Vercel's edge-runtime",
    { EdgeRuntime: "edge-runtime", navigator: { userAgent: "Vercel Edge Runtime" } },
    { name: "edge-runtime" },
  ],
  [
    "workerd before no_global_importscripts (compatibility date < 2024-03-04)",
    { importScripts: throwing, WebSocketPair: class {}, navigator: { userAgent: "Cloudflare-Workers" } },
    { name: "workerd" },
  ],
  [
    "workerd before global_navigator (compatibility date < 2022-03-21)",
    { importScripts: throwing, WebSocketPair: class {} },
    { name: "workerd" },
  ],
  [
    "workerd after no_global_importscripts",
    { WebSocketPair: class {}, navigator: { userAgent: "Cloudflare-Workers" } },
    { name: "workerd" },
  ],
  ["an unknown runtime", {}, { name: "unknown" }],
];

describe("detectRuntime and isBrowser", () => {
  it.each(SHAPES)("%s", (_name, globals, runtime) => {
    expect(detectRuntime(globals)).toEqual(runtime);
    expect(isBrowser(globals)).toBe(runtime.name === "browser");
  });

  it("read this process's globals by default", () => {
    expect(detectRuntime()).toEqual({ name: "node", version: process.versions.node });
    expect(isBrowser()).toBe(false);
  });
});

describe("the browser guard on each runtime's globals", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each(SHAPES)("%s", (_name, globals, runtime) => {
    vi.stubGlobal("process", undefined);
    for (const [name, value] of Object.entries(globals)) vi.stubGlobal(name, value);
    const create = () => createHeaderAuth({ meta, credentials: { ApiKey: "sk_live_MARKER_7f3a9c" } });
    if (runtime.name === "browser") expect(create).toThrow(ConfigurationError);
    else expect(create).not.toThrow();
  });
});
