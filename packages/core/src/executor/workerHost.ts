/**
 * The worker side of the executor: the worker realm's own runtime (TF.js, backend manager, model
 * cache) configured from the main thread, the engines it hosts (`workerTasks.ts`), and the frame
 * channel of each source: at most one frame running and one pending, the newest.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backendManager } from '../runtime/BackendManager';
import { configure } from '../runtime/config';
import { getDefaultRuntime } from '../runtime/Runtime';
import type { Frame } from '../runtime/contracts';
import { readFramePixels } from '../runtime/framePixels';
import type { FromWorker, RemoteTaskState, ToWorker, WorkerFramePixels } from './protocol';
import { serializeError } from './protocol';
import { WORKER_TASKS, type HostedEngine, type HostedFactory } from './workerTasks';

type FrameMessage = Extract<ToWorker, { type: 'frame' }>;
type CallMessage = Extract<ToWorker, { type: 'call' }>;
type OpenMessage = Extract<ToWorker, { type: 'open' }>;

/** A frame of the pixels that crossed (read into a tensor at most once; `release` disposes it). */
function frameOf(message: WorkerFramePixels, timestamp: number | undefined, index: number): { frame: Frame; release: () => void } {
  let pixels: tf.Tensor3D | null = null;
  const read = (): tf.Tensor3D => {
    if ('bitmap' in message) return readFramePixels(message.bitmap);
    return tf.tensor3d(message.data, [message.height, message.width, 3], message.data instanceof Float32Array ? 'float32' : 'int32');
  };
  const width = 'bitmap' in message ? message.bitmap.width : message.width;
  const height = 'bitmap' in message ? message.bitmap.height : message.height;
  const frame: Frame = {
    source: 'bitmap' in message ? message.bitmap : ({ width, height } as unknown as ImageData),
    width,
    height,
    timestamp: timestamp ?? performance.now(),
    index,
    pixels: () => (pixels ??= read()),
  };
  return { frame, release: () => (pixels as tf.Tensor3D | null)?.dispose() };
}

interface Hosted {
  engine: HostedEngine;
  stop: () => void;
  /** The last frame failed (its error is in the engine's state; the models are still ready). */
  frameFailed: boolean;
  /** Frames running now: an error state that appears meanwhile is that frame's. */
  inFrame: number;
  forward: () => void;
}

interface Channel {
  running: boolean;
  pending: FrameMessage | null;
}

