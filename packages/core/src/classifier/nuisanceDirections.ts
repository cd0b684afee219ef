import { normalize } from './knn';

/** At most this many directions are taken out (measured: 20 → 91.9%, 30 → 93.1%, all → 91.9% on the robustness split, docs/benchmarks.md). */
export const MAX_NUISANCE_DIRECTIONS = 30;
/** And at most one per this many numbers of the embedding, so short embeddings (pose: 34, none; face: 136, 3) keep what they have. */
export const NUMBERS_PER_NUISANCE_DIRECTION = 40;
/** At most this many copy-minus-original differences are analysed (evenly spread over the examples), so a refit stays at tens of ms. */
const MAX_DIFFERENCES = 96;

/**
 * The principal directions in which the examples' augmented copies differ from their originals
 * (light, shift, zoom, noise: what must not count), largest first, as unit vectors. `groups[i]` is
 * the example of `vectors[i]`; the first vector of each group is its original, the others its
 * copies. Through the differences' Gram matrix (n × n, n ≤ 96) and a Jacobi eigensolver: plain CPU.
 */
export function nuisanceDirections(vectors: readonly Float32Array[], groups: readonly number[], count: number): Float32Array[] {
  const originals = new Map<number, Float32Array>();
  const all: Float32Array[] = [];
  vectors.forEach((v, i) => {
    const original = originals.get(groups[i]);
    if (!original) {
      originals.set(groups[i], v);
      return;
    }
    const d = new Float32Array(v.length);
    for (let k = 0; k < v.length; k++) d[k] = v[k] - original[k];
    all.push(d);
  });
  const n = Math.min(all.length, MAX_DIFFERENCES);
  if (n === 0 || count < 1) return [];
  const diffs = Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]);
  const { values, vectors: eigen } = symmetricEigen(gramMatrix(diffs), n);
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  const out: Float32Array[] = [];
  for (const j of order.slice(0, count)) {
    // A direction with (numerically) no spread is no direction.
    if (!(values[j] > 1e-9 * values[order[0]])) break;
    const u = new Float32Array(diffs[0].length);
    for (let i = 0; i < n; i++) {
      const w = eigen[i * n + j];
      for (let k = 0; k < u.length; k++) u[k] += w * diffs[i][k];
    }
    out.push(normalize(u));
  }
  return out;
}

/** The n × n matrix of the rows' dot products (row-major). */
export function gramMatrix(rows: readonly Float32Array[]): Float64Array {
  const n = rows.length;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      const a = rows[i];
      const b = rows[j];
      for (let k = 0; k < a.length; k++) s += a[k] * b[k];
      gram[i * n + j] = s;
      gram[j * n + i] = s;
    }
  }
  return gram;
}

/** Eigenvalues and eigenvectors (columns of a row-major n × n array) of a symmetric matrix, by cyclic Jacobi rotations; `a` is overwritten. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i] * a[i];
  for (let sweep = 0; sweep < 16; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off <= 1e-24 * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(a, n, p, q, c, s, true);
        rotate(a, n, p, q, c, s, false);
        rotate(v, n, p, q, c, s, true);
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** Columns (or rows) p and q of m rotated by (c, s). */
function rotate(m: Float64Array, n: number, p: number, q: number, c: number, s: number, columns: boolean): void {
  for (let k = 0; k < n; k++) {
    const ip = columns ? k * n + p : p * n + k;
    const iq = columns ? k * n + q : q * n + k;
    const mp = m[ip];
    const mq = m[iq];
    m[ip] = c * mp - s * mq;
    m[iq] = s * mp + c * mq;
  }
}
