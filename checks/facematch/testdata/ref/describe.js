// Reference descriptors for checks/face's proof test (test-only): face-api's
// own FaceRecognitionNet on TensorFlow.js' CPU backend, the implementation
// kycd's Go forward pass must agree with.
//
// usage: NODE_PATH=<dir>/node_modules node describe.js MODEL_DIR CHIP...
// Each CHIP is a raw 150x150 RGB file (67,500 bytes). Prints JSON:
// {"backend", "tfjs", "faceapi", "descriptors": [[128 numbers], ...],
//  "cpu_ms_per_descriptor"} (CPU time, the mean over the chips after the
// first, which warms the backend up).
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
// The node-wasm build is the one that takes TensorFlow.js from the caller
// (face-api.node.js wants the native tfjs-node); the CPU backend is chosen
// below, so WebAssembly is never used.
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

async function main() {
  const [modelDir, ...chips] = process.argv.slice(2);
  await tf.setBackend('cpu');
  await tf.ready();
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'face_recognition_model-weights_manifest.json')));
  const specs = manifest.flatMap((g) => g.weights);
  const data = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(modelDir, p)))));
  const weights = tf.io.decodeWeights(data.buffer.slice(data.byteOffset, data.byteOffset + data.length), specs);
  const net = new faceapi.FaceRecognitionNet();
  net.loadFromWeightMap(weights);
  const descriptors = [];
  let c0 = null;
  for (const [i, f] of chips.entries()) {
    if (i === 1) c0 = process.cpuUsage();
    const px = fs.readFileSync(f);
    if (px.length !== 150 * 150 * 3) throw new Error(`${f}: ${px.length} bytes, want 67500`);
    const input = tf.tensor3d(new Int32Array(px), [150, 150, 3], 'int32');
    const d = await net.computeFaceDescriptor(input);
    input.dispose();
    descriptors.push(Array.from(d));
  }
  let ms = 0;
  if (c0) {
    const c = process.cpuUsage(c0);
    ms = (c.user + c.system) / 1e3 / (chips.length - 1);
  }
  process.stdout.write(JSON.stringify({
    backend: tf.getBackend(), tfjs: tf.version_core, faceapi: faceapi.version, descriptors, cpu_ms_per_descriptor: ms,
  }));
}
main().catch((e) => { console.error(e); process.exit(1); });
