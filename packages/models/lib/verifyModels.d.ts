/** A file that does not match `manifest.json`. */
export interface ModelFileProblem {
  file: string;
  reason: 'missing' | 'truncated' | 'size' | 'checksum';
  detail: string;
}
/** Verify every file listed in `dir/manifest.json` (existence, size, sha256). */
export declare function verifyModels(dir: string): Promise<{ checked: number; problems: ModelFileProblem[] }>;
