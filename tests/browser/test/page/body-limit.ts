// A page whose API (served from the page's own origin) answers one record gzipped without a length, and another
// with a body that never ends: keyway must read the first and stop reading the second at maxResponseBytes. An API on
// another origin (`?other=<origin>`) answers a gzip bomb whose Content-Length CORS shows and whose Content-Encoding
// it hides: keyway must count it as it decodes too.
import { sameOriginStacker } from "./same-origin-stacker.js";

const limits = { maxResponseBytes: 256 * 1024, maxRetries: 0 };
const stacker = sameOriginStacker(limits);
const otherOrigin = sameOriginStacker({ ...limits, baseUrl: new URLSearchParams(location.search).get("other") ?? "" });

/** Renders the record's sid, or the error the call failed with, in an `<output>` named `id`. */
function show(id: string, record_sid: string, client = stacker): Promise<void> {
  const output = document.createElement("output");
  output.id = id;
  return client
    .GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid } },
    })
    .then(
      ({ data }) => `read: ${data?._sid}`,
      (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    )
    .then((text) => {
      output.textContent = text;
      document.body.append(output);
    });
}

void Promise.all([
  show("gzipped", "rec_gzipped"),
  show("endless", "rec_endless"),
  show("hiddenBomb", "rec_bomb", otherOrigin),
]).then(() => {
  document.body.dataset.state = "done";
});
