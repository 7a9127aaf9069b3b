/**
 * Landmark index lists of the 468-point MediaPipe FaceMesh topology (Apache-2.0), as closed outlines.
 * "Right"/"left" are the subject's own sides: the right eye appears on the image's left.
 */

/** Face silhouette, clockwise from the top of the forehead. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58,
  132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
];

/** Outer lip contour: upper lip corner to corner, then lower lip back. */
export const LIPS_OUTER = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146];

/** Inner lip contour (the mouth opening). */
export const LIPS_INNER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95];

export const RIGHT_EYE_UPPER = [246, 161, 160, 159, 158, 157, 173];
export const RIGHT_EYE_LOWER = [33, 7, 163, 144, 145, 153, 154, 155, 133];
export const LEFT_EYE_UPPER = [466, 388, 387, 386, 385, 384, 398];
export const LEFT_EYE_LOWER = [263, 249, 390, 373, 374, 380, 381, 382, 362];

export const RIGHT_EYE = [...RIGHT_EYE_LOWER, ...[...RIGHT_EYE_UPPER].reverse()];
export const LEFT_EYE = [...LEFT_EYE_LOWER, ...[...LEFT_EYE_UPPER].reverse()];

/** Eye corners (outer, inner) used to place the iris crops and measure roll. */
export const RIGHT_EYE_CORNERS: [number, number] = [33, 133];
export const LEFT_EYE_CORNERS: [number, number] = [263, 362];

export const UPPER_LIP_INNER_MID = 13;
export const LOWER_LIP_INNER_MID = 14;
export const NOSE_TIP = 1;
export const CHIN = 152;
export const FOREHEAD_TOP = 10;

/**
 * Where the Iris model's 71 eye/brow points land in the mesh: model point index → mesh index for the
 * right eye (the left eye is fed mirrored and uses the LEFT_* lists in the same order).
 * Only the lid contour is replaced; the outer rings stay as FaceMesh gave them.
 */
export const IRIS_MODEL_LID_LOWER = [0, 1, 2, 3, 4, 5, 6, 7, 8];
export const IRIS_MODEL_LID_UPPER = [9, 10, 11, 12, 13, 14, 15];
export const IRIS_MODEL_IRIS_START = 71;
