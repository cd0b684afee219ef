import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createRuntime, DEFAULT_RUNTIME_CONFIG, type Runtime, type RuntimeConfig } from '@webcam-ml/core/runtime';
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

const KEYS = ['modelBaseUrl', 'backend', 'persistentCache', 'releaseDelayMs'] as const satisfies readonly (keyof RuntimeConfig)[];

/**
 * Gives every widget inside a runtime of its own: its settings (`modelBaseUrl`, `backend`,
 * `persistentCache`, `releaseDelayMs`; see `RuntimeConfig` for each default), so two providers on
 * one page do not fight. The runtime is created once, with the first render's props (so children
 * acquiring models in their own effects already see them); later prop changes are applied in an
 * effect, never during render, and only when a prop really changed, so a re-render never undoes
 * `useBackend().use('cpu')`. A prop removed goes back to its default.
 */
export function WebcamMLProvider({ runtime: given, children, ...props }: WebcamMLProviderProps) {
  const [own] = useState(() => (given ? null : createRuntime(pick(props))));
  const runtime = given ?? own ?? createRuntime();
  const applied = useRef(pick(props));
  const { modelBaseUrl, backend, persistentCache, releaseDelayMs } = props;
  useEffect(() => {
    if (given) return;
    const next = pick({ modelBaseUrl, backend, persistentCache, releaseDelayMs });
    const patch: Partial<Record<keyof RuntimeConfig, unknown>> = {};
    for (const key of KEYS) {
      if (next[key] !== applied.current[key]) patch[key] = next[key] ?? DEFAULT_RUNTIME_CONFIG[key];
    }
    applied.current = next;
    if (Object.keys(patch).length > 0) runtime.configure(patch as Partial<RuntimeConfig>);
  }, [given, runtime, modelBaseUrl, backend, persistentCache, releaseDelayMs]);
  return <RuntimeContext.Provider value={runtime}>{children}</RuntimeContext.Provider>;
}

function pick(props: Partial<RuntimeConfig>): Partial<RuntimeConfig> {
  const out: Partial<Record<keyof RuntimeConfig, unknown>> = {};
  for (const key of KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out as Partial<RuntimeConfig>;
}
