import { createContext, useContext } from 'react';
import { getDefaultRuntime, type Runtime } from '@webcam-ml/core/runtime';

/** The runtime of the nearest `<WebcamMLProvider>`; null outside any. */
export const RuntimeContext = createContext<Runtime | null>(null);

/** The runtime widgets here run on: the nearest provider's, or the page's default runtime. */
export function useRuntime(): Runtime {
  return useContext(RuntimeContext) ?? getDefaultRuntime();
}
