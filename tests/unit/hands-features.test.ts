import { describe, expect, it } from 'vitest';
import { describeFeatures, featuresKey } from '../../packages/core/src/classifier/extractors/features';
import { parseDatasetFile, toDatasetFile } from '../../packages/core/src/classifier/datasetFile';
import { handEmbedding } from '../../packages/core/src/hands/handEmbedding';
import { normalize } from '../../packages/core/src/classifier/knn';
import { aslFrame } from './handFixtures';

describe("given features: 'hands'", () => {
  it('resolves to the 63-number hand landmark features, by name or by description', () => {
    for (const option of ['hands', { kind: 'hands' }] as const) {
      const d = describeFeatures(option);
      expect([d.id, d.dimension]).toEqual(['hands:landmarks-21', 63]);
      expect(featuresKey(option)).toBe('hands');
    }
  });

  it('names hands among the allowed features when given an unknown one', () => {
    expect(() => describeFeatures('feet' as never)).toThrow(/'hands'/);
  });

  it('records the feature type in an exported dataset, which then imports only into a hands classifier', () => {
    const d = describeFeatures('hands');
    const embedding = normalize(handEmbedding(aslFrame(150), 'right', false)!);
    const file = toDatasetFile([{ name: 'D', examples: [{ id: 'e1', embedding, thumbnail: null }] }], { extractorId: d.id, dimension: 63, mirrored: true });
    expect(file.extractor).toEqual({ id: 'hands:landmarks-21', dimension: 63 });
    const back = parseDatasetFile(JSON.parse(JSON.stringify(file)), { extractorId: d.id, dimension: d.dimension, mirrored: true });
    expect(Array.from(back.classes[0].examples[0].embedding)).toEqual(Array.from(embedding));
    const pose = describeFeatures('pose');
    expect(() => parseDatasetFile(file, { extractorId: pose.id, dimension: pose.dimension, mirrored: true })).toThrow(/hands:landmarks-21/);
  });
});
