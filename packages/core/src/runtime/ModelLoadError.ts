import { CodedError } from '../errors/CodedError';
/** Why a model file could not be loaded. */
export type ModelLoadErrorReason =
  /** The server answered 404: the file is not where `modelBaseUrl` says (run `npx webcam-ml-models copy`). */
  | 'not-found'
  /** Any other HTTP error status. */
  | 'http'
  /** An HTML page came back instead of JSON or weights (an SPA fallback or a login page). */
  | 'html'
  /** Fewer bytes than the manifest or the model's weights manifest declares. */
  | 'truncated'
  /** The bytes differ from the manifest (sha256 or size). */
  | 'checksum'
  /** The last consumer left before the load finished. */
  | 'aborted'
  /** The request failed (offline, CORS, connection reset). */
  | 'network'
  /** The model description is not valid JSON. */
  | 'parse'
  /**
   * `manifest.json` could not be read (still failing after a bounded retry, or missing where the
   * `integrity` setting requires it or the folder served one before): the files cannot be verified.
   */
  | 'manifest-unavailable';

const hints: Record<ModelLoadErrorReason, string> = {
  'not-found': 'not found (404); is the models folder served at modelBaseUrl? Run `npx webcam-ml-models copy <served dir>`',
  http: 'HTTP error',
  html: 'an HTML page was served instead of the model file; check modelBaseUrl and the server fallback',
  truncated: 'the file is truncated',
  checksum: 'the file does not match its sha256 in manifest.json; re-run `npx webcam-ml-models copy`',
  aborted: 'the load was aborted because its last consumer left',
  network: 'the request failed',
  parse: 'the model description is not valid JSON',
  'manifest-unavailable': "manifest.json is unreadable, so nothing can be verified (integrity: 'off' skips it)",
};

/** A model file failed to load; `url` says which file and `reason` why. */
export class ModelLoadError extends CodedError<ModelLoadErrorReason> {
  override readonly name = 'ModelLoadError';
  /** The absolute URL of the file that failed. */
  readonly url: string;
  /** The same as `code` (kept for code written before every error had one). */
  readonly reason: ModelLoadErrorReason;
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;

  constructor(url: string, reason: ModelLoadErrorReason, detail?: string, options?: { cause?: unknown; status?: number }) {
    super(reason, `Cannot load ${url}: ${hints[reason]}${detail ? ` (${detail})` : ''}`, { cause: options?.cause });
    this.url = url;
    this.reason = reason;
    this.status = options?.status;
  }
}

/** True for the error thrown when a load was aborted, whatever threw it. */
export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof ModelLoadError && error.reason === 'aborted') ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
  );
}

/** An error's message, or the thrown value as text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
