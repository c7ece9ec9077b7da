// A small recording proxy in front of a mock (Prism) on 127.0.0.1, for the demo: it records every
// request as it arrived (method, path, headers) and answers some from a fault plan (a 503 once, a
// 404, an expired session) instead of forwarding them. GET /__recorded lists the recordings.
import { createServer } from "node:http";
import { listenLocally } from "./local-server.mjs";

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string> }} Recorded
 * @typedef {{ status: number, headers?: Record<string, string>, body: unknown }} Answer
 * @typedef {{ match: (request: Recorded) => boolean, times?: number, answer: Answer | ((request: Recorded) => Answer) }} Fault
 */

/**
 * Starts the proxy in front of `target` (a base URL). A request matching a fault is answered by
 * it (at most `times` times, if given); every other one is forwarded.
 * @param {string} target
 * @param {Fault[]} faults
 * @returns {Promise<import("./local-server.mjs").LocalServer>}
 */
export async function startRecordingProxy(target, faults = []) {
  /** @type {Recorded[]} */
  const recorded = [];
  const used = new Map();
  const server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    if (path === "/__recorded") return answer(response, { status: 200, body: recorded });
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(", ") : String(value),
      ]),
    );
    const entry = { method: request.method ?? "GET", path, headers };
    recorded.push(entry);
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);

    const fault = faults.find(
      (candidate) =>
        candidate.match(entry) && (candidate.times === undefined || (used.get(candidate) ?? 0) < candidate.times),
    );
    if (fault) {
      used.set(fault, (used.get(fault) ?? 0) + 1);
      return answer(response, typeof fault.answer === "function" ? fault.answer(entry) : fault.answer);
    }
    try {
      const { host: _host, connection: _connection, ...forwarded } = headers;
      const upstream = await fetch(`${target}${path}`, {
        method: entry.method,
        headers: forwarded,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      response.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
        "content-length": body.length,
      });
      response.end(body);
    } catch (error) {
      answer(response, { status: 502, body: { detail: `recording proxy: ${error}` } });
    }
  });
  return listenLocally(server);
}

/** @param {import("node:http").ServerResponse} response @param {Answer} answer */
function answer(response, { status, headers = {}, body }) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
