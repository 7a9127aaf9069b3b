/**
 * The grid preview frames are asked for, shown and the playhead reported on while playing: the frame rate the preview's
 * scene is drawn at (the built-in presets' 30 fps; the preview leaves a custom preset out). On another grid the engine
 * snaps each request to its own frames, and two of them fell within one playhead step: asked on 25 fps over a 30 fps
 * scene, one frame in six was dropped, and at most 25 of 30 frames a second could ever be shown.
 */
export const PREVIEW_FPS = 30;
