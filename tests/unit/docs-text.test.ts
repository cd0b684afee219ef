// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cleanArgTypes, cleanDefault, cleanDescription, cleanType } from '../../.storybook/docsText';

describe('given a default as react-docgen-typescript and Storybook hand it over', () => {
  it("shows a quoted string default once quoted ('lightning', not \"'lightning'\")", () => {
    expect(cleanDefault(`"'lightning'"`)).toBe("'lightning'");
  });

  it('shows prose defaults of string props without the added quotes', () => {
    expect(cleanDefault('"undefined (the camera)"')).toBe('undefined (the camera)');
  });

  it('drops markdown backticks, which a code cell shows raw', () => {
    expect(cleanDefault("1, or 6 with `model: 'multipose'`")).toBe("1, or 6 with model: 'multipose'");
  });

  it('leaves plain values alone', () => {
    expect(cleanDefault('0.3')).toBe('0.3');
    expect(cleanDefault('true')).toBe('true');
  });
});

describe('given a description written as JSDoc', () => {
  it('shows {@link X} as code, and {@link X text} as the text', () => {
    expect(cleanDescription('Which detector finds the faces (see {@link FaceDetector}).')).toBe('Which detector finds the faces (see `FaceDetector`).');
    expect(cleanDescription('For {@link FaceMatcher the matcher}.')).toBe('For the matcher.');
  });

  it('turns a repository docs path into a link to its Storybook page', () => {
    expect(cleanDescription('Read docs/face-estimates.md before showing them.')).toBe(
      'Read [What face estimates can and cannot tell](?path=/docs/docs-face-estimates--docs) before showing them.',
    );
  });

  it('leaves a path that is already a link, and an unknown path, as they are', () => {
    expect(cleanDescription('[docs/face-estimates.md](docs/face-estimates.md)')).toBe('[docs/face-estimates.md](docs/face-estimates.md)');
    expect(cleanDescription('see docs/unknown.md')).toBe('see docs/unknown.md');
  });
});

describe('given a type with the "any string, but suggest these" idiom', () => {
  it('shows (string & {}) as string', () => {
    expect(cleanType('"user" | "environment" | (string & {})')).toBe('"user" | "environment" | string');
  });
});

describe('given an extracted args table', () => {
  it('cleans every row and leaves the input unchanged', () => {
    const input = {
      model: { name: 'model', description: 'See {@link PoseModel}.', table: { defaultValue: { summary: `"'lightning'"` }, type: { summary: 'string' } } },
      facingMode: { name: 'facingMode', type: { name: 'enum', value: ['"user"', '(string & {})'] }, table: { type: { summary: '"user" | (string & {})' } } },
    };
    const copy = structuredClone(input);
    const out = cleanArgTypes(input);
    expect(out.model.description).toBe('See `PoseModel`.');
    expect(out.model.table?.defaultValue?.summary).toBe("'lightning'");
    expect(out.facingMode.table?.type?.summary).toBe('"user" | string');
    expect(out.facingMode.type?.value).toEqual(['"user"', 'string']);
    expect(input).toEqual(copy);
  });
});
