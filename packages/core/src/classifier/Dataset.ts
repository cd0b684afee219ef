import { ClassifierError } from './ClassifierError';
import { UNKNOWN_LABEL, type ClassInfo } from './types';

/** One example kept on the CPU: a lost WebGL context or a backend switch loses nothing. */
export interface StoredExample {
  id: string;
  /** Unit-length embedding. */
  embedding: Float32Array;
  thumbnail: string | null;
  /** Unit-length embeddings of altered copies of the example's frame (the `augment` option), learnt alongside it. */
  augmented?: Float32Array[];
}

/** One class and its examples, oldest first. */
export interface StoredClass {
  name: string;
  examples: StoredExample[];
}

let nextId = 0;
/** A short id unique within the page. */
export function exampleId(): string {
  nextId += 1;
  return `ex-${Date.now().toString(36)}-${nextId.toString(36)}`;
}

/**
 * The user's examples, in class order. Plain data and synchronous methods; the engine turns each
 * change into state, autosave and a stale dense head.
 */
export class Dataset {
  private list: StoredClass[] = [];

  get classes(): readonly StoredClass[] {
    return this.list;
  }

  get size(): number {
    return this.list.reduce((n, c) => n + c.examples.length, 0);
  }

  find(name: string): StoredClass | undefined {
    return this.list.find((c) => c.name === name);
  }

  /** Add an empty class (no-op if it exists). */
  addClass(name: string): StoredClass {
    const existing = this.find(name);
    if (existing) return existing;
    checkName(name);
    const created: StoredClass = { name, examples: [] };
    this.list.push(created);
    return created;
  }

  addExample(label: string, example: StoredExample): void {
    this.addClass(label).examples.push(example);
  }

  /** Returns false when no example has this id. */
  removeExample(id: string): boolean {
    for (const c of this.list) {
      const index = c.examples.findIndex((e) => e.id === id);
      if (index >= 0) {
        c.examples.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  clearClass(name: string): void {
    this.require(name).examples = [];
  }

  renameClass(from: string, to: string): void {
    const c = this.require(from);
    if (from === to) return;
    if (this.find(to)) throw new ClassifierError('invalid-action', `A class named "${to}" already exists.`);
    checkName(to);
    c.name = to;
  }

  removeClass(name: string): void {
    this.require(name);
    this.list = this.list.filter((c) => c.name !== name);
  }

  /** Replace everything (an import or a restore). */
  replace(classes: StoredClass[]): void {
    this.list = classes;
  }

  /** Append classes and examples (a restore racing with the first examples). */
  merge(classes: StoredClass[]): void {
    for (const c of classes) {
      const target = this.addClass(c.name);
      target.examples = [...c.examples, ...target.examples];
    }
  }

  clear(): void {
    this.list = [];
  }

  /** What the UI sees. */
  info(): ClassInfo[] {
    return this.list.map((c) => ({
      name: c.name,
      count: c.examples.length,
      examples: c.examples.map((e) => ({ id: e.id, thumbnail: e.thumbnail })),
    }));
  }

  private require(name: string): StoredClass {
    const c = this.find(name);
    if (!c) throw new ClassifierError('invalid-action', `There is no class named "${name}".`);
    return c;
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ClassifierError('invalid-action', 'A class name must be a non-empty string.');
  }
  if (name === UNKNOWN_LABEL) {
    throw new ClassifierError('invalid-action', `"${UNKNOWN_LABEL}" is reserved for predictions below the threshold; choose another class name.`);
  }
}
