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
/** Options of {@link copyModels}. */
export interface CopyModelsOptions {
  /**
   * The groups to copy.
   * @default every group
   */
  only?: ModelGroup[];
  /**
   * The app's directory: its `@tensorflow/tfjs-backend-wasm` (after the one of the project holding
   * `dest`) provides the wasm binaries, so they match the JavaScript the app bundles; this
   * package's own copy is used only when the app has none.
   * @default process.cwd()
   */
  cwd?: string;
}
/**
 * Copy the chosen groups (all by default) into `dest` and write `dest/manifest.json`. The wasm
 * binaries come from the app's `@tensorflow/tfjs-backend-wasm` when it has one.
 */
export declare function copyModels(dest: string, options?: CopyModelsOptions): Promise<ModelsManifest>;

/** The name of the self-contained executor worker beside the weights (`workerUrl`). */
export declare const WORKER_FILE: string;
/** Copies @webcam-ml/core's executor worker next to the weights; the path written, or null when there is none to copy. */
export declare function copyWorker(dest: string, appDirs?: string[]): Promise<string | null>;
