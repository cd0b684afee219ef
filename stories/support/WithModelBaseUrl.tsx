import { useEffect, useState, type ReactNode } from 'react';
import { configure, getConfig } from '@webcam-ml/core/runtime';

/**
 * Renders `children` with `modelBaseUrl` pointing at `url` (for example a folder that serves no
 * models, to show the error state), and puts the previous value back when the story unmounts.
 */
export function WithModelBaseUrl({ url, children }: { url: string; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const previous = getConfig().modelBaseUrl;
    configure({ modelBaseUrl: url });
    setReady(true);
    return () => void configure({ modelBaseUrl: previous });
  }, [url]);
  return ready ? <>{children}</> : null;
}
