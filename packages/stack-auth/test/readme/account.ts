// account.ts: the code under test
import { unwrap, type StackAuthClient } from "@keyway/stack-auth";
import type { AccessTokenClaims } from "@keyway/stack-auth/tokens";
import { verifyWebhook } from "@keyway/stack-auth/webhooks";

export async function greeting(stack: StackAuthClient): Promise<string> {
  const me = await unwrap(stack.GET("/users/me"));
  return `Hello, ${me.display_name ?? me.primary_email ?? "there"}!`;
}

/** The new user's email, from a verified `user.created` webhook. */
export function newUserEmail(
  rawBody: string,
  headers: Record<string, string>,
  secret: string,
): string | null | undefined {
  const event = verifyWebhook(rawBody, headers, secret);
  return event.type === "user.created" ? event.data.primary_email : undefined;
}

/** The id of the user whose access token a request to your backend carries, verified locally. */
export async function requestUserId(
  verify: (token: string) => Promise<AccessTokenClaims>,
  accessToken: string,
): Promise<string> {
  return (await verify(accessToken)).sub;
}
