/**
 * Reading a download's body while telling its holders how far it got: into one buffer sized in
 * advance (a byte stream's BYOB reader), or chunk by chunk when the size is unknown.
 */

/** The download a body is read for: its URL, expected size, bytes so far and who listens. */
export interface BodyProgress {
  readonly url: string;
  readonly total: number;
  loaded: number;
  readonly holders: ReadonlySet<{ onBytes: (url: string, loaded: number, total: number) => void }>;
}

/** A reader that fills our own buffer, when the body is a byte stream (fetch bodies are in browsers). */
export function byobReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' });
  } catch {
    return null;
  }
}

/** Bytes read per step once the buffer sized in advance is full (a body longer than announced). */
const OVERFLOW_STEP = 1 << 16;

/**
 * Read a body whose size is known in advance straight into one buffer of that size. Each read
 * takes everything the network has delivered so far (not one chunk per turn, as a default reader
 * does), so a main thread busy with other work reads a download in a few steps, without a copy.
 * A body that turns out longer is collected after it.
 */
export async function readInto(reader: ReadableStreamBYOBReader, d: BodyProgress): Promise<Uint8Array<ArrayBuffer>> {
  // A size from a header is a hint, not a promise: never reserve more than 512 MB on its word.
  let buffer = new ArrayBuffer(Math.min(d.total, 2 ** 29));
  const overflow: Uint8Array[] = [];
  for (;;) {
    const room = buffer.byteLength - d.loaded;
    const view = room > 0 ? new Uint8Array(buffer, d.loaded, room) : new Uint8Array(OVERFLOW_STEP);
    const { done, value } = await reader.read(view);
    // The view's buffer was transferred to the stream and comes back in `value`.
    if (room > 0 && value) buffer = value.buffer as ArrayBuffer;
    if (done || !value) break;
    if (room <= 0) overflow.push(value);
    d.loaded += value.byteLength;
    for (const h of d.holders) h.onBytes(d.url, d.loaded, Math.max(d.total, d.loaded));
  }
  return joined(new Uint8Array(buffer), overflow, d.loaded);
}

/** The buffer sized in advance followed by what overflowed it, `loaded` bytes in all. */
function joined(buffer: Uint8Array<ArrayBuffer>, overflow: readonly Uint8Array[], loaded: number): Uint8Array<ArrayBuffer> {
  if (overflow.length === 0) return loaded === buffer.byteLength ? buffer : buffer.slice(0, loaded);
  const all = new Uint8Array(loaded);
  all.set(buffer);
  let offset = buffer.byteLength;
  for (const c of overflow) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

/**
 * Read a body chunk by chunk, telling the holders how far it got. When the size is known in
 * advance (manifest.json, the weights manifest or Content-Length), the chunks go straight into one
 * buffer of that size: no list of chunks and no second copy; a body that turns out longer falls
 * back to collecting the rest.
 */
export async function readBody(reader: ReadableStreamDefaultReader<Uint8Array>, d: BodyProgress): Promise<Uint8Array<ArrayBuffer>> {
  // A size from a header is a hint, not a promise: never reserve more than 512 MB on its word.
  const buffer = new Uint8Array(Math.min(d.total, 2 ** 29));
  const overflow: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = buffer.byteLength - d.loaded;
    if (overflow.length === 0 && value.byteLength <= room) buffer.set(value, d.loaded);
    else {
      if (room > 0 && overflow.length === 0) {
        buffer.set(value.subarray(0, room), d.loaded);
        overflow.push(value.subarray(room));
      } else overflow.push(value);
    }
    d.loaded += value.byteLength;
    for (const h of d.holders) h.onBytes(d.url, d.loaded, Math.max(d.total, d.loaded));
  }
  return joined(buffer, overflow, d.loaded);
}
