// A page whose API (served from the page's own origin) redirects every call: with the
// integration key attached to the request, keyway must not let Chromium follow it anywhere.
import { sameOriginStacker } from "./same-origin-stacker.js";

const stacker = sameOriginStacker();

const output = document.createElement("output");
output.id = "redirect";
void stacker
  .GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
  })
  .then(
    ({ response }) => `followed: ${response.status} ${response.url}`,
    (error: unknown) =>
      error instanceof Error
        ? `${error.name} ${(error as { status?: number }).status}: ${error.message}`
        : String(error),
  )
  .then((text) => {
    output.textContent = text;
    document.body.append(output);
    document.body.dataset.state = "done";
  });
