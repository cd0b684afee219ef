import { constraintsKey } from './streamPool';

/** The video inputs, or null when the browser cannot list them (no camera API, or a failure). */
export async function listVideoInputs(): Promise<MediaDeviceInfo[] | null> {
  try {
    return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  } catch {
    // The picker is a convenience; the camera itself may still work.
    return null;
  }
}

/** Calls `listener` on every `devicechange`; returns the function that stops listening. */
export function onDeviceChange(listener: () => void): () => void {
  const md = globalThis.navigator?.mediaDevices;
  md?.addEventListener?.('devicechange', listener);
  return () => md?.removeEventListener?.('devicechange', listener);
}

/** Same ids and labels in the same order. */
export function sameDevices(a: readonly MediaDeviceInfo[], b: readonly MediaDeviceInfo[]): boolean {
  return constraintsKey(a.map((d) => [d.deviceId, d.label])) === constraintsKey(b.map((d) => [d.deviceId, d.label]));
}

/** True when the list names every device (no empty id: permission granted) and not this one. */
export function isGone(devices: readonly MediaDeviceInfo[], deviceId: string): boolean {
  return devices.length > 0 && devices.every((d) => d.deviceId && d.deviceId !== deviceId);
}
