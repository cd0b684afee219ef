/** The automatic backend choice as a pure function of what the probes measured. */
import type { BackendName, BackendProbe } from './contracts';

/** Every backend, in the order they are considered (and the tie-break of the ranking). */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** One candidate's probe, with the software renderer it runs on when it is one. */
export interface RankedProbe extends BackendProbe {
  /** Set for a CPU rasteriser (SwiftShader, llvmpipe, a fallback WebGPU adapter): why it is demoted. */
  software?: string;
}

/** The outcome of `rankBackends`. */
export interface BackendRanking {
  /** Every backend, best first: the working ones as ranked, then the others in `BACKEND_NAMES` order. */
  order: BackendName[];
  /** The best working backend and the sentence saying why, or `null` when none works. */
  choice: { backend: BackendName; reason: string } | null;
}

/**
 * Rank the candidates: failed probes (and those with no timing) are excluded; a software renderer
 * comes after every working hardware backend other than cpu, whatever its time; otherwise the
 * fastest probe first, and equal times in `BACKEND_NAMES` order (webgpu, webgl, wasm, cpu).
 */
export function rankBackends(probes: readonly RankedProbe[]): BackendRanking {
  const working = probes.filter((p) => p.ok && p.ms !== undefined && Number.isFinite(p.ms));
  const hardware = working.some((p) => !p.software && p.name !== 'cpu');
  const demoted = (p: RankedProbe) => (hardware && p.software ? 1 : 0);
  const ranked = [...working].sort(
    (a, b) => demoted(a) - demoted(b) || (a.ms ?? 0) - (b.ms ?? 0) || BACKEND_NAMES.indexOf(a.name) - BACKEND_NAMES.indexOf(b.name),
  );
  const order = [...ranked.map((p) => p.name), ...BACKEND_NAMES.filter((n) => !ranked.some((p) => p.name === n))];
  const [first, ...rest] = ranked;
  if (!first) return { order, choice: null };
  const others = rest.map((p) => `${p.name} ${p.ms} ms`);
  const softwareNotes = probes.filter((p) => p.software).map((p) => `${p.name} demoted (${p.software})`);
  const reason =
    `auto: ${first.name} is the fastest working backend (${first.ms} ms on the probe workload` +
    `${others.length ? `; ${others.join(', ')}` : ''})${softwareNotes.length ? `; ${softwareNotes.join('; ')}` : ''}`;
  return { order, choice: { backend: first.name, reason } };
}
