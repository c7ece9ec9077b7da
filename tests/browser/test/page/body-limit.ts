// A page whose API (served from the page's own origin) answers one record gzipped without a length, and another
// with a body that never ends: keyway must read the first and stop reading the second at maxResponseBytes.
import { sameOriginStacker } from "./same-origin-stacker.js";

const stacker = sameOriginStacker({ maxResponseBytes: 256 * 1024, maxRetries: 0 });

/** Renders the record's sid, or the error the call failed with, in an `<output>` named `id`. */
function show(id: string, record_sid: string): Promise<void> {
  const output = document.createElement("output");
  output.id = id;
  return stacker
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

void Promise.all([show("gzipped", "rec_gzipped"), show("endless", "rec_endless")]).then(() => {
  document.body.dataset.state = "done";
});
