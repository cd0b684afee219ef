import { SegmentationError } from '../SegmentationError';
import type { SegmentationMask } from '../SegmentationMask';
import { parseColor } from '../parseColor';
import {
  DEFAULT_BLUR,
  DEFAULT_COLOR,
  DEFAULT_FEATHER,
  compositeSourceSize,
  coverCrop,
  type BackgroundCompositor,
  type CompositeOptions,
  type CompositeSource,
} from './types';
import { BLUR, COMPOSITE, VERTEX } from './shaders';

const BLUR_SCALE = 4;

interface Target {
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
  width: number;
  height: number;
}

/**
 * The GPU compositor: the frame, the mask (an R8 texture, upsampled by the texture unit's bilinear
 * filter) and the background are mixed in one fragment shader; the blur is a separable Gaussian at
 * a quarter of the size, weighted so the person does not bleed into it; feathering is a 5×5 Gaussian over the mask.
 */
export class WebGL2Compositor implements BackgroundCompositor {
  readonly kind = 'webgl2' as const;
  readonly canvas: HTMLCanvasElement | OffscreenCanvas;
  private gl: WebGL2RenderingContext;
  private blurProgram: WebGLProgram;
  private compositeProgram: WebGLProgram;
  private frameTexture: WebGLTexture;
  private maskTexture: WebGLTexture;
  private imageTexture: WebGLTexture;
  private buffer: WebGLBuffer;
  private vao: WebGLVertexArrayObject;
  private targets: [Target, Target] | null = null;
  private uploadedMask: SegmentationMask | null = null;
  private uniforms = new Map<string, WebGLUniformLocation | null>();

  constructor(canvas: HTMLCanvasElement | OffscreenCanvas) {
    this.canvas = canvas;
    const gl = canvas.getContext('webgl2', { premultipliedAlpha: false, preserveDrawingBuffer: true, antialias: false }) as WebGL2RenderingContext | null;
    if (!gl) throw new SegmentationError('compositor-unavailable', 'segmentation: no WebGL2 context for the compositor');
    this.gl = gl;
    this.blurProgram = this.program(BLUR);
    this.compositeProgram = this.program(COMPOSITE);
    this.frameTexture = this.texture();
    this.maskTexture = this.texture();
    this.imageTexture = this.texture();
    this.buffer = gl.createBuffer()!;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    this.vao = gl.createVertexArray()!;
    gl.bindVertexArray(this.vao);
    for (const program of [this.blurProgram, this.compositeProgram]) {
      const at = gl.getAttribLocation(program, 'position');
      gl.enableVertexAttribArray(at);
      gl.vertexAttribPointer(at, 2, gl.FLOAT, false, 0, 0);
    }
  }

  render(frame: CompositeSource, frameSize: { width: number; height: number }, mask: SegmentationMask | null, options: CompositeOptions): void {
    const { width, height } = frameSize;
    if (!width || !height) return;
    const gl = this.gl;
    if (gl.isContextLost()) return;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    gl.bindVertexArray(this.vao);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.frameTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, frame as TexImageSource);

    const image = options.effect === 'image' ? options.image : null;
    const imageSize = image ? compositeSourceSize(image) : null;
    const useImage = !!(image && imageSize && imageSize.width && imageSize.height);
    let mode = 0;
    if (options.effect === 'color') mode = 2;
    else if (useImage) mode = 3;
    else if (options.effect !== 'none') mode = 1;

