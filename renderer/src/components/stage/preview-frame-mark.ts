/** The User Timing mark the stage makes each time it draws a rendered preview frame (detail: frameSec, playheadSec). */
export const PREVIEW_FRAME_MARK = 'mouthpiece:preview-frame';
