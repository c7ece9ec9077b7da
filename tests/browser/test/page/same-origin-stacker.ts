import { createStackerClient, type StackerClientOptions } from "@keyway/stacker";
import { CREDENTIALS } from "./credentials.js";

/** A Stacker client of a page whose API is served from the page's own origin, with the page's placeholder key. */
export function sameOriginStacker(options: Partial<StackerClientOptions> = {}) {
  return createStackerClient({
    integrationKey: CREDENTIALS.stackerIntegrationKey,
    accountId: CREDENTIALS.stackerAccountId,
    stackId: CREDENTIALS.stackerStackId,
    baseUrl: location.origin,
    dangerouslyAllowBrowser: true,
    ...options,
  });
}
