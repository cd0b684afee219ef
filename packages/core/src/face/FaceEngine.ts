import type { Runtime } from '../runtime/Runtime';
import type { Frame } from '../runtime/contracts';
import { TaskEngine, type InferContext, type TaskModels } from '../task/TaskEngine';
import type { TaskInput } from '../task/taskInput';
import { initialTaskState } from '../task/types';
import { FaceError, FaceErrorCode } from './FaceError';
import { estimateFaces } from './estimateFaces';
import { faceNetSpec, planNets, type FaceNets } from './faceModels';
import { FaceTracker } from './FaceTracker';
import { resolveFaceOptions } from './resolveFaceOptions';
import type { FaceEngineOptions, FaceEngineState, FaceInfo, FaceResult, ResolvedFaceOptions } from './types';

/** What `estimate` accepts: a loop frame, an element to read once, or an int32/float [h, w, 3] tensor. */
export type FaceInput = TaskInput;

function toFaceError(error: unknown): Error {
  if (error instanceof FaceError || (error instanceof Error && error.name === 'ModelLoadError')) return error;
  return new FaceError(FaceErrorCode.Inference, `face inference failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Face detection, landmarks, age/gender, expressions and descriptors over face-api's nets, on the
 * runtime's TF.js: a task on the shared `TaskEngine` contract. Each net the options need is leased
 * from the runtime's model cache (several engines and StrictMode's double mount load it once);
 * a net no longer needed is released. Faces are tracked (stable ids) and smoothed across frames.
 */
export class FaceEngine extends TaskEngine<FaceEngineOptions, ResolvedFaceOptions, FaceResult, FaceNets, FaceEngineState> {
  private readonly tracker = new FaceTracker();

  constructor(options: FaceEngineOptions = {}, runtime?: Runtime) {
    super(
      {
        initialState: { ...initialTaskState(), faces: [] },
        resolve: resolveFaceOptions,
        toError: toFaceError,
        worker: 'face',
      },
      options,
      runtime,
    );
  }

  protected models(options: ResolvedFaceOptions): TaskModels {
    return Object.fromEntries(planNets(options).map((name) => [name, faceNetSpec(name, this.runtime.resolveModelUrl)]));
  }

  protected async infer(frame: Frame, nets: FaceNets, options: ResolvedFaceOptions, { timestampMs }: InferContext): Promise<Omit<FaceResult, 'frameSize' | 'timestamp' | 'latencyMs'>> {
    const epoch = this.resultEpoch;
    const raw = await estimateFaces(nets, frame.pixels(), options);
    const timestamp = timestampMs ?? frame.timestamp;
    let faces: FaceInfo[];
    if (epoch !== this.resultEpoch) {
      // Stale (a new source, disabled, disposed): not published, so it must not feed the tracker.
      faces = new FaceTracker().update(raw, timestamp, 0);
    } else {
      // A looping clip's restart is matched like any frame: the same face where it was keeps its id.
      faces = this.tracker.update(raw, timestamp, options.smoothing);
    }
    return { faces, width: frame.width, height: frame.height };
  }

  protected toState({ faces }: FaceResult): Partial<FaceEngineState> {
    return { faces };
  }

  protected emptyResult(): Partial<FaceEngineState> {
    return { faces: [] };
  }

  /** Forget the tracked faces (ids start again, no smoothing against earlier frames). */
  protected override onReset(): void {
    this.tracker.reset();
  }
}
