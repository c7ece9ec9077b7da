// What @keyway/stack-auth's doc examples take from the page they are on or the reader's program.
declare const stack: import("@keyway/stack-auth").StackAuthClient;
declare const admin: import("@keyway/stack-auth/server").StackAuthServerClient;
declare const fake: import("@keyway/stack-auth/testing").StackAuthFake<import("@keyway/stack-auth").ClientPaths>;
declare const projectId: string;
declare const publishableClientKey: string;
declare const email: string;
declare const password: string;
declare const user_id: string;
declare const token: string;
declare const request: Request;
declare const error: unknown;
declare const ada: import("@keyway/stack-auth").ServerUser;
declare const grace: import("@keyway/stack-auth").ServerUser;
declare const verifyAccessToken: (token: string) => Promise<unknown>;
declare function showLoginError(): void;
declare function redirectToLogin(): void;
declare function reportOutage(error: Error): void;
declare const expect: typeof import("vitest").expect;
