/**
 * The AI disclosure every export carries: container tags saying the likeness is AI-generated and which tool made it,
 * and the short text of the optional visible label (drawn by the captions module).
 */

/** Text of the optional on-screen label. */
export const AI_DISCLOSURE_LABEL = 'AI-generated';

export const TOOL_NAME = 'Mouthpiece';

/** IPTC Digital Source Type for media made by a trained model (the vocabulary C2PA and the platforms read). */
export const IPTC_TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

export interface DisclosureTagsInput {
  /** Mouthpiece's version (package.json; the CLI has `packageVersion()`). */
  toolVersion: string;
  /**
   * Also write machine-readable custom keys (`ai_generated`, `digital_source_type`, `generator`). The mp4 muxer keeps
   * keys outside its iTunes-style set only with `use_metadata_tags`, and that flag moves *every* tag, `comment` and
   * `description` included, from the iTunes atoms into QuickTime `mdta` keys, which fewer players and tools read (ffprobe
   * and exiftool do). Off by default, so the plain-language tags land where the most readers look.
   */
  customKeys?: boolean;
}

/**
 * MP4 tags for `encodeVideo({ metadata })`. `comment` and `description` are iTunes-style atoms the mp4 muxer always
 * keeps (checked with ffprobe on the bundled ffmpeg); both say "AI-generated" and name the tool and version.
 */
export function disclosureTags({ toolVersion, customKeys = false }: DisclosureTagsInput): Record<string, string> {
  const version = toolVersion.trim();
  if (!/^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(version)) throw new RangeError(`disclosureTags: not a version: "${toolVersion}"`);
  const tool = `${TOOL_NAME} ${version}`;
  const tags: Record<string, string> = {
    comment: `${AI_DISCLOSURE_LABEL}: the face and voice in this video were synthesised with ${tool}; the person shown did not perform it.`,
    description: `${AI_DISCLOSURE_LABEL} likeness, made with ${tool} (local talking-photo animation).`,
  };
  if (customKeys) {
    tags.ai_generated = 'true';
    tags.digital_source_type = IPTC_TRAINED_ALGORITHMIC_MEDIA;
    tags.generator = tool;
  }
  return tags;
}
