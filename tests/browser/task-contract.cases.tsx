// The tasks the contract suite (task-contract.test.tsx) runs against. A new task joins with one
// entry in `TASKS`: how to make its engine and hook, and which of its options matter.
import * as tf from '@tensorflow/tfjs-core';
import type { Runtime, TaskState } from '@webcam-ml/core/runtime';
import { PoseEngine } from '@webcam-ml/core/pose';
import { FaceEngine } from '@webcam-ml/core/face';
import { ClassifierEngine } from '@webcam-ml/core/classifier';
import { SegmentationEngine } from '@webcam-ml/core/segmentation';
import { HandsEngine } from '@webcam-ml/core/hands';
import { useHands } from '@webcam-ml/react/hands';
import { usePose, useFaceInfo, useSegmentation, useTrainableClassifier } from '@webcam-ml/react';
import { liveModels } from './reliability.helpers';

/** What the suite needs of an engine, whatever its task. */
export interface ContractEngine {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => TaskState;
  setOptions: (options: never) => void;
  setSource: (source: HTMLVideoElement | HTMLImageElement | null) => void;
  subscribeResults: (listener: (result: unknown) => void) => () => void;
  estimate: (input: never, timestampMs?: number) => Promise<unknown>;
  ready: () => Promise<void>;
  retry: () => void;
  dispose: () => void;
}

/** What a hook under test is given: one source and the callbacks the suite counts with. */
export interface HookProps {
  source: HTMLVideoElement | HTMLImageElement | null;
  onResult?: () => void;
  onRender?: () => void;
  statusOnly?: boolean;
}

export interface TaskCase {
  name: string;
  create: (options: Record<string, unknown>, runtime?: Runtime) => ContractEngine;
  /** The options every test starts from (cheap models, so the suite runs in time). */
  base: Record<string, unknown>;
  /** The still the task has something to say about. */
  still: string;
  /** The result fields of the state (empty after a new source). */
  isEmpty: (state: TaskState) => boolean;
  /** An option that changes the result of the same still. */
  resultChange: Record<string, unknown>;
  /** An option that needs a model of its own, and that model's cache-key prefix (none for the classifier). */
  extraModel: { options: Record<string, unknown>; keyPrefix: string } | null;
  /** Options that differ from the defaults, and the defaults they must return to once left out. */
  sticky: { options: Record<string, unknown>; defaults: Record<string, unknown> };
  /** A task-specific exercise whose tensors must all be freed (the classifier trains its dense head). */
  exercise: (engine: ContractEngine, still: HTMLImageElement) => Promise<void>;
  /** The task's hook, rendered with the suite's props. */
  Hook: (props: HookProps) => null;
  /** Model-cache key prefixes the task uses. */
  keys: string[];
}

function hookProps({ source, onResult, statusOnly }: HookProps) {
  return { source, onResult, ...(statusOnly ? { select: (s: TaskState) => ({ status: s.status }) } : {}) };
}

