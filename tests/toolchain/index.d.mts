/** The npm packages the binaries come from. */
export declare const PACKAGES: Readonly<
  Record<"node22" | "node24" | "bun" | "deno" | "workerd" | "edgeRuntime" | "typescript" | "typescript7", string>
>;
/** The executables and modules the ecosystem tests run: absolute paths, or undefined when not installed. */
export declare const toolchain: Readonly<
  Record<"node22" | "node24" | "bun" | "deno" | "workerd" | "edgeRuntime" | "tsc" | "tsc7", string | undefined>
>;
/** The version of an installed package of this toolchain. */
export declare function versionOf(name: string): string | undefined;
