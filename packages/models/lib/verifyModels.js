// Checks a folder written by `webcam-ml-models copy` against its manifest.json: what the runtime
// would reject at load time (missing, truncated or altered files), found before deploying.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Verify every file listed in `dir/manifest.json`.
 * @param {string} dir the served models folder
 * @returns {Promise<{ checked: number, problems: { file: string, reason: 'missing' | 'truncated' | 'size' | 'checksum', detail: string }[] }>}
 */
export async function verifyModels(dir) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${join(dir, 'manifest.json')}: ${error instanceof Error ? error.message : error}; run \`webcam-ml-models copy ${dir}\` first`, { cause: error });
  }
  const problems = [];
  for (const entry of manifest.files ?? []) {
    const path = join(dir, entry.file);
    const info = await stat(path).catch(() => null);
    if (!info) {
      problems.push({ file: entry.file, reason: 'missing', detail: 'not found' });
      continue;
    }
    if (info.size !== entry.bytes) {
      problems.push({ file: entry.file, reason: info.size < entry.bytes ? 'truncated' : 'size', detail: `${info.size} bytes, manifest says ${entry.bytes}` });
      continue;
    }
    const sha = createHash('sha256').update(await readFile(path)).digest('hex');
    if (sha !== entry.sha256) problems.push({ file: entry.file, reason: 'checksum', detail: `sha256 ${sha}, manifest says ${entry.sha256}` });
  }
  return { checked: (manifest.files ?? []).length, problems };
}