export const TASKS: TaskCase[] = [
  {
    name: 'pose',
    create: (options, runtime) => new PoseEngine(options, runtime) as unknown as ContractEngine,
    base: { model: 'lightning' },
    still: '/fixtures/pose/pose.jpg',
    isEmpty: (s) => (s as TaskState & { poses: unknown[] }).poses.length === 0,
    resultChange: { model: 'lightning', minScore: 0.99 },
    extraModel: { options: { model: 'thunder' }, keyPrefix: 'pose:thunder' },
    sticky: { options: { minScore: 0.9, smoothing: false, maxFps: 5 }, defaults: { minScore: 0.25, smoothing: true, maxFps: Infinity } },
    exercise: async (engine, still) => {
      for (let i = 0; i < 10; i++) await engine.estimate(still as never, i * 33.333);
    },
    Hook: (props) => {
      props.onRender?.();
      usePose({ model: 'lightning', ...hookProps(props) });
      return null;
    },
    keys: ['pose:'],
  },
  {
    name: 'face',
    create: (options, runtime) => new FaceEngine(options, runtime) as unknown as ContractEngine,
    base: { withExpressions: false, withAgeAndGender: false },
    still: '/fixtures/face/surprised.jpg',
    isEmpty: (s) => (s as TaskState & { faces: unknown[] }).faces.length === 0,
    resultChange: { withExpressions: false, withAgeAndGender: false, scoreThreshold: 0.99 },
    extraModel: { options: { withExpressions: false, withAgeAndGender: false, withDescriptors: true }, keyPrefix: 'face-api:faceRecognitionNet' },
    sticky: {
      options: { detector: 'ssd', withDescriptors: true, inputSize: 416 },
      defaults: { detector: 'tiny', withDescriptors: false, inputSize: 224 },
    },
    exercise: async (engine, still) => {
      for (let i = 0; i < 5; i++) await engine.estimate(still as never, i * 33.333);
    },
    Hook: (props) => {
      props.onRender?.();
      useFaceInfo({ withExpressions: false, withAgeAndGender: false, ...hookProps(props) });
      return null;
    },
    keys: ['face-api:'],
  },
  {
    name: 'classifier',
    create: (options, runtime) => new ClassifierEngine(options, runtime) as unknown as ContractEngine,
    base: { features: 'pose' },
    still: '/fixtures/pose/pose.jpg',
    isEmpty: (s) => (s as TaskState & { prediction: unknown }).prediction === null,
    resultChange: { features: 'pose', threshold: 0.99, minExamples: 1 },
    extraModel: null,
    sticky: {
      options: { threshold: 0.9, k: 3, datasetName: 'contract', teachableMachine: null },
      defaults: { threshold: 0.5, k: 5, datasetName: null, teachableMachine: null },
    },
    exercise: async (engine, still) => {
      const classifier = engine as unknown as ClassifierEngine;
      classifier.setOptions({ features: 'pose', head: 'dense', minExamples: 1 });
      await classifier.addExample('a', still);
      const flipped = tf.tidy(() => tf.reverse(tf.browser.fromPixels(still), 1)) as tf.Tensor3D;
      try {
        await classifier.addExample('b', flipped);
      } finally {
        flipped.dispose();
      }
      await classifier.train({ epochs: 3 });
      await classifier.estimate(still, 0);
    },
    Hook: (props) => {
      props.onRender?.();
      useTrainableClassifier({ features: 'pose', ...hookProps(props) });
      return null;
    },
    keys: ['pose:'],
  },
  {
    name: 'segmentation',
    create: (options, runtime) => new SegmentationEngine(options, runtime) as unknown as ContractEngine,
    base: {},
    still: '/fixtures/segmentation/portrait.jpg',
    isEmpty: (s) => (s as TaskState & { mask: unknown }).mask === null,
    resultChange: { threshold: 0.5 },
    extraModel: null,
    sticky: { options: { threshold: 0.5, smoothing: 0.2, mirrored: true, maxFps: 5 }, defaults: { threshold: null, smoothing: 0.7, mirrored: false, maxFps: Infinity } },
    exercise: async (engine, still) => {
      for (let i = 0; i < 10; i++) await engine.estimate(still as never, i * 33.333);
    },
    Hook: (props) => {
      props.onRender?.();
      useSegmentation(hookProps(props));
      return null;
    },
    keys: ['segmentation:'],
  },
  {
    name: 'hands',
    create: (options, runtime) => new HandsEngine(options, runtime) as unknown as ContractEngine,
    base: { model: 'lite' },
    still: '/fixtures/hands/hands.jpg',
    isEmpty: (s) => (s as TaskState & { hands: unknown[] }).hands.length === 0,
    resultChange: { model: 'lite', maxHands: 1 },
    extraModel: { options: { model: 'full' }, keyPrefix: 'hands:landmarks:full' },
    sticky: {
      options: { maxHands: 1, minScore: 0.8, smoothing: false, gestures: false, maxFps: 5 },
      defaults: { maxHands: 2, minScore: 0.5, smoothing: true, gestures: true, maxFps: Infinity },
    },
    exercise: async (engine, still) => {
      // With timestamps the still is tracked like a video: the landmarks' ROI, the filters.
      for (let i = 0; i < 10; i++) await engine.estimate(still as never, i * 33.333);
    },
    Hook: (props) => {
      props.onRender?.();
      useHands({ model: 'lite', ...hookProps(props) });
      return null;
    },
    keys: ['hands:'],
  },
];

/** Models of the task still alive in the cache. */
export const modelsOf = (task: TaskCase) => liveModels(...task.keys);
