import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { ClassRow } from './ClassRow';
import { PredictionBars } from './PredictionBars';
import { themeRoot, useThemeStyle, type UnstyledProp } from '../theme/useThemeStyle';
import { qualityHint, type QualityHint } from './qualityHint';
import type { UseTrainableClassifierResult } from './useTrainableClassifier';

export interface ClassifierTrainerProps extends UnstyledProp {
  /** The classifier to train: what `useTrainableClassifier` returned. */
  classifier: UseTrainableClassifierResult;
  /**
   * Classes to create when the classifier has none (after a saved dataset was restored).
   * @default []
   */
  initialClasses?: readonly string[];
  /**
   * How many of each class's latest thumbnails to show.
   * @default 6
   */
  thumbnails?: number;
  /**
   * File name of the exported dataset.
   * @default 'webcam-ml-dataset.json'
   */
  exportFileName?: string;
  /**
   * Show the export and import buttons.
   * @default true
   */
  importExport?: boolean;
  className?: string;
  style?: CSSProperties;
}


/** What the trainer tells the user about loading, saving and the last action. */
function statusText(c: UseTrainableClassifierResult): string {
  if (c.status === 'loading') {
    const { loaded, total } = c.progress;
    return total > 0 ? `Loading the model… ${Math.round((loaded / total) * 100)}%` : 'Loading the model…';
  }
  if (c.status === 'recovering') return 'The graphics context was lost: reloading the model. Your examples are safe.';
  if (c.status === 'error') return `Error: ${c.error?.message ?? 'unknown'}`;
  if (c.status === 'idle') return 'Idle';
  if (c.storage.status === 'loading') return 'Restoring your saved examples…';
  return 'Ready';
}

/**
 * A complete training panel for a `useTrainableClassifier` result: the class list (add, rename,
 * remove, clear), a hold-to-record button per class (pointer, or Space/Enter held on the
 * keyboard) with its count and latest thumbnails, live confidence bars with a polite live
 * region, and export/import of the dataset. Every control is a labelled native button or input.
 * State for CSS: `data-status` (the model's status) and `data-recording` (the class being
 * recorded) on the root; `data-class`, `data-count` and `data-recording` on each class. Each class
 * says what to do next when not recording (`data-quality`: `too-few`, `too-similar`, `unsure` or
 * `ok`, with a sentence) and how sure the classifier is of it (`data-how-sure`, 0..1: leave-one-out
 * KNN, or the dense head's held-out share once trained).
 */
export function ClassifierTrainer({
  classifier: c,
  initialClasses = [],
  thumbnails = 6,
  exportFileName = 'webcam-ml-dataset.json',
  importExport = true,
  unstyled,
  className,
  style,
}: ClassifierTrainerProps) {
  useThemeStyle(unstyled);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [newName, setNewName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const newNameId = useId();

  // Per class, what to do next: assessed when the examples change, not while recording (each
  // recorded frame would redo it).
  const { classes, recording, training, readOnly, engine } = c;
  const hints = useMemo(() => {
    if (recording !== null || readOnly) return null;
    const report = engine.assess();
    return new Map<string, QualityHint>(report.classes.map((q) => [q.name, qualityHint(q, training)]));
    // `classes` is the state's mirror of the dataset that assess() reads: a new list, a new report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [classes, recording, training, readOnly, engine]);

  const seeded = useRef(false);
  useEffect(() => {
    if (seeded.current || c.readOnly || c.storage.status === 'loading' || c.classes.length > 0) return;
    seeded.current = true;
    for (const name of initialClasses) c.addClass(name);
  }, [c, initialClasses]);

  const attempt = (run: () => unknown, success?: string) => {
    try {
      const out = run();
      if (out instanceof Promise) {
        out.then(
          () => success && setMessage({ kind: 'info', text: success }),
          (error: unknown) => setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
        );
      } else if (success) setMessage({ kind: 'info', text: success });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const addClass = (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim();
    if (!name) return;
    attempt(() => {
      if (c.classes.some((x) => x.name === name)) throw new Error(`A class named "${name}" already exists.`);
      c.addClass(name);
      setNewName('');
    });
  };

  const exportDataset = () =>
    attempt(() => {
      const url = URL.createObjectURL(c.exportDataset());
      const a = document.createElement('a');
      a.href = url;
      a.download = exportFileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }, 'Dataset exported.');

  const importFile = (file: File | undefined) => {
    if (!file) return;
    attempt(() => c.importDataset(file), `Imported ${file.name}.`);
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <section
      {...themeRoot('classifier-trainer', unstyled)}
      className={className}
      style={style}
      aria-label="Classifier trainer"
      data-status={c.status}
      data-recording={c.recording ?? undefined}
    >
      <p role={c.status === 'error' ? 'alert' : 'status'} data-status={c.status}>
        {statusText(c)}
        {c.storage.status === 'saving' && ' · saving…'}
        {c.storage.status === 'saved' && ' · saved'}
      </p>
      {c.storage.error && (
        <p role="alert">
          {c.storage.error.message}
        </p>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} data-message={message.kind}>
          {message.text}
        </p>
      )}

      <ul aria-label="Classes">
        {c.classes.map((info) => (
          <ClassRow key={info.name} info={info} classifier={c} thumbnails={thumbnails} attempt={attempt} hint={hints?.get(info.name) ?? null} />
        ))}
      </ul>

      {!c.readOnly && (
        <form onSubmit={addClass}>
          <label htmlFor={newNameId}>New class</label>
          <input id={newNameId} value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button type="submit" data-variant="primary" disabled={!newName.trim()}>
            Add class
          </button>
        </form>
      )}

      <PredictionBars prediction={c.prediction} labels={c.classes.map((x) => x.name)} unstyled={unstyled} />

      {importExport && !c.readOnly && (
        <div data-actions="">
          <button type="button" onClick={exportDataset} disabled={c.classes.every((x) => x.count === 0)}>
            Export dataset
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import dataset
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            aria-label="Dataset file to import"
            hidden
            onChange={(e) => importFile(e.target.files?.[0])}
          />
          {c.engine.getOptions().head === 'dense' && (
            <button type="button" data-variant="primary" onClick={() => attempt(() => c.train(), 'Trained.')} disabled={c.training.status === 'training'}>
              {c.training.status === 'training' ? `Training… ${c.training.epoch}/${c.training.epochs}` : 'Train'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