/** Resolves after the messages already queued for this worker were handled (no timer clamp). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Serve the executor protocol on `scope` (the worker's global scope). */
export function hostExecutor(scope: { postMessage: (message: FromWorker, transfer?: Transferable[]) => void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null }): void {
  const engines = new Map<number, Hosted>();
  const channels = new Map<number, Channel>();
  let openBitmaps = 0;
  // Held for the worker's life: when the worker ends, the main side's end of it closes.
  const lifelines: MessagePort[] = [];
  const post = (message: FromWorker) => scope.postMessage(message);
  // The extension of the context lost on request: restoring needs the same object.
  let loseContext: WEBGL_lose_context | null = null;

  backendManager.subscribe(() => {
    const { error, ...state } = backendManager.getSnapshot();
    post({ type: 'backend', state: { ...state, error: error ? serializeError(error) : null } });
  });

  const failOpen = (id: number, message: string) =>
    post({ type: 'task', id, state: { status: 'error', error: { name: 'Error', message }, progress: { loaded: 0, total: 0 }, ready: false } });

  const open = (id: number, create: HostedFactory, options: unknown) => {
    const engine = create(options);
    let last: RemoteTaskState | null = null;
    const hosted: Hosted = { engine, stop: () => {}, frameFailed: false, inFrame: 0, forward: () => {} };
    hosted.forward = () => {
      const { status, error, progress } = engine.getSnapshot();
      // Held by our subscription, the engine is always wanted: 'idle' is only its state from
      // before it activated (a notification on the way in), which would reach the widget as a
      // 'loading → idle → loading' flicker. The main side starts at 'loading' on its own.
      if (status === 'idle') return;
      // A failed frame leaves the models ready: the main side keeps sending frames (the retry).
      const ready = status === 'ready' || (status === 'error' && (hosted.frameFailed || hosted.inFrame > 0));
      if (last && last.status === status && last.progress === progress && last.ready === ready && (last.error?.message ?? null) === (error?.message ?? null)) return;
      last = { status, error: error ? serializeError(error) : null, progress, ready };
      post({ type: 'task', id, state: last });
    };
    // Subscribing holds the engine's models (its task has no source: frames come from us).
    hosted.stop = engine.subscribe(() => hosted.forward());
    engines.set(id, hosted);
    hosted.forward();
  };

  const drop = (message: FrameMessage) => {
    if ('bitmap' in message) close(message.bitmap);
    post({ type: 'dropped', frameId: message.frameId, tasks: message.tasks });
  };

  const close = (bitmap: ImageBitmap) => {
    bitmap.close();
    openBitmaps--;
  };

  const run = async (channel: Channel, message: FrameMessage) => {
    channel.running = true;
    const { frame, release } = frameOf(message, message.timestamp, message.index);
    await Promise.all(
      message.tasks.map(async (id) => {
        const hosted = engines.get(id);
        // As the main thread's frame loop offers none: no frame runs while the backend is not
        // ready. A frame sent before the main side heard of a context loss would run the old
        // models on the re-created backend, fail, and leave what it made before (MoveNet's input crop).
        if (!hosted || backendManager.getSnapshot().status !== 'ready') return post({ type: 'dropped', frameId: message.frameId, tasks: [id] });
        hosted.inFrame++;
        try {
          const result = await hosted.engine.estimate(frame, message.timestamp);
          hosted.frameFailed = false;
          post({ type: 'result', frameId: message.frameId, id, result });
        } catch (error) {
          hosted.frameFailed = true;
          hosted.forward();
          post({ type: 'failed', frameId: message.frameId, id, error: serializeError(error) });
        } finally {
          hosted.inFrame--;
        }
      }),
    );
    release();
    if ('bitmap' in message) close(message.bitmap);
    // Inference on wasm or cpu is synchronous and its awaits are microtasks: without a real turn
    // of the event loop here the messages that arrived meanwhile (newer frames, close, memory)
    // would wait behind the next inference, and the pending slot would hold a stale frame.
    await nextTask();
    channel.running = false;
    const next = channel.pending;
    channel.pending = null;
    if (next) void run(channel, next);
  };

  const onFrame = (message: FrameMessage) => {
    if ('bitmap' in message) openBitmaps++;
    let channel = channels.get(message.sourceId);
    if (!channel) channels.set(message.sourceId, (channel = { running: false, pending: null }));
    if (!channel.running) return void run(channel, message);
    // Never a queue: the newest frame waits, an older waiting one is dropped.
    if (channel.pending) drop(channel.pending);
    channel.pending = message;
  };

  const answer = async (message: CallMessage) => {
    const hosted = engines.get(message.id);
    const bitmap = 'bitmap' in message ? message.bitmap : undefined;
    const pixels = bitmap ? frameOf({ bitmap }, undefined, -1) : 'data' in message && message.data ? frameOf(message, undefined, -1) : null;
    const reply = (value: unknown, error: unknown) => post({ type: 'reply', callId: message.callId, value, error: error === null ? null : serializeError(error) });
    try {
      if (!hosted?.engine.call) throw new Error(`webcam-ml: the worker task ${message.id} is not open or takes no calls`);
      reply(await hosted.engine.call(message.request, pixels?.frame ?? null, (value: unknown) => post({ type: 'progress', callId: message.callId, value })), null);
    } catch (error) {
      reply(null, error);
    } finally {
      pixels?.release();
      if (bitmap) close(bitmap);
    }
  };

  // A kind's engine is imported when its first task opens; the messages that arrive meanwhile
  // wait, in order, so none meets a task that is not made yet (a classifier's dataset sync).
  const factories = new Map<string, HostedFactory>();
  let importing: Promise<void> | null = null;
  const queued: ToWorker[] = [];
  const load = ({ id, kind, options }: OpenMessage) => {
    if (!Object.hasOwn(WORKER_TASKS, kind)) return failOpen(id, `webcam-ml: the worker has no task "${kind}"`);
    importing = WORKER_TASKS[kind]().then(
      (create) => {
        factories.set(kind, create);
        open(id, create, options);
      },
      (error: unknown) => failOpen(id, `webcam-ml: the worker could not load the task "${kind}": ${error instanceof Error ? error.message : String(error)}`),
    );
    void importing.then(() => {
      importing = null;
      while (!importing && queued.length > 0) handle(queued.shift()!);
    });
  };
  let backendStarted = false;

  const handle = (message: ToWorker) => {
    switch (message.type) {
      case 'configure':
        configure(message.settings);
        // The backend initialises while the first task's code loads and its models download.
        if (!backendStarted) {
          backendStarted = true;
          void getDefaultRuntime().backend.acquire().catch(() => undefined);
        }
        break;
      case 'open': {
        const create = factories.get(message.kind);
        if (create) open(message.id, create, message.options);
        else load(message);
        break;
      }
      case 'options':
        try {
          engines.get(message.id)?.engine.setOptions(message.options as never);
        } catch (error) {
          post({ type: 'task', id: message.id, state: { status: 'error', error: serializeError(error), progress: { loaded: 0, total: 0 }, ready: false } });
        }
        break;
      case 'reset':
        engines.get(message.id)?.engine.reset();
        break;
      case 'close': {
        const hosted = engines.get(message.id);
        engines.delete(message.id);
        hosted?.stop();
        hosted?.engine.dispose();
        break;
      }
      case 'frame':
        onFrame(message);
        break;
      case 'memory': {
        const { numTensors, numBytes } = tf.memory();
        post({ type: 'memory', callId: message.callId, numTensors, numBytes, openBitmaps });
        break;
      }
      case 'call':
        if ('bitmap' in message && message.bitmap) openBitmaps++;
        void answer(message);
        break;
      case 'ping':
        post({ type: 'pong' });
        break;
      case 'context': {
        if (message.action === 'lose') {
          const gl = (tf.getBackend() === 'webgl' ? (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl : undefined) ?? null;
          loseContext = gl?.getExtension('WEBGL_lose_context') ?? null;
          loseContext?.loseContext();
          post({ type: 'context', callId: message.callId, done: loseContext !== null });
        } else {
          loseContext?.restoreContext();
          post({ type: 'context', callId: message.callId, done: loseContext !== null });
          loseContext = null;
        }
        break;
      }
      case 'lifeline':
        lifelines.push(message.port);
        message.port.start();
        // Held until the worker ends: the browser then grants the main side's request for it.
        if (message.lock && typeof navigator !== 'undefined' && navigator.locks) {
          void navigator.locks.request(message.lock, () => {
            post({ type: 'held' });
            return new Promise<never>(() => {});
          });
        }
        break;
    }
  };
  scope.onmessage = ({ data: message }) => {
    if (importing) queued.push(message);
    else handle(message);
  };
  post({ type: 'started' });
}
