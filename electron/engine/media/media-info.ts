import { InputError } from '../errors.js';
import type { DisplayOrientation } from './ffmpeg-args.js';
import { toClockwiseRotation, toDisplayOrientation } from './image-orientation.js';

/** What a media file holds, as the rest of the engine needs it. */
export interface MediaInfo {
  path: string;
  kind: 'image' | 'video' | 'audio';
  /** ffprobe's demuxer name, e.g. "png_pipe", "image2", "mov,mp4,m4a,3gp,3g2,mj2", "wav". */
  formatName: string;
  /** null for images. */
  durationSec: number | null;
  /** Size of the picture as displayed, i.e. after rotation: what decoded frames measure. */
  width: number | null;
  height: number | null;
  fps: number | null;
  /** 1 for an image; for video from the container, else duration × fps. */
  frameCount: number | null;
  hasAudio: boolean;
  hasVideo: boolean;
  audio: { codec: string; sampleRateHz: number; channels: number } | null;
  video: {
    codec: string;
    /** Stored size, before rotation. */
    width: number;
    height: number;
    fps: number | null;
    /** Clockwise degrees the stored picture must be turned for display (display matrix or EXIF). */
    rotation: 0 | 90 | 180 | 270;
    /** Mirrored left-right before rotating (EXIF orientations 2, 4, 5, 7). */
    mirrored: boolean;
    pixFmt: string | null;
    /** ffprobe's `color_space` (the YUV matrix: bt709, smpte170m, …) and `color_range` (tv, pc) where the file says. */
    colourSpace: string | null;
    colourRange: string | null;
  } | null;
  sizeBytes: number;
}

/** The subset of ffprobe's JSON that is read here. */
interface ProbeJson {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    color_space?: string;
    color_range?: string;
    avg_frame_rate?: string;
    r_frame_rate?: string;
    nb_frames?: string;
    duration?: string;
    sample_rate?: string;
    channels?: number;
    disposition?: { attached_pic?: number };
    tags?: { rotate?: string };
    side_data_list?: Array<{ rotation?: number }>;
  }>;
}

/** A still picture read by an image demuxer: `image2`, `png_pipe`, `jpeg_pipe`, `webp_pipe`, `bmp_pipe`, … */
function isImageFormat(formatName: string): boolean {
  return formatName.split(',').some((name) => name === 'image2' || name.endsWith('_pipe'));
}

/**
 * Interprets ffprobe's JSON. Throws InputError UNREADABLE_MEDIA when there is nothing usable in it.
 * `exifOrientation` comes from the file's bytes (JPEG only); ffprobe does not report it per stream.
 */
export function interpretProbe(input: { filePath: string; sizeBytes: number; probe: unknown; exifOrientation?: number | null }): MediaInfo {
  const probe = (input.probe ?? {}) as ProbeJson;
  const streams = probe.streams ?? [];
  const formatName = probe.format?.format_name ?? 'unknown';
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0 && (s.height ?? 0) > 0);
  const audioStream = streams.find((s) => s.codec_type === 'audio' && s.codec_name !== undefined);
  if (!videoStream && !audioStream) {
    throw new InputError('UNREADABLE_MEDIA', `${input.filePath}: no picture or sound found in it; it is not a photo, recording or video Mouthpiece can read.`, input.filePath);
  }

  const isImage = !!videoStream && !audioStream && isImageFormat(formatName);
  const kind: MediaInfo['kind'] = isImage ? 'image' : videoStream ? 'video' : 'audio';

  let video: MediaInfo['video'] = null;
  if (videoStream) {
    const orientation: DisplayOrientation = isImage
      ? toDisplayOrientation(input.exifOrientation ?? null)
      : {
          rotationDeg: toClockwiseRotation({
            rotateTag: parseNumber(videoStream.tags?.rotate) ?? undefined,
            sideDataRotationDeg: videoStream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation,
          }),
          mirrored: false,
        };
    video = {
      codec: videoStream.codec_name ?? 'unknown',
      width: videoStream.width ?? 0,
      height: videoStream.height ?? 0,
      fps: isImage ? null : (parseRate(videoStream.avg_frame_rate) ?? parseRate(videoStream.r_frame_rate)),
      rotation: orientation.rotationDeg,
      mirrored: orientation.mirrored,
      pixFmt: videoStream.pix_fmt ?? null,
      colourSpace: known(videoStream.color_space),
      colourRange: known(videoStream.color_range),
    };
  }

  const durationSec = isImage
    ? null
    : (positive(parseNumber(probe.format?.duration)) ??
      positive(Math.max(0, ...streams.map((s) => parseNumber(s.duration) ?? 0))) ??
      null);

  let frameCount: number | null = null;
  if (isImage) frameCount = 1;
  else if (video) {
    const declared = parseNumber(videoStream?.nb_frames);
    frameCount = declared && declared > 0 ? declared : durationSec !== null && video.fps ? Math.round(durationSec * video.fps) : null;
  }

  const quarterTurned = video !== null && (video.rotation === 90 || video.rotation === 270);
  return {
    path: input.filePath,
    kind,
    formatName,
    durationSec,
    width: video ? (quarterTurned ? video.height : video.width) : null,
    height: video ? (quarterTurned ? video.width : video.height) : null,
    fps: video?.fps ?? null,
    frameCount,
    hasAudio: !!audioStream,
    hasVideo: !!videoStream,
    audio: audioStream
      ? { codec: audioStream.codec_name ?? 'unknown', sampleRateHz: parseNumber(audioStream.sample_rate) ?? 0, channels: audioStream.channels ?? 0 }
      : null,
    video,
    sizeBytes: input.sizeBytes,
  };
}

/** The orientation to apply when decoding frames of this media. */
export function readDisplayOrientation(info: MediaInfo): DisplayOrientation {
  return { rotationDeg: info.video?.rotation ?? 0, mirrored: info.video?.mirrored ?? false };
}

/** "30000/1001" → 29.97; null for "0/0" and nonsense (the mpeg demuxer reports r_frame_rate 50 for 25 fps). */
function parseRate(value: string | undefined): number | null {
  if (!value) return null;
  const [num, den] = value.split('/').map(Number);
  const rate = den === undefined ? num : num / den;
  return Number.isFinite(rate) && rate > 0 && rate < 1000 ? rate : null;
}

function parseNumber(value: string | number | undefined): number | null {
  if (value === undefined || value === 'N/A' || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

/** ffprobe writes "unknown" (or nothing) for a property the file does not state. */
function known(value: string | undefined): string | null {
  return value && value !== 'unknown' ? value : null;
}
