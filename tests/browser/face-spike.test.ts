import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

async function img(src: string) {
  const i = new Image(); i.src = src; await i.decode(); return i;
}
it('spike', async () => {
  setWasmPaths('/models/wasm/');
  await tf.setBackend('wasm'); await tf.ready();
  console.log('backend', tf.getBackend(), tf.version_core, (faceapi as any).tf.version_core, (faceapi as any).tf.engine() === tf.engine());
  await faceapi.nets.tinyFaceDetector.loadFromUri('/models/face');
  await faceapi.nets.faceLandmark68Net.loadFromUri('/models/face');
  await faceapi.nets.faceExpressionNet.loadFromUri('/models/face');
  await faceapi.nets.ageGenderNet.loadFromUri('/models/face');
  const faces = await img('/fixtures/face/faces.jpg');
  for (const size of [416, 320]) {
    const o = new faceapi.TinyFaceDetectorOptions({ inputSize: size, scoreThreshold: 0.5 });
    const a = await faceapi.detectAllFaces(faces, o);
    const t = tf.browser.fromPixels(faces);
    const b = await faceapi.detectAllFaces(t as any, o);
    t.dispose();
    const f = (d: any[]) => d.map((x) => `${x.box.x.toFixed(1)},${x.box.y.toFixed(1)},${x.box.width.toFixed(1)},${x.box.height.toFixed(1)}:${x.score.toFixed(3)}`).join(' ');
    console.log(size, 'el ', f(a));
    console.log(size, 'ten', f(b));
  }
  await faceapi.nets.ssdMobilenetv1.loadFromUri('/models/face');
  const f = (r: any) => `${r.age?.toFixed(1)} ${r.gender} ${r.genderProbability?.toFixed(3)} ${r.expressions ? r.expressions.asSortedArray()[0].expression + ':' + r.expressions.asSortedArray()[0].probability.toFixed(3) : ''}`;
  for (const name of ['angry_cropped.jpg', 'surprised_cropped.jpg']) {
    const im = await img('/fixtures/face/' + name);
    console.log(name, im.naturalWidth, im.naturalHeight);
    const t = tf.browser.fromPixels(im);
    for (const opt of [224, 320, 416, 512, 608, 'ssd']) {
      const o = opt === 'ssd' ? new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 }) : new faceapi.TinyFaceDetectorOptions({ inputSize: opt as number, scoreThreshold: 0.3 });
      const d = await faceapi.detectAllFaces(t as any, o);
      const r1 = await faceapi.detectAllFaces(t as any, o).withFaceExpressions().withAgeAndGender();
      const r2 = await faceapi.detectAllFaces(t as any, o).withFaceLandmarks().withFaceExpressions().withAgeAndGender();
      console.log(name, opt, d.map((x: any) => `${x.box.x.toFixed(0)},${x.box.y.toFixed(0)},${x.box.width.toFixed(0)},${x.box.height.toFixed(0)}:${x.score.toFixed(2)}`).join(' '), '| nolm', r1.map(f).join(';'), '| lm', r2.map(f).join(';'));
    }
    t.dispose();
  }
});
