import type { ModelEntryState, ModelLease } from '../runtime/contracts';
import type { Runtime } from '../runtime/Runtime';
import type { TaskModel } from '../task/TaskEngine';
import type { FeatureDescriptor, FeatureExtractor } from './extractors/FeatureExtractor';
import { featuresKey } from './extractors/features';
import { teachableMachineSpec, type TeachableMachineModel } from './teachableMachine';
import type { FeaturesOption, TeachableMachineOptions } from './types';

/**
 * A feature extractor as a task model: its status read as a model entry (ready means the
 * extractor itself is the model), so the task contract treats it like any leased model.
 */
export function extractorModel(option: FeaturesOption, descriptor: FeatureDescriptor): TaskModel<FeatureExtractor> {
  return {
    key: `features:${featuresKey(option)}`,
    acquire: (runtime: Runtime): ModelLease<FeatureExtractor> => {
      const extractor = descriptor.create(runtime);
      let last: ModelEntryState<FeatureExtractor> | null = null;
      const read = (): ModelEntryState<FeatureExtractor> => {
        const s = extractor.getSnapshot();
        const ready = s.status === 'ready';
        const status = ready ? 'ready' : s.status === 'error' ? 'error' : 'loading';
        if (last && last.status === status && last.error === s.error && last.progress === s.progress) return last;
        last = { status, model: ready ? extractor : null, progress: s.progress, error: s.error };
        return last;
      };
      return {
        subscribe: (listener) => extractor.subscribe(listener),
        getSnapshot: read,
        ready: async () => {
          await extractor.ready();
          return extractor;
        },
        release: () => extractor.release(),
        retry: () => extractor.retry?.(),
      };
    },
  };
}

/** A Teachable Machine export as the task's one model; `onLabels` hears its labels once it is loaded. */
export function teachableMachineModel(options: TeachableMachineOptions, onLabels: (labels: readonly string[]) => void): TaskModel<TeachableMachineModel> {
  return {
    key: `teachable-machine:${options.modelUrl}|${options.metadataUrl ?? ''}|${options.posenetUrl ?? ''}`,
    acquire: (runtime) => {
      const lease = runtime.acquireModel(teachableMachineSpec(options, runtime.resolveModelUrl));
      const tell = () => {
        const model = lease.getSnapshot().model;
        if (model) onLabels(model.labels);
      };
      const stop = lease.subscribe(tell);
      tell();
      return {
        ...lease,
        release: () => {
          stop();
          lease.release();
        },
      };
    },
  };
}
