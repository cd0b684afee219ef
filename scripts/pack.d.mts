// Types for scripts/pack.mjs (imported by the e2e tests).
/** The repository's root folder, with a trailing slash. */
export declare const root: string;
/** The packages, in the order an app installs them. */
export declare const PACKAGES: readonly ['core', 'react', 'models'];
/** Build (unless `build` is false) and pack every package into `out`, emptied first; the tarballs' paths. */
export declare function pack(out: string, options?: { build?: boolean }): string[];
