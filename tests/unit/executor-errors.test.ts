import { describe, expect, it } from 'vitest';
import { CodedError } from '../../packages/core/src/errors/CodedError';
import { reviveError, serializeError } from '../../packages/core/src/executor/protocol';
import { FaceError } from '../../packages/core/src/face/FaceError';
import { HandsError } from '../../packages/core/src/hands/HandsError';
import { PoseError, PoseOptionsError } from '../../packages/core/src/pose/PoseError';
import { BackendError } from '../../packages/core/src/runtime/BackendManager';
import { ModelLoadError } from '../../packages/core/src/runtime/ModelLoadError';

/** What the main side gets of an error thrown in the worker (structured clone between). */
const across = (error: unknown) => reviveError(structuredClone(serializeError(error)));

describe('given a typed error thrown in the worker', () => {
  it.each([
    ['PoseError', new PoseError('inference', 'pose: inference failed: boom'), PoseError],
    ['PoseOptionsError', new PoseOptionsError('pose: model must be one of ...'), PoseOptionsError],
    ['FaceError', new FaceError('model-load', 'face: the detector failed to warm up'), FaceError],
    ['HandsError', new HandsError('inference', 'hands: inference failed: boom'), HandsError],
  ] as const)('comes back on the main side as a %s with its code and message', (name, thrown, Class) => {
    const revived = across(thrown);
    expect(revived).toBeInstanceOf(Class);
    expect(revived).toBeInstanceOf(CodedError);
    expect(revived).toMatchObject({ name, code: thrown.code, message: thrown.message });
  });

  it('keeps ModelLoadError and BackendError as their classes', () => {
    const load = across(new ModelLoadError('/models/pose/movenet.json', 'http', undefined, { status: 404 }));
    expect(load).toBeInstanceOf(ModelLoadError);
    expect(load).toMatchObject({ code: 'http', url: '/models/pose/movenet.json', status: 404 });
    expect(across(new BackendError('no backend works', { code: 'no-backend' }))).toBeInstanceOf(BackendError);
  });

  it('gives an unknown coded error the same name and code on a CodedError, and a plain error its name', () => {
    const other = new CodedError('weird', 'something else');
    Object.defineProperty(other, 'name', { value: 'SomeError' });
    expect(across(other)).toMatchObject({ name: 'SomeError', code: 'weird', message: 'something else' });
    expect(across(other)).toBeInstanceOf(CodedError);
    const plain = across(new TypeError('x is not a function'));
    expect(plain).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
    expect(plain).not.toBeInstanceOf(CodedError);
  });
});