    if (mask && mask !== this.uploadedMask) {
      gl.bindTexture(gl.TEXTURE_2D, this.maskTexture);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R8, mask.width, mask.height, 0, gl.RED, gl.UNSIGNED_BYTE, new Uint8Array(mask.toAlpha().buffer));
      this.uploadedMask = mask;
    }
    let background: WebGLTexture = this.imageTexture;
    if (mode === 1) background = this.blurFrame(width, height, options.effect === 'blur' ? (options.blur ?? DEFAULT_BLUR) : DEFAULT_BLUR, mask);
    if (mode === 3) {
      gl.bindTexture(gl.TEXTURE_2D, this.imageTexture);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, image as TexImageSource);
    }

    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, width, height);
    gl.useProgram(this.compositeProgram);
    this.bind(this.compositeProgram, 'frame', 0, this.frameTexture);
    this.bind(this.compositeProgram, 'mask', 1, this.maskTexture);
    this.bind(this.compositeProgram, 'background', 2, background);
    gl.uniform1i(this.uniform(this.compositeProgram, 'mode'), mode);
    gl.uniform1i(this.uniform(this.compositeProgram, 'hasMask'), mask ? 1 : 0);
    gl.uniform1i(this.uniform(this.compositeProgram, 'mirrored'), options.mirrored ? 1 : 0);
    gl.uniform1i(this.uniform(this.compositeProgram, 'maskMirrored'), mask?.isMirrored ? 1 : 0);
    const fill = parseColor(options.effect === 'color' ? (options.color ?? DEFAULT_COLOR) : DEFAULT_COLOR);
    gl.uniform3f(this.uniform(this.compositeProgram, 'fill'), fill[0] / 255, fill[1] / 255, fill[2] / 255);
    if (useImage && imageSize) {
      const [sx, sy, sw, sh] = coverCrop(imageSize.width, imageSize.height, width, height);
      gl.uniform4f(this.uniform(this.compositeProgram, 'crop'), sx / imageSize.width, sy / imageSize.height, sw / imageSize.width, sh / imageSize.height);
    } else {
      gl.uniform4f(this.uniform(this.compositeProgram, 'crop'), 0, 0, 1, 1);
    }
    // The 5×5 taps are one sigma apart; sigma = feather / 2 so the whole kernel spans `feather`.
    const feather = (options.feather ?? DEFAULT_FEATHER) / 2;
    gl.uniform2f(this.uniform(this.compositeProgram, 'feather'), feather / width, feather / height);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  dispose(): void {
    const gl = this.gl;
    for (const t of [this.frameTexture, this.maskTexture, this.imageTexture]) gl.deleteTexture(t);
    for (const t of this.targets ?? []) {
      gl.deleteTexture(t.texture);
      gl.deleteFramebuffer(t.framebuffer);
    }
    this.targets = null;
    gl.deleteProgram(this.blurProgram);
    gl.deleteProgram(this.compositeProgram);
    gl.deleteBuffer(this.buffer);
    gl.deleteVertexArray(this.vao);
    this.uploadedMask = null;
  }

  /** Blurs the frame texture at a quarter of its size into a render target and returns its texture. */
  private blurFrame(width: number, height: number, sigma: number, mask: SegmentationMask | null): WebGLTexture {
    const gl = this.gl;
    const w = Math.max(1, Math.round(width / BLUR_SCALE));
    const h = Math.max(1, Math.round(height / BLUR_SCALE));
    const [a, b] = this.renderTargets(w, h);
    gl.useProgram(this.blurProgram);
    gl.viewport(0, 0, w, h);
    const s = sigma / BLUR_SCALE;
    gl.uniform1f(this.uniform(this.blurProgram, 'sigma'), s);
    gl.uniform1i(this.uniform(this.blurProgram, 'maskMirrored'), mask?.isMirrored ? 1 : 0);
    this.bind(this.blurProgram, 'mask', 1, this.maskTexture);
    // Render targets are drawn bottom row first and read back the same way, so passes stay upright.
    gl.bindFramebuffer(gl.FRAMEBUFFER, a.framebuffer);
    this.bind(this.blurProgram, 'source', 0, this.frameTexture);
    gl.uniform1i(this.uniform(this.blurProgram, 'weighByMask'), mask ? 1 : 0);
    gl.uniform2f(this.uniform(this.blurProgram, 'step'), 1 / w, 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, b.framebuffer);
    this.bind(this.blurProgram, 'source', 0, a.texture);
    gl.uniform1i(this.uniform(this.blurProgram, 'weighByMask'), 0);
    gl.uniform2f(this.uniform(this.blurProgram, 'step'), 0, 1 / h);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    return b.texture;
  }

  private renderTargets(width: number, height: number): [Target, Target] {
    if (this.targets && this.targets[0].width === width && this.targets[0].height === height) return this.targets;
    const gl = this.gl;
    for (const t of this.targets ?? []) {
      gl.deleteTexture(t.texture);
      gl.deleteFramebuffer(t.framebuffer);
    }
    const make = (): Target => {
      const texture = this.texture();
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
      const framebuffer = gl.createFramebuffer()!;
      gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
      return { texture, framebuffer, width, height };
    };
    this.targets = [make(), make()];
    return this.targets;
  }

  private bind(program: WebGLProgram, name: string, unit: number, texture: WebGLTexture): void {
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.uniform1i(this.uniform(program, name), unit);
  }

  private uniform(program: WebGLProgram, name: string): WebGLUniformLocation | null {
    const key = `${program === this.blurProgram ? 'b' : 'c'}:${name}`;
    if (!this.uniforms.has(key)) this.uniforms.set(key, this.gl.getUniformLocation(program, name));
    return this.uniforms.get(key) ?? null;
  }

  private texture(): WebGLTexture {
    const gl = this.gl;
    const texture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return texture;
  }

  private program(fragment: string): WebGLProgram {
    const gl = this.gl;
    const compile = (type: number, source: string) => {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
        throw new SegmentationError('compositor-unavailable', `segmentation: compositor shader failed: ${gl.getShaderInfoLog(shader)}`);
      }
      return shader;
    };
    const program = gl.createProgram()!;
    const vs = compile(gl.VERTEX_SHADER, VERTEX);
    const fs = compile(gl.FRAGMENT_SHADER, fragment);
    gl.attachShader(program, vs);
    gl.attachShader(program, fs);
    gl.bindAttribLocation(program, 0, 'position');
    gl.linkProgram(program);
    gl.deleteShader(vs);
    gl.deleteShader(fs);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      throw new SegmentationError('compositor-unavailable', `segmentation: compositor program failed: ${gl.getProgramInfoLog(program)}`);
    }
    return program;
  }
}
