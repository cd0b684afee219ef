import type { ToWorker } from './protocol';

/**
 * The executor's own questions to its worker (its tensor count, the test-only context loss): one
 * pending answer per call id, every open one answered `null` when the worker goes. Task calls,
 * which carry frames and progress, are `TaskCalls`.
 */
export class ExecutorCalls<A> {
  private next = 1;
  private readonly pending = new Map<number, (answer: A | null) => void>();

  /** `send` posts the message when a worker runs (false: none does, the answer is `null` at once). */
  constructor(private readonly send: (message: ToWorker) => boolean) {}

  ask(message: (callId: number) => ToWorker): Promise<A | null> {
    const callId = this.next++;
    return new Promise((resolve) => {
      this.pending.set(callId, resolve);
      if (!this.send(message(callId))) this.answer(callId, null);
    });
  }

  answer(callId: number, value: A | null): void {
    this.pending.get(callId)?.(value);
    this.pending.delete(callId);
  }

  /** The worker went: every open call is answered `null`. */
  abandon(): void {
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
  }
}
