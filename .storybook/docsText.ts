// Turns our JSDoc, written for editors and the repository, into what Storybook's args tables and
// docs descriptions render well. Applied to every extracted args table (preview.tsx), so the
// JSDoc stays plain TypeScript-style and every page gets the same fixes.

/** Repository docs shown as Storybook pages: a mention of the file becomes a link to the page. */
const DOC_PAGES: Record<string, [title: string, path: string]> = {
  'docs/face-estimates.md': ['What face estimates can and cannot tell', '?path=/docs/docs-face-estimates--docs'],
  'docs/benchmarks.md': ['Benchmarks', '?path=/docs/docs-benchmarks--docs'],
  'docs/hosting.md': ['Hosting the models', '?path=/docs/docs-hosting-the-models--docs'],
  'docs/visual-language.md': ['The visual language', '?path=/docs/docs-visual-language--docs'],
};

/**
 * A description (markdown) as the docs page should show it: `{@link X}` and `{@link X text}` as
 * code, and a repository docs path as a link to its Storybook page.
 */
export function cleanDescription(text: string): string {
  return text
    .replace(/\{@link(?:code|plain)?\s+([^\s}|]+)(?:[\s|]+([^}]+))?\}/g, (_, target: string, label?: string) => (label ? label.trim() : `\`${target}\``))
    .replace(/(?<![[(/\w])(docs\/[\w-]+\.md)\b/g, (path: string) => {
      const page = DOC_PAGES[path];
      return page ? `[${page[0]}](${page[1]})` : path;
    });
}

/**
 * A default as the table's code cell should show it. react-docgen-typescript hands over the
 * `@default` text verbatim and Storybook JSON-quotes it again for string props (`"'lightning'"`,
 * `"undefined (the camera)"`), and a code cell shows markdown backticks raw: undo the extra
 * quoting, drop the backticks.
 */
export function cleanDefault(summary: string): string {
  let out = summary.trim();
  if (/^".*"$/.test(out)) {
    try {
      out = String(JSON.parse(out));
    } catch {
      // not JSON-quoted after all: leave it
    }
  }
  return out.replace(/`/g, '');
}

/** A type as the table shows it: TypeScript's "any string, but suggest these" idiom as `string`. */
export function cleanType(summary: string): string {
  return summary.replace(/\(string & \{\}\)/g, 'string');
}

interface Summary {
  summary?: string;
  detail?: string;
}
interface ArgTypeLike {
  description?: string;
  type?: { name?: string; value?: unknown };
  table?: { type?: Summary; defaultValue?: Summary; [key: string]: unknown };
  [key: string]: unknown;
}

/** Every argType of an extracted table, cleaned (a new object; the input is left as it is). */
export function cleanArgTypes<T extends Record<string, ArgTypeLike> | null | undefined>(argTypes: T): T {
  if (!argTypes) return argTypes;
  const out: Record<string, ArgTypeLike> = {};
  for (const [name, arg] of Object.entries(argTypes)) {
    const table = arg.table && {
      ...arg.table,
      ...(arg.table.type?.summary && { type: { ...arg.table.type, summary: cleanType(arg.table.type.summary) } }),
      ...(arg.table.defaultValue?.summary && { defaultValue: { ...arg.table.defaultValue, summary: cleanDefault(arg.table.defaultValue.summary) } }),
    };
    const type =
      arg.type?.name === 'enum' && Array.isArray(arg.type.value)
        ? { ...arg.type, value: arg.type.value.map((v) => (v === '(string & {})' ? 'string' : v)) }
        : arg.type;
    out[name] = { ...arg, ...(arg.description && { description: cleanDescription(arg.description) }), ...(type && { type }), ...(table && { table }) };
  }
  return out as T;
}
