import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ClassInfo } from '@webcam-ml/core/classifier';
import { button } from './trainerStyles';
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
  return (
    <li style={{ display: 'grid', gap: 4, padding: 8, border: '1px solid #e5e7eb', borderRadius: 8 }} data-class={info.name}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        {renaming ? (
          <form onSubmit={rename} style={{ display: 'flex', gap: 4 }}>
            <label htmlFor={renameId} style={{ position: 'absolute', left: -9999 }}>
              New name for {info.name}
            </label>
            <input
              id={renameId}
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
              style={{ font: 'inherit' }}
            />
            <button type="submit" style={button}>
              Save
            </button>
          </form>
        ) : (
          <strong>{info.name}</strong>
        )}
        <span aria-label={`${info.count} examples`}>{info.count} examples</span>
        {!c.readOnly && (
          <>
            <button
              type="button"
              style={{ ...button, background: recording ? '#dc2626' : '#fff', color: recording ? '#fff' : 'inherit' }}
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
            <button
              type="button"
              style={button}
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
              style={button}
              onClick={() => {
                setDraft(info.name);
                setRenaming(true);
              }}
              aria-label={`Rename ${info.name}`}
            >
              Rename
            </button>
            <button type="button" style={button} onClick={() => attempt(() => c.clearClass(info.name))} aria-label={`Clear the examples of ${info.name}`} disabled={info.count === 0}>
              Clear
            </button>
            <button type="button" style={button} onClick={() => attempt(() => c.removeClass(info.name))} aria-label={`Remove ${info.name}`}>
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
        <div aria-hidden="true" style={{ display: 'flex', gap: 4 }}>
          {latest.map((e) => (
            <img key={e.id} src={e.thumbnail ?? undefined} alt="" width={32} height={32} style={{ borderRadius: 4, objectFit: 'cover' }} />
          ))}
        </div>
      )}
    </li>
  );
}
