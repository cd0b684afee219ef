import type { ReactNode } from 'react';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';

/**
 * Renders `children` on a runtime of their own whose `modelBaseUrl` is `url` (for example a folder
 * that serves no models, to show the error state). Nothing global changes, so the other stories
 * on a docs page keep their own models.
 */
export function WithModelBaseUrl({ url, children }: { url: string; children: ReactNode }) {
  return <WebcamMLProvider modelBaseUrl={url}>{children}</WebcamMLProvider>;
}
