import { describe, it, expect } from 'vitest';

describe('given the fake camera', () => {
  it('getUserMedia returns a live video track with the fixture size', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    expect(video.videoWidth).toBeGreaterThan(0);
    stream.getTracks().forEach((t) => t.stop());
    const r = await fetch('/fixtures/face/expected.json');
    expect(r.ok).toBe(true);
  });
});
