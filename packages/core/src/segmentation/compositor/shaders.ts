// The WebGL2 compositor's GLSL programs: a full-screen quad, a separable blur weighted by the mask,
// and the composite of person over background.

export const VERTEX = `#version 300 es
in vec2 position;
out vec2 uv;
void main() {
  // Texture rows come in top row first: v = 0 is the top of the frame.
  uv = vec2(position.x * 0.5 + 0.5, 0.5 - position.y * 0.5);
  gl_Position = vec4(position, 0.0, 1.0);
}`;

/**
 * One direction of a separable Gaussian; `step` is one texel of the source along that direction.
 * The first pass weighs each tap by how much it is background (1 - mask) and stores the weighted
 * colour with the weight as alpha; the second blurs that as it is. The composite divides by alpha:
 * the background is averaged from background pixels only, so the person leaves no dark halo.
 */
export const BLUR = `#version 300 es
precision mediump float;
in vec2 uv;
out vec4 color;
uniform sampler2D source;
uniform sampler2D mask;
uniform bool weighByMask;
uniform bool maskMirrored;
uniform vec2 step;
uniform float sigma;
void main() {
  // 17 taps over ±3 sigma, about one texel apart at the quarter size the blur runs at (fewer,
  // wider-spaced taps show as streaks).
  vec4 sum = vec4(0.0);
  float total = 0.0;
  for (int i = -8; i <= 8; i++) {
    float x = float(i) * sigma * 3.0 / 8.0;
    float w = exp(-0.5 * x * x / max(sigma * sigma, 1e-4));
    vec2 p = uv + step * x;
    vec4 c = texture(source, p);
    if (weighByMask) {
      float back = 1.0 - texture(mask, maskMirrored ? vec2(1.0 - p.x, p.y) : p).r;
      c = vec4(c.rgb * back, back);
    }
    sum += c * w;
    total += w;
  }
  color = sum / total;
}`;

export const COMPOSITE = `#version 300 es
precision mediump float;
in vec2 uv;
out vec4 color;
uniform sampler2D frame;
uniform sampler2D mask;
uniform sampler2D background;
uniform int mode; // 0 frame only, 1 blurred frame, 2 colour, 3 image
uniform bool hasMask;
uniform bool mirrored;
uniform bool maskMirrored;
uniform vec3 fill;
uniform vec4 crop; // background image: uv offset (xy) and scale (zw)
uniform vec2 feather; // in mask uv units
void main() {
  vec2 src = mirrored ? vec2(1.0 - uv.x, uv.y) : uv;
  vec4 person = texture(frame, src);
  if (mode == 0) { color = person; return; }
  vec4 back;
  if (mode == 1) {
    back = texture(background, src);
    // Weighted by background-ness in the blur passes (see BLUR); where no background pixel is
    // near (deep inside the person), the person covers it anyway.
    back = vec4(back.rgb / max(back.a, 1e-3), 1.0);
  }
  else if (mode == 2) back = vec4(fill, 1.0);
  else back = texture(background, crop.xy + uv * crop.zw);
  float alpha = 0.0;
  if (hasMask) {
    vec2 m = maskMirrored ? vec2(1.0 - src.x, src.y) : src;
    float total = 0.0;
    for (int y = -2; y <= 2; y++) {
      for (int x = -2; x <= 2; x++) {
        float w = exp(-0.5 * float(x * x + y * y));
        alpha += texture(mask, m + vec2(float(x), float(y)) * feather).r * w;
        total += w;
      }
    }
    alpha /= total;
  }
  color = vec4(mix(back.rgb, person.rgb, alpha), 1.0);
}`;

/** The background blur runs at 1/BLUR_SCALE of the frame's width and height (a blur hides the lost detail). */
