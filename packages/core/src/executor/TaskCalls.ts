import { CodedError } from '../errors/CodedError';
import type { Frame } from '../runtime/contracts';
import type { FrameSender } from './FrameSender';
import { reviveError, type FromWorker, type TaskCall, type ToWorker } from './protocol';
import { WORKER_GONE } from './types';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (value: unknown) => void;
}

/**
 * Requests to worker engines besides frames (a task's `RemoteTask.call`): each posted with an id
 * (and a frame's pixels when it is about one), answered by the worker's `reply`, with `progress`
 * before it; every call still open when the worker dies rejects with `'worker-gone'`.
 */
export class TaskCalls {
  private nextCall = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly post: (message: ToWorker, transfer: Transferable[]) => boolean,
    private readonly frames: FrameSender,
  ) {}

  async call(id: number, request: TaskCall, frame: Frame | null, onProgress?: (value: unknown) => void): Promise<unknown> {
    const callId = this.nextCall++;
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(callId, { resolve, reject, onProgress }));
    const head = { type: 'call' as const, id, callId, request };
    const sent = frame ? await this.frames.transfer(frame, (pixels, transfer) => this.post({ ...head, ...pixels }, transfer)) : this.post(head, []);
    if (!sent) this.settle(callId, gone());
    return answer;
  }

  receive(message: Extract<FromWorker, { type: 'reply' | 'progress' }>): void {
    const call = this.pending.get(message.callId);
    if (!call) return;
    if (message.type === 'progress') return call.onProgress?.(message.value);
    this.pending.delete(message.callId);
    if (message.error) call.reject(reviveError(message.error));
    else call.resolve(message.value);
  }

  /** The worker is gone: no open call will be answered. */
  abandon(): void {
    for (const callId of [...this.pending.keys()]) this.settle(callId, gone());
  }

  private settle(callId: number, error: Error): void {
    this.pending.get(callId)?.reject(error);
    this.pending.delete(callId);
  }
}

function gone(): Error {
  return new CodedError(WORKER_GONE, 'webcam-ml: the worker stopped before it answered (it is restarted, and the task reopened)');
}
