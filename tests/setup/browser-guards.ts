// Browser-suite guards (registered in vitest.config.ts, project `browser`): a test fails when,
// while it ran, a promise rejection went unhandled or React printed a warning. Vitest alone
// reports an unhandled rejection as a run-level error that names no test, and lets React's
// warnings scroll by in the console; here both fail the test that caused them.
import { afterAll, afterEach, beforeEach } from 'vitest';
import { formatConsoleArgs, isReactWarning } from './reactWarnings';

const problems: string[] = [];

const onRejection = (event: PromiseRejectionEvent) => {
  const reason = event.reason as { stack?: string; message?: string } | undefined;
  problems.push(`unhandled promise rejection: ${reason?.stack ?? reason?.message ?? String(event.reason)}`);
};
window.addEventListener('unhandledrejection', onRejection);

for (const level of ['error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const line = formatConsoleArgs(args);
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
