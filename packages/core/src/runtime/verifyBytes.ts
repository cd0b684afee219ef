/** Checks of downloaded model bytes against what manifest.json says about them. */
import { ModelLoadError } from './ModelLoadError';
import type { ManifestFile } from './manifest';

/** Whether the bytes are an HTML page (a dev server's fallback) rather than model data. */
export function isHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
}

/** Throw `truncated` or `checksum` when the size differs from the file's line of manifest.json. */
export function checkSize(url: string, body: Uint8Array<ArrayBuffer>, expected: ManifestFile): void {
  if (body.byteLength < expected.bytes) throw new ModelLoadError(url, 'truncated', `${body.byteLength} of ${expected.bytes} bytes (manifest.json)`);
  if (body.byteLength !== expected.bytes) throw new ModelLoadError(url, 'checksum', `${body.byteLength} bytes, manifest.json says ${expected.bytes}`);
}

/** Throw `checksum` when the bytes' sha256 differs from their line of manifest.json. */
export async function checkSha256(url: string, body: Uint8Array<ArrayBuffer>, expected: ManifestFile): Promise<void> {
  const sha = await sha256Hex(body);
  if (sha !== null && sha !== expected.sha256) throw new ModelLoadError(url, 'checksum', `sha256 ${sha}, manifest.json says ${expected.sha256}`);
}

/** Throw `truncated` or `checksum` when the bytes differ from their line of manifest.json. */
export async function verify(url: string, body: Uint8Array<ArrayBuffer>, expected: ManifestFile): Promise<void> {
  checkSize(url, body, expected);
  await checkSha256(url, body, expected);
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  // An insecure context has no crypto.subtle; it cannot run the camera either (except localhost).
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

