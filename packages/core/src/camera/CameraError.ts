import { CodedError } from '../errors/CodedError';

/** Why the camera is not showing, in words a UI can branch on. */
export const CameraErrorCode = {
  /** The person or the browser's settings refused camera access. */
  PermissionDenied: 'permission-denied',
  /** No camera is connected (or none matches the requested device). */
  NotFound: 'not-found',
  /** The camera exists but could not be opened: another app or tab holds it, or a driver failed. */
  InUse: 'in-use',
  /** No camera can satisfy the constraints (an `exact` size, a `deviceId` that is gone). */
  Overconstrained: 'overconstrained',
  /** The page is not https (or localhost), so browsers hide the camera API. */
  InsecureContext: 'insecure-context',
  /** This browser has no camera API, or cannot capture the given source. */
  Unsupported: 'unsupported',
  /** The request was interrupted before it finished. */
  Aborted: 'aborted',
  /** The live camera stopped on its own (unplugged, taken by the system); `start()` again. */
  Ended: 'ended',
  /** Anything else; the browser's error is the `cause`. */
  Unknown: 'unknown',
} as const;
export type CameraErrorCode = (typeof CameraErrorCode)[keyof typeof CameraErrorCode];

/** A camera failure with a code to branch on and the browser's error as `cause`. */
export class CameraError extends CodedError<CameraErrorCode> {
  override readonly name = 'CameraError';
  /** For `overconstrained`: the constraint that could not be met (for example `width`). */
  readonly constraint: string | undefined;

  constructor(code: CameraErrorCode, message: string, options?: { cause?: unknown; constraint?: string }) {
    super(code, message, options);
    this.constraint = options?.constraint;
  }
}

/**
 * The `DOMException` names `getUserMedia` rejects with, current and legacy (Chrome before 53,
 * old Firefox and Safari), and the code each one means.
 */
export const GET_USER_MEDIA_ERROR_CODES: Readonly<Record<string, CameraErrorCode>> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied',
  PermissionDismissedError: 'permission-denied',
  // Spec: thrown when camera use is disabled for the document (Permissions-Policy, enterprise policy).
  SecurityError: 'permission-denied',
  MediaDeviceKillSwitchOn: 'permission-denied',
  NotFoundError: 'not-found',
  DevicesNotFoundError: 'not-found',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use',
  SourceUnavailableError: 'in-use',
  MediaDeviceFailedDueToShutdown: 'in-use',
  OverconstrainedError: 'overconstrained',
  ConstraintNotSatisfiedError: 'overconstrained',
  NotSupportedError: 'unsupported',
  // Firefox uses AbortError for a device that failed for a reason other than being busy.
  AbortError: 'aborted',
  // The document was not fully active (a navigation or an iframe removed mid-request).
  InvalidStateError: 'aborted',
};

/**
 * Turns whatever `getUserMedia` (or a video element) threw into a `CameraError`, keeping the
 * original as `cause`. A `CameraError` is returned as is.
 */
export function toCameraError(error: unknown): CameraError {
  if (error instanceof CameraError) return error;
  const e: { name?: unknown; message?: unknown; constraint?: unknown } =
    typeof error === 'object' && error !== null ? error : { message: error };
  const name = e.name ? String(e.name) : '';
  let code: CameraErrorCode = GET_USER_MEDIA_ERROR_CODES[name] ?? 'unknown';
  // A TypeError comes from empty constraints or, in some browsers, a missing API on http pages.
  if (name === 'TypeError') code = isInsecure() ? 'insecure-context' : 'unsupported';
  const constraint = code === 'overconstrained' && e.constraint ? String(e.constraint) : undefined;
  // For example "permission-denied: NotAllowedError: Permission denied".
  const message = `${code}${constraint ? ` (${constraint})` : ''}: ${name ? `${name}: ` : ''}${String(e.message ?? '')}`;
  return new CameraError(code, message, { cause: error, constraint });
}

/** True on an http page, where browsers hide `navigator.mediaDevices`. */
export function isInsecure(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext === false;
}

/** The `CameraError` for a browser without `getUserMedia` (or an insecure page that hides it). */
export function missingApiError(): CameraError {
  return isInsecure()
    ? new CameraError('insecure-context', 'insecure-context: the camera needs https or localhost')
    : new CameraError('unsupported', 'unsupported: no navigator.mediaDevices.getUserMedia');
}
