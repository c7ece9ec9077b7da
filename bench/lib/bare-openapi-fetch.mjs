// Bare openapi-fetch as a module instance of its own. A keyway client in the same process would otherwise
// share (and make polymorphic) the JIT feedback of openapi-fetch's functions, which a process that uses bare
// openapi-fetch alone has to itself.

/** @type {typeof import("openapi-fetch").default} */
export const createBareClient = (await import(`${import.meta.resolve("openapi-fetch")}?bare`)).default;
