import { describe, expect, it } from 'vitest';
import type { VideoVerdictView } from '../../../../electron/contract/types';
import { importNotice, isVideoFile, verdictDetails, verdictTitle } from './video-verdict';

const signer = { thisInstallation: true, certificateSha256: 'ab12cd34ef56'.repeat(5), subject: 'CN=Mouthpiece installation x' };
const view = (change: Partial<VideoVerdictView>): VideoVerdictView => ({
  name: 'clip.mp4',
  verdict: '…',
  summary: 'none',
  credentials: { status: 'missing' },
  watermark: { found: false, score: 1.2, framesAveraged: 12 },
  ...change,
});

describe('the verdict panel’s words', () => {
  it('names each outcome the way the colours mean it', () => {
    expect(verdictTitle(view({ summary: 'signed', credentials: { status: 'valid', signer, description: null }, watermark: { found: true, score: 20, framesAveraged: 12 } }))).toBe(
      'Made with Mouthpiece here: credentials valid, watermark found',
    );
    expect(verdictTitle(view({ summary: 'signed', credentials: { status: 'valid', signer: { ...signer, thisInstallation: false }, description: null } }))).toContain('another installation');
    expect(verdictTitle(view({ summary: 'marked', watermark: { found: true, score: 9, framesAveraged: 12 } }))).toContain('credentials stripped');
    expect(verdictTitle(view({ summary: 'tampered', credentials: { status: 'tampered', reason: 'the video changed' } }))).toMatch(/^Tampered/);
    expect(verdictTitle(view({}))).toBe('No Mouthpiece credentials or watermark found');
  });

  it('details the credentials, the watermark score and the claim', () => {
    const lines = verdictDetails(view({ summary: 'signed', credentials: { status: 'valid', signer: { ...signer, thisInstallation: false }, description: 'AI-generated: face animation.' } }));
    expect(lines).toEqual(['Credentials: valid, signed by another installation (ab12cd34ef56) (self-signed).', 'Watermark: not found (score 1.2, 12 frames).', 'AI-generated: face animation.']);
    expect(verdictDetails(view({ credentials: { status: 'tampered', reason: 'the signature does not match' } }))[0]).toBe('Credentials: tampered (the signature does not match).');
  });

  it('tells a creator importing a Mouthpiece video that it is AI-generated', () => {
    expect(importNotice(view({ summary: 'marked' }))).toBe('This video was made with Mouthpiece (AI-generated), not filmed: whatever you make from clip.mp4 is AI-generated too.');
    expect(importNotice(view({ summary: 'tampered' }))).toMatch(/^clip\.mp4 carries Mouthpiece credentials that no longer match it/);
  });
});

describe('which imported files are checked', () => {
  it('takes videos by type or extension, not photos, recordings or scripts', () => {
    expect(isVideoFile({ name: 'clip.bin', type: 'video/mp4' })).toBe(true);
    for (const name of ['a.mp4', 'b.MOV', 'c.webm', 'd.mpg', 'e.mkv']) expect(isVideoFile({ name, type: '' })).toBe(true);
    for (const name of ['a.png', 'b.jpg', 'c.wav', 'd.txt', 'mp4.png']) expect(isVideoFile({ name, type: '' })).toBe(false);
  });
});
