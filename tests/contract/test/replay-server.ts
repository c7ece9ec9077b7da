import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A recorded answer: status, body (a string is sent as text, anything else as JSON) and the known-error header. */
export interface ReplayAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly knownError?: string;
}

/** A server on 127.0.0.1 that answers every request with the answer it is given, and records what reached it. */
export interface ReplayServer {
  readonly url: string;
  /** Sets what the following requests are answered with. */
  answerWith(answer: ReplayAnswer): void;
  /** `METHOD /path` of each request since the last call, then forgets them. */
  take(): string[];
  close(): Promise<void>;
}

/** Starts a {@link ReplayServer} on a free port of 127.0.0.1. */
export async function startReplayServer(): Promise<ReplayServer> {
  let answer: ReplayAnswer = { status: 500, body: "no answer set" };
  let received: string[] = [];
  const server: Server = createServer((request, response) => {
    received.push(`${request.method} ${new URL(request.url ?? "/", "http://127.0.0.1").pathname}`);
    request.resume();
    request.on("end", () => {
      const text = typeof answer.body === "string";
      response.writeHead(answer.status, {
        "content-type": text ? "text/plain; charset=utf-8" : "application/json",
        ...(answer.knownError ? { "x-stack-known-error": answer.knownError } : {}),
      });
      response.end(text ? (answer.body as string) : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answerWith: (next) => {
      answer = next;
    },
    take: () => {
      const taken = received;
      received = [];
      return taken;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
