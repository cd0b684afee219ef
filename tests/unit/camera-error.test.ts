import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraError, GET_USER_MEDIA_ERROR_CODES, toCameraError, type CameraErrorCode } from '@webcam-ml/core';

// Every name getUserMedia rejects with (spec, Chrome before 53, old Firefox and Safari) and what it means.
const NAMES: [string, CameraErrorCode][] = [
  ['NotAllowedError', 'permission-denied'],
  ['PermissionDeniedError', 'permission-denied'],
  ['PermissionDismissedError', 'permission-denied'],
  ['SecurityError', 'permission-denied'],
  ['MediaDeviceKillSwitchOn', 'permission-denied'],
  ['NotFoundError', 'not-found'],
  ['DevicesNotFoundError', 'not-found'],
  ['NotReadableError', 'in-use'],
  ['TrackStartError', 'in-use'],
  ['SourceUnavailableError', 'in-use'],
  ['MediaDeviceFailedDueToShutdown', 'in-use'],
  ['OverconstrainedError', 'overconstrained'],
  ['ConstraintNotSatisfiedError', 'overconstrained'],
  ['NotSupportedError', 'unsupported'],
  ['AbortError', 'aborted'],
  ['InvalidStateError', 'aborted'],
  ['SomethingNewError', 'unknown'],
];

describe('given a DOMException from getUserMedia', () => {
  it.each(NAMES)('%s becomes %s', (name, code) => {
    expect(toCameraError(new DOMException('boom', name)).code).toBe(code);
  });

  it('keeps the browser error as cause', () => {
    const original = new DOMException('Permission denied', 'NotAllowedError');
    expect(toCameraError(original).cause).toBe(original);
  });

  it('says the code, the name and the browser message', () => {
    expect(toCameraError(new DOMException('Permission denied', 'NotAllowedError')).message).toBe(
      'permission-denied: NotAllowedError: Permission denied',
    );
  });

  it('is a CameraError and an Error', () => {
    const e = toCameraError(new DOMException('x', 'NotFoundError'));
    expect(e).toBeInstanceOf(CameraError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('CameraError');
  });

  it('covers every name in the exported table', () => {
    const tested = new Set(NAMES.map(([n]) => n));
    expect(Object.keys(GET_USER_MEDIA_ERROR_CODES).filter((n) => !tested.has(n))).toEqual([]);
  });
});

describe('given an OverconstrainedError', () => {
  const error = Object.assign(new DOMException('no', 'OverconstrainedError'), { constraint: 'width' });

  it('keeps the constraint that failed', () => {
    expect(toCameraError(error).constraint).toBe('width');
  });

  it('names the constraint in the message', () => {
    expect(toCameraError(error).message).toMatch(/^overconstrained \(width\)/);
  });
});

describe('given a TypeError', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('on a secure page means unsupported', () => {
    vi.stubGlobal('isSecureContext', true);
    expect(toCameraError(new TypeError('bad constraints')).code).toBe('unsupported');
  });

  it('on an http page means insecure-context', () => {
    vi.stubGlobal('isSecureContext', false);
    expect(toCameraError(new TypeError("Cannot read properties of undefined (reading 'getUserMedia')")).code).toBe(
      'insecure-context',
    );
  });
});

describe('given something that is not an error', () => {
  it('a string becomes unknown with the string in the message', () => {
    const e = toCameraError('weird');
    expect([e.code, e.message]).toEqual(['unknown', 'unknown: weird']);
  });

  it('a CameraError is returned unchanged', () => {
    const e = new CameraError('ended', 'gone');
    expect(toCameraError(e)).toBe(e);
  });
});
