// What a story says about its state: the text of its `role="status"` and `role="alert"` elements,
// and whether that is the state the story is named for.
import type { Frame, Page } from 'playwright-core';

export interface StatusTexts {
  status: string[];
  alerts: string[];
}

export interface StatusCheck {
  ok: boolean;
  /** Why the check fails, with what the story shows; null when it passes. */
  problem: string | null;
}

/** Words of an error state; a story shows them only when its `expectedStatus` does. */
const ERROR_WORDS = /\b(failed|error|not valid|invalid|blocked|not found|in use|can't provide|disconnected)\b/i;
/** Words of a state on its way somewhere else. */
const TRANSIENT_WORDS = /\b(loading|preparing|waiting|starting)\b/i;

function textsIn(target: Page | Frame, selector: string): Promise<StatusTexts> {
  return target.evaluate((sel) => {
    const roots = [...document.querySelectorAll(sel)];
    const texts = (role: string) =>
      roots.flatMap((r) => [...r.querySelectorAll(`[role="${role}"]`)]).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
    return { status: texts('status'), alerts: texts('alert') };
  }, selector);
}

/**
 * The status and alert texts inside `selector` (every match: a docs page renders a story once or
 * twice), and, for `storyId`, inside the frames that show it alone (a docs page's story with
 * `docs.story.inline: false`).
 */
export async function statusTexts(page: Page, selector: string, storyId?: string): Promise<StatusTexts> {
  const shows = (f: Frame) => f !== page.mainFrame() && URL.canParse(f.url()) && new URL(f.url()).searchParams.get('id') === storyId;
  const own = storyId ? page.frames().filter(shows) : [];
  const all = await Promise.all([textsIn(page, selector), ...own.map((f) => textsIn(f, '#storybook-root').catch(() => ({ status: [], alerts: [] })))]);
  return { status: all.flatMap((t) => t.status), alerts: all.flatMap((t) => t.alerts) };
}

/**
 * On a docs page (no interaction): with `expected` (one text or several), some status or alert
 * text contains each; without, nothing is still loading. After a play function (`afterPlay`) the
 * state may have moved on, so only the last rule holds: no text says an error (an alert always
 * does) other than an expected one.
 */
export function checkStatus({ status, alerts }: StatusTexts, expectedStatus: string | readonly string[] | null, afterPlay = false): StatusCheck {
  const all = [...status, ...alerts];
  const shows = JSON.stringify({ status, alerts });
  const wanted = expectedStatus === null ? [] : typeof expectedStatus === 'string' ? [expectedStatus] : expectedStatus;
  const expected = wanted.find((w) => !all.some((t) => t.includes(w))) ?? (wanted.length ? wanted[0] : null);
  const errors = all.filter((t) => (ERROR_WORDS.test(t) || alerts.includes(t)) && !wanted.some((w) => t.includes(w)));
  if (afterPlay) return errors.length ? { ok: false, problem: `ends on an error it is not named for: ${JSON.stringify(errors)}` } : { ok: true, problem: null };
  if (expected !== null && !all.some((t) => t.includes(expected))) return { ok: false, problem: `expected a status with "${expected}"; shows ${shows}` };
  if (expected === null && all.some((t) => TRANSIENT_WORDS.test(t))) return { ok: false, problem: `still on its way; shows ${shows}` };
  if (errors.length) return { ok: false, problem: `shows an error it is not named for: ${JSON.stringify(errors)}` };
  return { ok: true, problem: null };
}
