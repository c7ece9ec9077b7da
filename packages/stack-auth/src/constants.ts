/** Stack Auth's API. The service is being renamed (Hexclave); pass `baseUrl` to use another host. */
export const STACK_AUTH_BASE_URL = "https://api.stack-auth.com/api/v1";
