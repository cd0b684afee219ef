import { useId, useState, type CSSProperties, type FormEvent, type KeyboardEvent } from 'react';
import type { ClassInfo } from '@webcam-ml/core/classifier';
import { plural } from '../shared/plural';
import type { QualityHint } from './qualityHint';
import type { UseTrainableClassifierResult } from './useTrainableClassifier';

export interface ClassRowProps {
  info: ClassInfo;
  classifier: UseTrainableClassifierResult;
  thumbnails: number;
  attempt: (run: () => unknown, success?: string) => void;
  /** What to tell the user about this class's examples (none while recording). */
  hint?: QualityHint | null;
}

// Read by screen readers, never shown (styled or not).
const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/** One class of the trainer: its examples, record and add buttons, rename, clear and remove. */
export function ClassRow({ info, classifier: c, thumbnails, attempt, hint = null }: ClassRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(info.name);
  const renameId = useId();
  const recording = c.recording === info.name;

  const start = () => {
    if (!recording) attempt(() => c.startRecording(info.name));
  };
  const stop = () => {
    if (c.recording === info.name) c.stopRecording();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) {
      event.preventDefault();
      start();
    }
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      stop();
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    attempt(() => {
      c.renameClass(info.name, draft.trim());
      setRenaming(false);
    });
  };

  const latest = info.examples.slice(-thumbnails).filter((e) => e.thumbnail);
  const count = plural(info.count, 'example');
  return (
    <li data-class={info.name} data-count={info.count} data-recording={recording ? '' : undefined}>
      <div data-row="">
        {renaming ? (
          <form onSubmit={rename}>
            <label htmlFor={renameId} style={VISUALLY_HIDDEN}>
              New name for {info.name}
            </label>
            <input
              id={renameId}
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
            />
            <button type="submit" data-variant="primary">
              Save
            </button>
          </form>
        ) : (
          <strong>{info.name}</strong>
        )}
        <span data-count="" aria-label={count}>
          {count}
        </span>
        {!c.readOnly && (
          <>
            <button
              type="button"
              aria-pressed={recording}
              aria-label={`Hold to record ${info.name}`}
              onPointerDown={(e) => {
                e.currentTarget.setPointerCapture?.(e.pointerId);
                start();
              }}
              onPointerUp={stop}
              onPointerCancel={stop}
              onLostPointerCapture={stop}
              onKeyDown={onKeyDown}
              onKeyUp={onKeyUp}
              onBlur={stop}
            >
              {recording ? 'Recording…' : 'Hold to record'}
            </button>
            {recording && c.nothingToRecord && (
              <span role="status" data-nothing-to-record="">
                Nobody in view: no example taken
              </span>
            )}
            <button
              type="button"
              onClick={() =>
                attempt(async () => {
                  if (!(await c.addExample(info.name))) throw new Error('Nothing to learn in this frame: no person or face was found.');
                })
              }
              aria-label={`Add one example of ${info.name}`}
            >
              Add one
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(info.name);
                setRenaming(true);
              }}
              aria-label={`Rename ${info.name}`}
            >
              Rename
            </button>
            <button type="button" onClick={() => attempt(() => c.clearClass(info.name))} aria-label={`Clear the examples of ${info.name}`} disabled={info.count === 0}>
              Clear
            </button>
            <button type="button" onClick={() => attempt(() => c.removeClass(info.name))} aria-label={`Remove ${info.name}`}>
              Remove
            </button>
          </>
        )}
      </div>
      {hint && (
        <span data-quality={hint.status} data-how-sure={hint.howSure === null ? undefined : hint.howSure.toFixed(2)}>
          {hint.text}
        </span>
      )}
      {latest.length > 0 && (
        <div aria-hidden="true" data-row="">
          {latest.map((e) => (
            <img key={e.id} src={e.thumbnail ?? undefined} alt="" width={32} height={32} />
          ))}
        </div>
      )}
    </li>
  );
}
