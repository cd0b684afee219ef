// What counts as a React warning in the browser suite (used by browser-guards.ts).

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
export function formatConsoleArgs(args: unknown[]): string {
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
