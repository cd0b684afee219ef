// Types for bench/lib/fakeCamera.js (imported by tests/setup/chromium.ts).

/** Makes (once) the .y4m clip Chromium's fake camera plays and returns its path. */
export function fakeCameraClip(name?: string): string;
