import { useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createRuntime, getDefaultRuntime, type Runtime, type RuntimeConfig } from '@webcam-ml/core/runtime';
import { RuntimeContext } from './RuntimeContext';

/** Props of `WebcamMLProvider`: the settings of the runtime its widgets run on. */
export interface WebcamMLProviderProps extends Partial<RuntimeConfig> {
  /**
   * A runtime you made with `createRuntime()` (then the setting props are ignored: configure it
   * yourself). Without one the provider creates its own from the setting props.
   * @default undefined
   */
  runtime?: Runtime;
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
export function WebcamMLProvider({ runtime: given, children, ...props }: WebcamMLProviderProps) {
  const enclosing = useContext(RuntimeContext) ?? getDefaultRuntime();
  const [own] = useState(() => (given ? null : createRuntime({ ...inherited(enclosing), ...pick(props) })));
  const runtime = given ?? own ?? createRuntime();
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
