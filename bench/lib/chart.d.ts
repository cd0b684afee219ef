// Types for bench/lib/chart.js (imported by tests/unit/bench-chart.test.ts).
export declare const DOCS_CHART: string;
/** Where a bench run draws its chart: beside its JSON, or over the tracked docs chart with `chart`. */
export declare function chartDestination(root: string, args: { out: string; chart: boolean }): string;
export declare function renderChart(
  rows: { widget: string; label: string; backend: string; hook: number | null; bare: number | null }[],
  options?: { title?: string; footnote?: string },
): string;
