// Browser-suite guards (registered in vitest.config.ts, project `browser`): a test fails when,
// while it ran, a promise rejection went unhandled or React printed a warning. Vitest alone
// reports an unhandled rejection as a run-level error that names no test, and lets React's
// warnings scroll by in the console; here both fail the test that caused them.
import { afterAll, afterEach, beforeEach } from 'vitest';

/**
 * What React (react-dom, the scheduler, act) prints in development when something is wrong.
 * React 19 dropped the old "Warning: " prefix from most of them, so the messages themselves are
 * matched; the prefix is kept for libraries still on React 18 wording.
 */
const REACT_WARNINGS: readonly RegExp[] = [
  /^Warning: /,
  /not wrapped in act\(/,
  /\bact\(\.\.\.\)/,
  /Each child in a list should have a unique "key" prop/,
  /Encountered two children with the same key/,
  /Cannot update a component .* while rendering a different component/,
  /Cannot update during an existing state transition/,
  /Can't perform a React state update/,
  /Maximum update depth exceeded/,
  /The result of getSnapshot should be cached/,
  /getServerSnapshot should be cached/,
  /React does not recognize the `.*` prop on a DOM element/,
  /Invalid DOM property `/,
  /Unknown event handler property/,
  /Received `(true|false)` for a non-boolean attribute/,
  /is changing an? (un)?controlled input/,
  /You provided a `(value|checked)` prop to a form field without an `onChange` handler/,
  /In HTML, .* cannot be a (child|descendant) of/,
  /validateDOMNesting/,
  /flushSync was called from inside a lifecycle method/,
  /A component suspended while responding to synchronous input/,
  /Functions are not valid as a React child/,
  /useLayoutEffect does nothing on the server/,
  /An error occurred in the <.*> component/,
  /The above error occurred in/,
  /React has detected a change in the order of Hooks/,
  /Rendered (more|fewer) hooks than/,
  /is using incorrect casing/,
  /is deprecated and will be removed/,
];

/**
 * Console lines that are not ours and not React's: Chromium probing WebGPU on a machine without a
 * GPU prints this (from `navigator.gpu.requestAdapter()`), which is the expected outcome here.
 */
const ALLOWED: readonly RegExp[] = [/^No available adapters\.?$/];

/** `console.error('%s is %d', a, 1)` as the line a person reads. */
function format(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(String).join(' ');
  let i = 0;
  const text = first.replace(/%[sdifoOc]/g, () => (i < rest.length ? String(rest[i++]) : ''));
  return [text, ...rest.slice(i).map((a) => (typeof a === 'string' ? a : ''))].join(' ').trim();
}

/** Whether a console line is a React warning the suite must not produce. */
export function isReactWarning(line: string): boolean {
  return !ALLOWED.some((re) => re.test(line)) && REACT_WARNINGS.some((re) => re.test(line));
}

const problems: string[] = [];

const onRejection = (event: PromiseRejectionEvent) => {
  const reason = event.reason as { stack?: string; message?: string } | undefined;
  problems.push(`unhandled promise rejection: ${reason?.stack ?? reason?.message ?? String(event.reason)}`);
};
window.addEventListener('unhandledrejection', onRejection);

for (const level of ['error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const line = format(args);
    if (isReactWarning(line)) problems.push(`React warning (console.${level}): ${line.split('\n')[0]}`);
    original(...args);
  };
}

function check(when: string): void {
  if (problems.length === 0) return;
  const found = problems.splice(0);
  throw new Error(`${found.length} problem(s) ${when}:\n- ${found.join('\n- ')}`);
}

beforeEach(() => {
  // Whatever happened between tests (a late rejection of the previous one) fails this file's next
  // test rather than vanishing; say so.
  check('between tests (raised after the previous test ended)');
});

afterEach(async () => {
  // A rejection is reported as unhandled only after the microtask queue drained: let it.
  await new Promise((r) => setTimeout(r, 0));
  check('during this test');
});

afterAll(async () => {
  await new Promise((r) => setTimeout(r, 0));
  check('after the last test of this file');
});
