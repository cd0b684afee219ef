/** Watching the active TF.js backend for the loss of its GPU context. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './contracts';

/**
 * Call `onLost(why)` when the active backend (`name`, just activated) loses its GPU: a
 * `webglcontextlost` event on WebGL's canvas, or the WebGPU device's `lost` promise (unless it was
 * destroyed on purpose). wasm and cpu cannot lose anything.
 * @returns the function that stops watching, or `null` when there is nothing to watch
 */
export function watchContextLoss(name: BackendName, onLost: (why: string) => void): (() => void) | null {
  const backend = tf.backend() as unknown as {
    gpgpu?: { gl?: WebGLRenderingContext };
    device?: { lost?: Promise<{ reason?: string; message?: string }> };
  };
  if (name === 'webgl') {
    const canvas = backend.gpgpu?.gl?.canvas;
    if (!canvas) return null;
    // TF.js only deletes its cached context on this event; the backend stays broken.
    const lost = () => onLost('the WebGL context was lost');
    canvas.addEventListener('webglcontextlost', lost);
    return () => canvas.removeEventListener('webglcontextlost', lost);
  }
  if (name === 'webgpu' && backend.device?.lost) {
    let active = true;
    void backend.device.lost.then((info) => {
      if (active && info.reason !== 'destroyed') onLost(`the WebGPU device was lost: ${info.message ?? ''}`);
    });
    return () => {
      active = false;
    };
  }
  return null;
}
