import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeVideo } from '../media/encode-video.js';
import { runFfprobe } from '../media/ffmpeg-adapter.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { getTools, makeTempDir } from '../media/test-support/media-fixtures.js';
import { AI_DISCLOSURE_LABEL, disclosureTags, IPTC_TRAINED_ALGORITHMIC_MEDIA } from './disclosure.js';

describe('disclosure tags in a real MP4', () => {
  let tools: FfmpegTools;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    tools = await getTools();
    temp = await makeTempDir('mouthpiece-disclosure-');
  });
  afterAll(() => temp?.cleanup());

  async function encodeWithTags(name: string, metadata: Record<string, string>): Promise<Record<string, string>> {
    const outPath = path.join(temp.dir, name);
    const frame = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(200) };
    await encodeVideo({ tools, outPath, width: 64, height: 64, fps: 10, frames: [frame, frame, frame], preset: 'ultrafast', metadata });
    const probe = (await runFfprobe({ tools, inputPath: outPath })) as { format: { tags?: Record<string, string> } };
    return probe.format.tags ?? {};
  }

  it('writes comment and description that say AI-generated and name Mouthpiece and its version', async () => {
    const tags = await encodeWithTags('plain.mp4', disclosureTags({ toolVersion: '0.1.0' }));
    for (const key of ['comment', 'description']) {
      expect(tags[key]).toContain(AI_DISCLOSURE_LABEL);
      expect(tags[key]).toContain('Mouthpiece 0.1.0');
    }
    expect(tags.ai_generated).toBeUndefined();
  });

  it('keeps the machine-readable keys too when asked (use_metadata_tags)', async () => {
    const tags = await encodeWithTags('custom.mp4', disclosureTags({ toolVersion: '2.3.4-beta.1', customKeys: true }));
    expect(tags).toMatchObject({ ai_generated: 'true', digital_source_type: IPTC_TRAINED_ALGORITHMIC_MEDIA, generator: 'Mouthpiece 2.3.4-beta.1' });
    expect(tags.comment).toMatch(/^AI-generated: .*Mouthpiece 2\.3\.4-beta\.1/);
  });

  it('refuses something that is not a version', () => {
    expect(() => disclosureTags({ toolVersion: '' })).toThrow(/not a version/);
    expect(() => disclosureTags({ toolVersion: '1.0\n-metadata x' })).toThrow(/not a version/);
  });
});
