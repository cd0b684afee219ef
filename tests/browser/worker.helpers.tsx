import { useEffect } from 'react';
import type { PoseState } from '@webcam-ml/core/pose';
import type { Runtime } from '@webcam-ml/core/runtime';
import { usePose } from '@webcam-ml/react/pose';
import { loadVideo } from '../../bench/lib/page';

/** The sample clip, playing in a loop (a camera-like source). */
export async function playingClip(): Promise<HTMLVideoElement> {
  const video = await loadVideo('/fixtures/pose/pose_1.mp4');
  video.loop = true;
  await video.play();
  return video;
}

/** A usePose widget that reports every state it renders with. */
export function PoseProbe({ video, onState }: { video: HTMLVideoElement; onState: (state: PoseState) => void }) {
  const pose = usePose({ source: video });
  useEffect(() => {
    onState(pose);
  });
  return <output data-testid="pose">{`${pose.status}|${pose.executor}|${pose.poses.length}`}</output>;
}

/** The worker's memory, failing the test when no worker runs. */
export async function workerMemory(runtime: Runtime) {
  const memory = await runtime.memory!();
  if (!memory.worker) throw new Error(`no worker runs: ${JSON.stringify(runtime.executor?.getSnapshot())}`);
  return { ...memory.worker, bitmapsInHand: memory.bitmapsInHand };
}
