export type { Box, FaceAnalysis, FaceSubject, Point2, Point3, Polygon, SubjectMasks } from './face-types.js';
export { analyzeImage, type AnalyzeOptions } from './analyze-image.js';
export { analyzeFile, rescale, ANALYSIS_MAX_SIDE_PX, type FileAnalysis, type AnalyzeFileDeps } from './analyze-file.js';
export { drawAnalysisOverlay } from './face-overlay.js';
export { pointInPolygon, polygonArea } from './subject-masks.js';
