/** One file written by {@link copyModels}. */
export interface ModelFile {
  /** Path relative to the destination folder, with `/`. */
  file: string;
  bytes: number;
  sha256: string;
}
/** The `manifest.json` written beside the weights. */
export interface ModelsManifest {
  generatedBy: '@webcam-ml/models';
  groups: string[];
  files: ModelFile[];
}
/** A group of weights that `--only` can choose. */
export type ModelGroup = 'pose' | 'face' | 'segmentation' | 'classifier' | 'wasm';
export declare const groupNames: ModelGroup[];
/** Copy the chosen groups (all by default) into `dest` and write `dest/manifest.json`. */
export declare function copyModels(dest: string, options?: { only?: ModelGroup[] }): Promise<ModelsManifest>;
