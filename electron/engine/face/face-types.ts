/** [x, y, z] in source-image pixels; z is FaceMesh depth in the same pixel scale (negative = towards the camera). */
export type Point3 = [number, number, number];
export type Point2 = [number, number];
export type Polygon = Point2[];
/** [x, y, width, height] in source-image pixels. */
export type Box = [number, number, number, number];

/** Closed outlines of the regions later stages animate or protect, in source-image pixels. */
export interface SubjectMasks {
  faceOval: Polygon;
  lips: Polygon;
  innerMouth: Polygon;
  leftEye: Polygon;
  rightEye: Polygon;
  /** Face oval grown upwards and outwards to take in hair, ears and neck: the region a render may touch. */
  head: Polygon;
}

export interface FaceSubject {
  /** 0 = largest face in the picture, 1 = next, … */
  index: number;
  box: Box;
  /** Detector confidence 0..1. */
  score: number;
  /** Area of `box` in square pixels; the ordering key. */
  area: number;
  /** 468 FaceMesh points, with iris refinement applied to the eye contours. */
  landmarks: Point3[];
  /** Iris centre and 4 edge points per eye (5 points each), image pixels. */
  irises: { left: Point3[]; right: Point3[] };
  /** In-plane rotation of the face, radians (0 = upright, positive = clockwise in image coordinates). */
  rollRad: number;
  /** FaceMesh's own confidence that the crop holds a face, 0..1. */
  meshScore: number;
  masks: SubjectMasks;
}

export interface FaceAnalysis {
  /** Size of the original picture; all coordinates are in this pixel space. */
  width: number;
  height: number;
  subjects: FaceSubject[];
}
