import type { ReactNode } from 'react';
import { configure, type RuntimeConfig } from '@webcam-ml/core/runtime';

/** Props of `WebcamMLProvider`: the runtime settings for every widget on the page. */
export interface WebcamMLProviderProps extends Partial<RuntimeConfig> {
  children?: ReactNode;
}

/**
 * Applies the runtime settings (`modelBaseUrl`, `backend`, `persistentCache`, `releaseDelayMs`)
 * for the whole page; see `RuntimeConfig` for each default.
 *
 * The settings are applied during render rather than in an effect because children's effects run
 * before their parent's: a widget acquiring its model in its own effect must already see the
 * provider's `modelBaseUrl`. `configure` is idempotent and touches no browser global, so this is
 * safe under StrictMode's double render and during SSR. Settings are global: nested providers
 * are not scoped, the last one rendered wins.
 */
export function WebcamMLProvider({ children, modelBaseUrl, backend, persistentCache, releaseDelayMs }: WebcamMLProviderProps) {
  configure({ modelBaseUrl, backend, persistentCache, releaseDelayMs });
  return <>{children}</>;
}
