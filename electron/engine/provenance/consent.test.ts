import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConsent } from './consent.js';

describe('resolveConsent', () => {
  let dir: string;
  let face: string;
  let samples: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-consent-'));
    face = path.join(dir, 'face.png');
    await writeFile(face, 'pixels of a person');
    samples = path.join(dir, 'resources', 'samples');
    await mkdir(samples, { recursive: true });
    await writeFile(path.join(samples, 'sample.jpg'), 'public-domain pixels');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a statement given with the render, trimmed, with where it came from', async () => {
    expect(await resolveConsent({ facePath: face, statement: '  Ana agreed in writing on 2 May.  ', statementSource: 'manifest' })).toEqual({ statement: 'Ana agreed in writing on 2 May.', source: 'manifest' });
  });

  it('exempts the bundled sample, also through a link from elsewhere, but not a copy outside it', async () => {
    const link = path.join(dir, 'linked.jpg');
    await symlink(path.join(samples, 'sample.jpg'), link);
    expect((await resolveConsent({ facePath: link, sampleDirs: [samples] }))?.source).toBe('sample');
    await expect(resolveConsent({ facePath: face, sampleDirs: [samples] })).rejects.toMatchObject({ code: 'NO_CONSENT' });
  });

  it("uses the library's consent record of the same picture (by SHA-256), and only a consenting one", async () => {
    const sha = createHash('sha256').update('pixels of a person').digest('hex');
    const agreed = await resolveConsent({ facePath: face, libraryFaces: () => [{ mediaSha256: sha, consent: true, consentAt: '2026-12-01T10:00:00Z' }] });
    expect(agreed).toEqual({ statement: 'Consent confirmed in the Mouthpiece library on 2026-12-01T10:00:00Z.', source: 'library' });
    await expect(resolveConsent({ facePath: face, libraryFaces: () => [{ mediaSha256: sha, consent: false, consentAt: null }] })).rejects.toMatchObject({ code: 'NO_CONSENT' });
  });

  it('refuses with one line naming the file and how to give consent', async () => {
    await expect(resolveConsent({ facePath: face, statement: '   ', origin: 'batch.csv row 3', statementSource: 'manifest' })).rejects.toThrow(
      `batch.csv row 3: ${face}: no consent is recorded for the person in this picture; fill the "consent" column (who agreed, and when) or confirm consent in the library.`,
    );
    await expect(resolveConsent({ facePath: face })).rejects.toThrow(/pass --consent "<who agreed, and when>"/);
  });

  it('leaves a missing face to the render to report', async () => {
    expect(await resolveConsent({ facePath: path.join(dir, 'gone.png') })).toBeUndefined();
  });
});
