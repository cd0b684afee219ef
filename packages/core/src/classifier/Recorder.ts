/**
 * The class being recorded while the user holds the button: which frames become examples (one
 * per `1 / recordFps` seconds of the frames classified), kept across a rename, ended by a removal.
 */
export class Recorder {
  private recording: { label: string; last: number } | null = null;

  /** @param changed told the label being recorded (or null) whenever it changes */
  constructor(private readonly changed: (label: string | null) => void) {}

  get label(): string | null {
    return this.recording?.label ?? null;
  }

  start(label: string): void {
    this.recording = { label, last: -Infinity };
    this.changed(label);
  }

  /** @returns whether a recording was running */
  stop(): boolean {
    if (!this.recording) return false;
    this.recording = null;
    this.changed(null);
    return true;
  }

  renamed(from: string, to: string): void {
    if (this.recording?.label !== from) return;
    this.recording.label = to;
    this.changed(to);
  }

  /** The label to keep the frame that started at `now` under, or null (not recording, too soon). */
  take(now: number, recordFps: number): string | null {
    const recording = this.recording;
    // 2 ms of slack: frames of a 30 fps source recorded at 10 fps are ~100 ms apart, not more.
    if (!recording || now - recording.last < 1000 / recordFps - 2) return null;
    recording.last = now;
    return recording.label;
  }
}
