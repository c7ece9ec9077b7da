// A hostile server for the ecosystem matrix: a fixed draw of the answers the adversarial wire fuzz draws at random
// (tests/adversarial/test/wire-answers.ts), written byte for byte, the n-th to the record `wire<n>`. Every runtime's
// fetch reads the same bytes; what each call must end in is checked by expectWireOutcomes.
import { createServer, type AddressInfo, type Socket } from "node:net";
import fc from "fast-check";
import { expect } from "vitest";
import { type Answer, bytesOf, intactJson, wireAnswers } from "../../adversarial/test/wire-answers.js";
import type { WireOutcome } from "./consumer/wire.js";

/** The integration key of the smoke program's Stacker client, which the answers echo. */
export const WIRE_INTEGRATION_KEY = "ik_smoke_7d2c9e";

/** The same answers on every run and runtime, so that a failure names one to replay. */
export const WIRE_ANSWERS: readonly Answer[] = fc.sample(wireAnswers([WIRE_INTEGRATION_KEY]), {
  seed: 48,
  numRuns: 40,
});

const NOT_FOUND = Buffer.from("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

/** The running server, and the `Accept-Encoding` of the last request for each answer. */
export interface WireServer {
  readonly url: string;
  readonly acceptEncodings: (string | undefined)[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1: `GET …/records/wire<n>/` gets answer n, anything else (a redirect's target) a 404. */
export async function startWireServer(): Promise<WireServer> {
  const sockets = new Set<Socket>();
  const acceptEncodings: (string | undefined)[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", (chunk) => {
      const head = chunk.toString("latin1");
      const n = /^GET \S*\/records\/wire(\d+)\//.exec(head)?.[1];
      const answer = n === undefined ? undefined : WIRE_ANSWERS[Number(n)];
      if (!answer) return void socket.end(NOT_FOUND);
      acceptEncodings[Number(n)] = /^accept-encoding: *(.*?)\r$/im.exec(head)?.[1];
      const bytes = bytesOf(answer);
      if (!answer.cut) return void socket.end(bytes);
      socket.write(bytes.subarray(0, Math.ceil(bytes.length / 2)), () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    acceptEncodings,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * That each answer ended in its data (the body itself when it arrived whole as JSON, in an encoding the runtime asked
 * for: Deno's and workerd's fetch do not ask for deflate, and do not decode it) or a typed keyway error, and that none
 * showed the integration key.
 */
export function expectWireOutcomes(outcomes: readonly WireOutcome[], server: WireServer): void {
  expect(outcomes).toHaveLength(WIRE_ANSWERS.length);
  WIRE_ANSWERS.forEach((answer, n) => {
    const outcome = outcomes[n]!;
    const what = `answer ${n}: ${JSON.stringify({ ...answer, body: Buffer.from(answer.body).toString("latin1") })}`;
    const asked = answer.encoding === "none" || (server.acceptEncodings[n] ?? "").includes(answer.encoding);
    const intact = asked && intactJson(answer);
    if (intact) expect(outcome, what).toEqual({ data: JSON.stringify(intact[0]) });
    else if (outcome.error !== undefined)
      expect(outcome, what).toEqual({ error: expect.stringMatching(/^\w*Error$/), showedKey: false });
  });
}
