// Which metadata.json is a Teachable Machine pose export, and the PoseNet settings it is read with
// (filled in as @teachablemachine/pose 0.8.6's fillConfig fills them).
import { describe, expect, it } from 'vitest';
import { ClassifierError } from '../../packages/core/src/classifier/ClassifierError';
import { parseTeachableMachineMetadata } from '../../packages/core/src/classifier/teachableMachine';
import { poseInputLength, poseNetSettingsOf } from '../../packages/core/src/classifier/teachableMachinePose';

describe('given the metadata.json of an export', () => {
  it('an image export (no posenet settings, another package) is not a pose export', () => {
    expect(poseNetSettingsOf({ labels: ['a'], imageSize: 224, packageName: '@teachablemachine/image' })).toBeNull();
    expect(parseTeachableMachineMetadata({ labels: ['a', 'b'] }).posenet).toBeNull();
  });

  it("a pose export as the library saves it is read at its settings: 257 px gives 17 × 17 × 51 numbers", () => {
    const settings = poseNetSettingsOf({
      packageName: '@teachablemachine/pose',
      labels: ['a', 'b'],
      modelSettings: { posenet: { architecture: 'MobileNetV1', outputStride: 16, inputResolution: 257, multiplier: 0.75 } },
    });
    expect(settings).toEqual({ inputResolution: [257, 257], outputStride: 16 });
    expect(poseInputLength(settings!)).toBe(14739);
  });

  it("what it leaves out gets Teachable Machine's defaults, either sign of a pose export is enough", () => {
    expect(poseNetSettingsOf({ packageName: '@teachablemachine/pose', labels: ['a'] })).toEqual({ inputResolution: [257, 257], outputStride: 16 });
    expect(poseNetSettingsOf({ labels: ['a'], modelSettings: { posenet: { inputResolution: 353 } } })).toEqual({ inputResolution: [353, 353], outputStride: 16 });
  });

  it('an input size the stride does not divide is rounded down as posenet-js does; width and height may differ', () => {
    expect(poseNetSettingsOf({ modelSettings: { posenet: { inputResolution: 300 } } })?.inputResolution).toEqual([289, 289]);
    const settings = poseNetSettingsOf({ modelSettings: { posenet: { inputResolution: { width: 321, height: 257 } } } })!;
    expect(settings.inputResolution).toEqual([257, 321]);
    expect(poseInputLength(settings)).toBe(17 * 21 * 51);
  });

  it('another PoseNet (ResNet50, multiplier 1, stride 8) or a bad size is a typed error', () => {
    for (const posenet of [{ architecture: 'ResNet50' }, { multiplier: 1 }, { outputStride: 8 }, { inputResolution: 'big' }, { inputResolution: 4 }]) {
      const read = () => poseNetSettingsOf({ labels: ['a'], modelSettings: { posenet } });
      expect(read, JSON.stringify(posenet)).toThrow(ClassifierError);
      try {
        read();
      } catch (error) {
        expect((error as ClassifierError).code).toBe('teachable-machine');
      }
    }
  });
});
