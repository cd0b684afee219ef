/** Scale a vector to unit length in place (a zero vector stays zero); returns it. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] *= scale;
  return vector;
}

/** What a class tied with the nearest neighbour's gives up, so the nearest one wins the tie. */
const TIE_BREAK = 1e-6;

/** A vector that may take part in a KNN vote, with the index of its class. */
export interface Neighbour {
  classIndex: number;
  embedding: Float32Array;
}

/**
 * Cosine k-nearest-neighbour vote on the CPU. Both `query` and the neighbours' embeddings must be
 * unit length, so the dot product is the cosine similarity. Returns each class's share of the
 * votes (summing to 1, or all 0 with no neighbours).
 *
 * Plain arrays rather than tensors: a few hundred 1280-d dot products take well under a
 * millisecond, need no GPU upload per example, and survive a lost WebGL context.
 */
export function knnVote(query: Float32Array, neighbours: readonly Neighbour[], classCount: number, k: number): Float32Array {
  const votes = new Float32Array(classCount);
  const kk = Math.min(Math.max(1, Math.floor(k)), neighbours.length);
  if (kk === 0) return votes;
  // The k best so far, sorted by similarity, descending.
  const bestSim = new Float64Array(kk).fill(-Infinity);
  const bestClass = new Int32Array(kk).fill(-1);
  const dim = query.length;
  for (const neighbour of neighbours) {
    const e = neighbour.embedding;
    let sim = 0;
    for (let i = 0; i < dim; i++) sim += query[i] * e[i];
    if (sim <= bestSim[kk - 1]) continue;
    let j = kk - 1;
    while (j > 0 && bestSim[j - 1] < sim) {
      bestSim[j] = bestSim[j - 1];
      bestClass[j] = bestClass[j - 1];
      j--;
    }
    bestSim[j] = sim;
    bestClass[j] = neighbour.classIndex;
  }
  for (let j = 0; j < kk; j++) votes[bestClass[j]] += 1 / kk;
  // A tie (two examples each with k = 4, say) goes to the class of the nearest neighbour, not to
  // whichever class comes first: the others tied with it give up a millionth of their share.
  const nearest = bestClass[0];
  for (let c = 0; c < classCount; c++) {
    if (c !== nearest && Math.abs(votes[c] - votes[nearest]) < 1e-9) votes[c] -= TIE_BREAK;
  }
  return votes;
}
