import { useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createRuntime, getDefaultRuntime, type ExecutorPreference, type Runtime, type RuntimeConfig } from '@webcam-ml/core/runtime';
import { RuntimeContext } from './RuntimeContext';

/** Props of `WebcamMLProvider`: the settings of the runtime its widgets run on. */
export interface WebcamMLProviderProps extends Partial<RuntimeConfig> {
  /**
   * A runtime you made with `createRuntime()` (then the setting props are ignored: configure it
   * yourself). Without one the provider creates its own from the setting props.
   * @default undefined
   */
  runtime?: Runtime;
  /**
   * Where the widgets inside infer: `'worker'` in one module worker of this provider's runtime,
   * `'main'` on the page's thread, `'auto'` the worker where the browser has what it needs. Hooks,
   * components and results are the same either way; each widget's state says where it runs
   * (`executor`) and why it runs on main after a fallback (`executorReason`). A new value makes
   * a new runtime (the widgets move to it).
   * @default 'auto'
   */
  executor?: ExecutorPreference;
  /**
   * A self-hosted worker script (`webcam-ml-worker.js`, written by `npx webcam-ml-models copy`
   * next to the weights); see `createRuntime`'s `workerUrl`.
   * @default undefined
   */
  workerUrl?: string;
  children?: ReactNode;
}

const KEYS = ['modelBaseUrl', 'backend', 'persistentCache', 'releaseDelayMs', 'integrity'] as const satisfies readonly (keyof RuntimeConfig)[];

/**
 * Gives every widget inside a runtime of its own: its settings (`modelBaseUrl`, `backend`,
 * `persistentCache`, `releaseDelayMs`, `integrity`; see `RuntimeConfig` for each default), so two providers on
 * one page do not fight. The runtime is created once, with the first render's props (so children
 * acquiring models in their own effects already see them); later prop changes are applied in an
 * effect, never during render, and only when a prop really changed, so a re-render never undoes
 * `useBackend().use('cpu')`. A setting not given comes from the enclosing provider (or the page
 * default), and a prop removed goes back to that value. The backend is one per page: a provider
 * sets it only when its `backend` prop is given.
 */
export function WebcamMLProvider({ runtime: given, children, executor = 'auto', workerUrl, ...props }: WebcamMLProviderProps) {
  const enclosing = useContext(RuntimeContext) ?? getDefaultRuntime();
  const make = () => (given ? null : { runtime: createRuntime({ ...inherited(enclosing), ...pick(props), executor, workerUrl }), executor, workerUrl });
  const [own, setOwn] = useState(make);
  // The executor is fixed for a runtime's life: another one is another runtime (made during
  // render, which touches nothing shared; its worker starts when a widget needs it).
  if (own && (own.executor !== executor || own.workerUrl !== workerUrl)) setOwn(make());
  const runtime = given ?? own?.runtime ?? createRuntime();
  const applied = useRef(pick(props));
  const { modelBaseUrl, backend, persistentCache, releaseDelayMs, integrity } = props;
  useEffect(() => {
    if (given) return;
    const next = pick({ modelBaseUrl, backend, persistentCache, releaseDelayMs, integrity });
    const patch: Partial<Record<keyof RuntimeConfig, unknown>> = {};
    for (const key of KEYS) {
      if (next[key] !== applied.current[key]) patch[key] = next[key] ?? enclosing.getConfig()[key];
    }
    applied.current = next;
    if (Object.keys(patch).length > 0) runtime.configure(patch as Partial<RuntimeConfig>);
  }, [given, runtime, enclosing, modelBaseUrl, backend, persistentCache, releaseDelayMs, integrity]);
  return <RuntimeContext.Provider value={runtime}>{children}</RuntimeContext.Provider>;
}

/** What a nested provider takes from the runtime around it: every setting but the backend (one per page, which it only sets when told to). */
function inherited(runtime: Runtime): Partial<RuntimeConfig> {
  const { modelBaseUrl, persistentCache, releaseDelayMs, integrity } = runtime.getConfig();
  return { modelBaseUrl, persistentCache, releaseDelayMs, integrity };
}

function pick(props: Partial<RuntimeConfig>): Partial<RuntimeConfig> {
  const out: Partial<Record<keyof RuntimeConfig, unknown>> = {};
  for (const key of KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out as Partial<RuntimeConfig>;
}
