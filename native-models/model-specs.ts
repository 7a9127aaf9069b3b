/**
 * The face models Mouthpiece converts at install time. Sources are the TF.js graph models shipped in
 * the `@vladmandic/human` npm package (MIT); the networks themselves are Google MediaPipe's (Apache-2.0).
 */
export interface ModelOutputSpec {
  /** Tensor name in the TF.js graph. */
  tfName: string;
  /** Output name in our ONNX file. */
  onnxName: string;
}

export interface ModelSpec {
  name: 'blazeface' | 'facemesh' | 'iris';
  sourcePackage: '@vladmandic/human';
  /** model.json path inside the source package; its weight shards sit beside it. */
  sourceModelJson: string;
  inputName: string;
  /** NHWC; 'batch' marks a dynamic batch dimension. */
  inputDims: (number | 'batch')[];
  outputs: ModelOutputSpec[];
  license: string;
  description: string;
}

export const MODEL_SPECS: ModelSpec[] = [
  {
    name: 'blazeface',
    sourcePackage: '@vladmandic/human',
    sourceModelJson: 'models/blazeface.json',
    inputName: 'image',
    inputDims: [1, 256, 256, 3],
    outputs: [
      { tfName: 'Identity', onnxName: 'scores_16' },
      { tfName: 'Identity_1', onnxName: 'scores_8' },
      { tfName: 'Identity_2', onnxName: 'regressors_16' },
      { tfName: 'Identity_3', onnxName: 'regressors_8' },
    ],
    license: 'Apache-2.0 (MediaPipe BlazeFace back-camera model), packaged MIT by @vladmandic/human',
    description: 'Face detector: 256x256 RGB in [-1, 1]; 512 anchors on a 16x16 grid and 384 on an 8x8 grid',
  },
  {
    name: 'facemesh',
    sourcePackage: '@vladmandic/human',
    sourceModelJson: 'models/facemesh.json',
    inputName: 'image',
    inputDims: ['batch', 192, 192, 3],
    outputs: [
      { tfName: 'Identity_2', onnxName: 'mesh' },
      { tfName: 'Identity_1', onnxName: 'face_flag' },
      { tfName: 'Identity', onnxName: 'contours' },
    ],
    license: 'Apache-2.0 (MediaPipe FaceMesh), packaged MIT by @vladmandic/human',
    description: 'Face landmarks: 192x192 RGB in [0, 1]; 468 points x (x, y, z) in crop pixels, and face confidence',
  },
  {
    name: 'iris',
    sourcePackage: '@vladmandic/human',
    sourceModelJson: 'models/iris.json',
    inputName: 'image',
    inputDims: ['batch', 64, 64, 3],
    outputs: [{ tfName: 'Identity', onnxName: 'eye' }],
    license: 'Apache-2.0 (MediaPipe Iris), packaged MIT by @vladmandic/human',
    description: 'Eye contour and iris: 64x64 RGB in [0, 1]; 71 eye/brow points then 5 iris points, x (x, y, z)',
  },
];
