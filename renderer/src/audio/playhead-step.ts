/**
 * The step of the preview's frame grid the playhead is in, as playback reports it. A frame is shown from half a frame
 * before its time to half a frame after (`createDueFrames`), so a step begins half a frame before each frame's time:
 * reported as it enters one, the playhead makes that frame due then, not up to half a frame later.
 */
export function playheadStepOf(seconds: number, stepSec: number): number {
  return Math.round(seconds / stepSec);
}
