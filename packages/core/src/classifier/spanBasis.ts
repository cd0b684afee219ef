import { gramMatrix, symmetricEigen } from './nuisanceDirections';

/** Above this many rows the basis costs more than it saves (its eigensolver is cubic in the rows): the head trains on the embeddings as they are. */
const MAX_ROWS = 256;

/**
 * Coordinates in an orthonormal basis of the span of `rows`, when there are fewer rows than half
 * their length (else `null`): a dense layer only ever learns within the span of what it is trained
 * on (its gradients are sums of the rows), so training it on the coordinates is the same network
 * with m inputs instead of d (160 instead of 5120 for 20 image examples per class with their
 * copies). The coordinates of a vector in the span keep its dot products; of one outside, those of
 * its projection onto the span. Through the rows' Gram matrix (n × n) and its eigenvectors.
 */
export function spanBasis(rows: readonly Float32Array[]): ((v: Float32Array) => Float32Array) | null {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n === 0 || n > MAX_ROWS || n * 2 > d) return null;
  const { values, vectors } = symmetricEigen(gramMatrix(rows), n);
  const largest = Math.max(...values);
  const kept = Array.from(values.keys()).filter((j) => values[j] > 1e-6 * largest);
  // Basis vector j: Σ_i V[i, j] · row_i / √λ_j (unit length, orthogonal to the others).
  const basis = kept.map((j) => {
    const u = new Float32Array(d);
    const scale = 1 / Math.sqrt(values[j]);
    for (let i = 0; i < n; i++) {
      const w = vectors[i * n + j] * scale;
      if (w === 0) continue;
      const row = rows[i];
      for (let k = 0; k < d; k++) u[k] += w * row[k];
    }
    return u;
  });
  return (v) => {
    const out = new Float32Array(basis.length);
    basis.forEach((u, j) => {
      let s = 0;
      for (let k = 0; k < d; k++) s += u[k] * v[k];
      out[j] = s;
    });
    return out;
  };
}
