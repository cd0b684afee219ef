// Types for scripts/example.mjs (imported by tests/e2e/example-app.test.ts).
/** Install the app's dependencies from its package.json, copy its weights (`npm run models`), build it. */
export declare function buildExample(app: string): void;
