// Types for bench/lib/chromium.js (imported by tests/setup/chromium.ts).

/** Makes (once) the .y4m clip Chromium's fake camera plays and returns its path. */
export function fakeCameraClip(name?: string): string;
/** Debian's Chromium; never a downloaded browser. */
export const chromiumPath: string;
/** Flags that keep Chromium off the (closed) network. */
export const quietFlags: string[];
/** Flags that make a .y4m clip the camera, with permission granted. */
export function fakeCameraFlags(clip?: string): string[];
