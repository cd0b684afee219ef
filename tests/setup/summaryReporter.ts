import type { Reporter, TestModule } from 'vitest/node';

/**
 * Adds one plain closing line, `<project>: N passed, N failed`, so CI logs say at a glance how
 * many tests ran (and a run that executed none is visible as `0 passed, 0 failed`).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\nvitest: ${line}\n`);
  }
}
