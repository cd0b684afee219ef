/**
 * The module worker of a runtime with `executor: 'worker'`: loaded with
 * `new Worker(new URL('./executorWorker.ts', import.meta.url), { type: 'module' })`, or from the
 * self-contained copy `webcam-ml-models copy` writes next to the weights (`workerUrl`).
 */
import { hostExecutor } from './workerHost';

hostExecutor(self as unknown as Parameters<typeof hostExecutor>[0]);
