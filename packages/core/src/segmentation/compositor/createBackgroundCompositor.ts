import { isSoftwareRenderer } from '../../runtime/backendProbe';
import { SegmentationError } from '../SegmentationError';
import { Canvas2DCompositor } from './Canvas2DCompositor';
import { WebGL2Compositor } from './WebGL2Compositor';
import type { BackgroundCompositor, CompositorKind, CompositorPreference } from './types';

/** What `chooseCompositorKind` learnt, and the sentence saying why. */
export interface CompositorChoice {
  kind: CompositorKind;
  reason: string;
}

let probed: CompositorChoice | null = null;

/**
 * Which compositor `'auto'` takes here, chosen like the TF.js backends: WebGL2 when a context
 * can be made on a real GPU; the 2D canvas when there is no WebGL2 or the renderer is a CPU
 * rasteriser (SwiftShader, llvmpipe), where the canvas's own blur is faster than shaders run in
 * software. Probed once per page, on a throwaway canvas whose context is freed at once.
 */
export function chooseCompositorKind(): CompositorChoice {
  if (probed) return probed;
  if (typeof document === 'undefined') return { kind: '2d', reason: 'no document: 2D canvas' };
  const probe = document.createElement('canvas');
  const gl = probe.getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) {
    probed = { kind: '2d', reason: 'no WebGL2 context: 2D canvas' };
    return probed;
  }
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  probed = isSoftwareRenderer(renderer)
    ? { kind: '2d', reason: `software renderer (${renderer}): 2D canvas` }
    : { kind: 'webgl2', reason: `WebGL2 on ${renderer || 'the GPU'}` };
  return probed;
}

/**
 * A compositor drawing into `canvas`. `'auto'` follows `chooseCompositorKind()`; `'webgl2'` falls
 * back to the 2D canvas when no WebGL2 context can be made (the canvas has no context yet then,
 * so it can still take a 2D one). Throws a `SegmentationError` (`'compositor-unavailable'`) when
 * neither works.
 */
export function createBackgroundCompositor(canvas: HTMLCanvasElement | OffscreenCanvas, preference: CompositorPreference = 'auto'): BackgroundCompositor {
  const kind = preference === 'auto' ? chooseCompositorKind().kind : preference;
  if (kind === 'webgl2') {
    try {
      return new WebGL2Compositor(canvas);
    } catch (error) {
      if (!(error instanceof SegmentationError)) throw error;
      if (canvas.getContext('webgl2')) throw error;
    }
  }
  return new Canvas2DCompositor(canvas);
}
