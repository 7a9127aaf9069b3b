/**
 * The AI disclosure every export carries: container tags saying the likeness is AI-generated and which tool made it,
 * and the short text of the optional visible label (drawn by the captions module). The tags are lost on any re-encode;
 * the signed credentials and the invisible watermark (../provenance, docs/provenance.md) are what outlast them.
 */

/** Text of the optional on-screen label. */
export const AI_DISCLOSURE_LABEL = 'AI-generated';

export const TOOL_NAME = 'Mouthpiece';

/** IPTC Digital Source Type for media made by a trained model (the vocabulary C2PA and the platforms read). */
export const IPTC_TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

/**
 * Where the voices of an export came from: all typed scripts spoken by the built-in synthesiser, all recordings the user
 * supplied (then only the face's motion is generated), or some of each.
 */
export type DisclosureVoice = 'synthesised' | 'recorded' | 'mixed';

export interface DisclosureTagsInput {
  /** Mouthpiece's version (package.json; the CLI has `packageVersion()`). */
  toolVersion: string;
  /** Where the voice came from; without it the tags say nothing about the voice (a recording is not synthesised). */
  voice?: DisclosureVoice;
  /**
   * Also write machine-readable custom keys (`ai_generated`, `digital_source_type`, `generator`). The mp4 muxer keeps
   * keys outside its iTunes-style set only with `use_metadata_tags`, and that flag moves *every* tag, `comment` and
   * `description` included, from the iTunes atoms into QuickTime `mdta` keys, which fewer players and tools read (ffprobe
   * and exiftool do). Off by default, so the plain-language tags land where the most readers look.
   */
  customKeys?: boolean;
  /** What the face was: a still photo animated (default), or footage re-voiced with its mouth re-synthesised. */
  face?: 'photo' | 'footage';
}

/** What the comment says was generated, and what it says about the voice: a recording is the user's own sound. */
const GENERATED_PART: Record<DisclosureVoice | 'unknown', { generated: string; voiceNote: string }> = {
  synthesised: { generated: 'the face animation (from a still photo) and the voice (from a typed script) in this video were generated', voiceNote: '' },
  recorded: { generated: 'the face animation in this video was generated from a still photo', voiceNote: '; the voice is a recording, not synthesised' },
  mixed: { generated: 'the face animation (from a still photo) and some of the voices (from typed scripts) in this video were generated', voiceNote: '; the other voices are recordings' },
  unknown: { generated: 'the face animation in this video was generated from a still photo', voiceNote: '' },
};

/** The same for footage: the person was filmed, but not saying this; the mouth was re-synthesised to the new voice. */
const DUBBED_PART: Record<DisclosureVoice | 'unknown', { generated: string; voiceNote: string }> = {
  synthesised: { generated: 'this footage was re-voiced with a generated voice (from a typed script) and the mouth re-synthesised to match', voiceNote: '' },
  recorded: { generated: 'this footage was re-voiced and the mouth re-synthesised to match the new voice', voiceNote: '; the new voice is a recording, not synthesised' },
  mixed: { generated: 'this footage was re-voiced (partly with generated voices from typed scripts) and the mouth re-synthesised to match', voiceNote: '; the other voices are recordings' },
  unknown: { generated: 'this footage was re-voiced and the mouth re-synthesised to match the new voice', voiceNote: '' },
};

/**
 * MP4 tags for `encodeVideo({ metadata })`. `comment` and `description` are iTunes-style atoms the mp4 muxer always
 * keeps (checked with ffprobe on the bundled ffmpeg); both say "AI-generated" and name the tool and version. The
 * comment claims a synthesised voice only when `voice` says so: a render of the user's own recording has a real voice.
 */
export function disclosureTags({ toolVersion, voice, customKeys = false, face = 'photo' }: DisclosureTagsInput): Record<string, string> {
  const version = toolVersion.trim();
  if (!/^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(version)) throw new RangeError(`disclosureTags: not a version: "${toolVersion}"`);
  const tool = `${TOOL_NAME} ${version}`;
  const part = (face === 'footage' ? DUBBED_PART : GENERATED_PART)[voice ?? 'unknown'];
  const tags: Record<string, string> = {
    comment: `${AI_DISCLOSURE_LABEL}: ${part.generated} with ${tool}${part.voiceNote}; the person shown was not filmed saying this.`,
    description:
      face === 'footage'
        ? `${AI_DISCLOSURE_LABEL} likeness: re-voiced footage with a re-synthesised mouth, made with ${tool} (local video dubbing); signed content credentials and an invisible watermark are embedded: check with \`mouthpiece verify\`.`
        : `${AI_DISCLOSURE_LABEL} likeness, made with ${tool} (local talking-photo animation); signed content credentials and an invisible watermark are embedded: check with \`mouthpiece verify\`.`,
  };
  if (customKeys) {
    tags.ai_generated = 'true';
    tags.digital_source_type = IPTC_TRAINED_ALGORITHMIC_MEDIA;
    tags.generator = tool;
  }
  return tags;
}

/** The `voice` of the tags for a render's clips: `say` clips are synthesised, `audio` clips are recordings. */
export function disclosureVoiceOf(clipKinds: readonly ('say' | 'audio')[]): DisclosureVoice | undefined {
  const said = clipKinds.includes('say');
  const recorded = clipKinds.includes('audio');
  if (said && recorded) return 'mixed';
  if (said) return 'synthesised';
  return recorded ? 'recorded' : undefined;
}
