// A page whose API (served from the page's own origin) answers 401 with `WWW-Authenticate: Basic`, and whose origin
// holds a cookie (the test sets it): keyway's call must fail at once with the API's 401, without the browser's login prompt (which
// waits for an answer nobody gives, until the call times out) and without the page's cookies.
import { sameOriginStacker } from "./same-origin-stacker.js";

const stacker = sameOriginStacker({ timeout: 5_000, maxRetries: 0 });

const output = document.createElement("output");
output.id = "unauthorized";
void stacker
  .GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
    params: { path: { object_sid: "object.custom.orders", record_sid: "rec1" } },
  })
  .then(
    ({ response }) => `answered: ${response.status}`,
    (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  )
  .then((text) => {
    output.textContent = text;
    document.body.append(output);
    document.body.dataset.state = "done";
  });
