import * as tf from '@tensorflow/tfjs-core';
import { asNetInput, faceapi, type FaceApi, type FaceNets } from './faceModels';
import { FACE_EXPRESSIONS, type FaceBox, type FaceExpressions, type FaceInfo, type ResolvedFaceOptions } from './types';

/** One face of one frame before tracking and smoothing (no id yet). Source pixels. */
export type RawFace = Omit<FaceInfo, 'id' | 'dominantExpression'>;

type Region = FaceApi.Rect;

function toRect(box: FaceBox): Region {
  return new (faceapi().Rect)(box.x, box.y, box.width, box.height);
}

function isInside(box: FaceBox, width: number, height: number): boolean {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  return Math.floor(Math.min(width, box.x + box.width) - x0) > 0 && Math.floor(Math.min(height, box.y + box.height) - y0) > 0;
}

/** Crop each region out of `image` (face-api's extractFaceTensors), run `compute`, free the crops. */
async function perFace<T>(image: tf.Tensor3D, regions: Region[], compute: (crop: FaceApi.TNetInput) => Promise<T>): Promise<T[]> {
  const faceApiImage = image as unknown as Parameters<typeof FaceApi.extractFaceTensors>[0];
  const crops = (await faceapi().extractFaceTensors(faceApiImage, regions)) as unknown as tf.Tensor3D[];
  try {
    return await Promise.all(crops.map((crop) => compute(asNetInput(crop))));
  } finally {
    tf.dispose(crops);
  }
}

async function detect(nets: FaceNets, image: tf.Tensor3D, options: ResolvedFaceOptions): Promise<{ box: FaceBox; score: number }[]> {
  const [height, width] = image.shape;
  if (options.detector === 'none') return [{ box: { x: 0, y: 0, width, height }, score: 1 }];
  let detections: FaceApi.FaceDetection[];
  if (options.detector === 'ssd') {
    detections = await nets.ssdMobilenetv1!.locateFaces(
      asNetInput(image),
      new (faceapi().SsdMobilenetv1Options)({ minConfidence: options.scoreThreshold, maxResults: options.maxFaces }),
    );
  } else {
    detections = await nets.tinyFaceDetector!.locateFaces(
      asNetInput(image),
      new (faceapi().TinyFaceDetectorOptions)({ inputSize: options.inputSize, scoreThreshold: options.scoreThreshold }),
    );
  }
  return detections
    .map((d) => ({ box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height }, score: d.score }))
    .filter((d) => isInside(d.box, width, height))
    .sort((a, b) => b.score - a.score)
    .slice(0, options.maxFaces);
}

/**
 * Find the faces in one frame and estimate what the options ask for, with face-api's nets and
 * the same steps as its composable tasks (`detectAllFaces(...).withFaceLandmarks()...`): landmarks
 * on the detection crop, then expressions and age on the crop aligned by the landmarks, and
 * descriptors on the dlib-aligned crop. Each crop is cut once and shared by the nets that need it.
 * `image` is not disposed.
 */
export async function estimateFaces(nets: FaceNets, image: tf.Tensor3D, options: ResolvedFaceOptions): Promise<RawFace[]> {
  const [height, width] = image.shape;
  const detections = await detect(nets, image, options);
  if (detections.length === 0) return [];
  const boxes = detections.map((d) => toRect(d.box));

  const landmarkNet = options.withLandmarks === 'tiny' ? nets.faceLandmark68TinyNet : options.withLandmarks === 'full' ? nets.faceLandmark68Net : undefined;
  let landmarks: FaceApi.FaceLandmarks68[] | null = null;
  if (landmarkNet) {
    const unshifted = await perFace(image, boxes, (crop) => landmarkNet.detectLandmarks(crop) as Promise<FaceApi.FaceLandmarks68>);
    landmarks = unshifted.map((l, i) => l.shiftBy<FaceApi.FaceLandmarks68>(detections[i].box.x, detections[i].box.y));
  }

  // Already-cropped input is used whole; otherwise align on the landmarks as face-api does.
  const aligned = (align: (l: FaceApi.FaceLandmarks68) => FaceBox): Region[] =>
    boxes.map((box, i) => {
      if (options.detector === 'none' || !landmarks) return box;
      const region = align(landmarks[i]);
      return isInside(region, width, height) ? toRect(region) : box;
    });

  let expressions: FaceExpressions[] | null = null;
  let ageGender: FaceApi.AgeAndGenderPrediction[] | null = null;
  const expressionNet = options.withExpressions ? nets.faceExpressionNet : undefined;
  const ageGenderNet = options.withAgeAndGender ? nets.ageGenderNet : undefined;
  if (expressionNet || ageGenderNet) {
    const results = await perFace(image, aligned((l) => l.align()), async (crop) => {
      const e = expressionNet ? ((await expressionNet.predictExpressions(crop)) as FaceApi.FaceExpressions) : null;
      const a = ageGenderNet ? ((await ageGenderNet.predictAgeAndGender(crop)) as FaceApi.AgeAndGenderPrediction) : null;
      return { e, a };
    });
    if (expressionNet) expressions = results.map(({ e }) => toExpressions(e!));
    if (ageGenderNet) ageGender = results.map(({ a }) => a!);
  }

  let descriptors: Float32Array[] | null = null;
  if (options.withDescriptors && nets.faceRecognitionNet) {
    const net = nets.faceRecognitionNet;
    descriptors = await perFace(
      image,
      aligned((l) => l.align(null, { useDlibAlignment: true })),
      (crop) => net.computeFaceDescriptor(crop) as Promise<Float32Array>,
    );
  }

  return detections.map((d, i) => ({
    box: d.box,
    score: d.score,
    landmarks: landmarks ? landmarks[i].positions.map((p) => ({ x: p.x, y: p.y })) : null,
    age: ageGender ? ageGender[i].age : null,
    gender: ageGender ? (ageGender[i].gender === 'female' ? 'female' : 'male') : null,
    genderProbability: ageGender ? ageGender[i].genderProbability : null,
    expressions: expressions ? expressions[i] : null,
    descriptor: descriptors ? descriptors[i] : null,
  }));
}

function toExpressions(e: FaceApi.FaceExpressions): FaceExpressions {
  const out = {} as FaceExpressions;
  for (const name of FACE_EXPRESSIONS) out[name] = e[name];
  return out;
}
