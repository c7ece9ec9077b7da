import { sendJson } from "@keyway/test-server";
import { KeywayError } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { server, stackerAt } from "./network.js";

const RECORD = "/api/external/objects/{object_sid}/records/{record_sid}/";
const OBJECT = "object.custom.orders";

/** How the server answers one call's attempt: at once or after a few ms, well or not. */
type Fate = "ok" | "late ok" | "503 then ok" | "404" | "cut";

describe("many calls at once on one client, the server failing some (property)", () => {
  it("each call gets its own record or a typed error naming its own URL", async () => {
    let fates: readonly Fate[] = [];
    let run = 0;
    const attempts = new Map<string, number>();
    const api = await server((req, res) => {
      const sid = req.url.split("/").at(-2)!;
      const fate = fates[Number(sid.split("-")[1])]!;
      const attempt = (attempts.get(sid) ?? 0) + 1;
      attempts.set(sid, attempt);
      if (fate === "ok") return sendJson(res, 200, { _sid: sid });
      if (fate === "late ok") return void setTimeout(() => sendJson(res, 200, { _sid: sid }), attempt * 3);
      if (fate === "503 then ok")
        return attempt === 1
          ? sendJson(res, 503, { error: sid }, { "retry-after": "0" })
          : sendJson(res, 200, { _sid: sid });
      if (fate === "404") return sendJson(res, 404, { error: `no ${sid}` });
      // "cut": the connection closes mid-body.
      res.writeHead(200, { "content-type": "application/json", "content-length": "50" });
      res.write(`{"_sid": "${sid}`, () => res.destroy());
    });
    const stacker = stackerAt(api.url, { maxRetries: 1 });
    const drawn = fc.array(fc.constantFrom<Fate>("ok", "ok", "late ok", "503 then ok", "404", "cut"), {
      minLength: 1,
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(drawn, async (drawnFates) => {
        fates = drawnFates;
        run++;
        const outcomes = await Promise.all(
          drawnFates.map((_, i) =>
            stacker.GET(RECORD, { params: { path: { object_sid: OBJECT, record_sid: `r${run}-${i}` } } }).then(
              ({ data, error }) => ({ data: data as unknown, error: error as unknown }),
              (thrown: unknown) => ({ data: undefined, error: thrown }),
            ),
          ),
        );
        for (const [i, { data, error }] of outcomes.entries()) {
          const sid = `r${run}-${i}`;
          const fate = drawnFates[i]!;
          if (fate === "ok" || fate === "late ok" || fate === "503 then ok") {
            expect(error).toBeUndefined();
            expect(data).toEqual({ _sid: sid });
          } else if (fate === "404") {
            expect(error).toEqual({ error: `no ${sid}` });
          } else {
            expect(error).toBeInstanceOf(KeywayError);
            expect(String(error)).toContain(`/records/${sid}/`);
          }
        }
      }),
      { numRuns: 25, seed: 5050 },
    );
  }, 60_000);
});
