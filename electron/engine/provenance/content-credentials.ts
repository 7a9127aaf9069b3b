/**
 * Content credentials in every export: a claim shaped like a C2PA manifest (the same assertion labels and vocabulary:
 * `c2pa.actions.v2` with an IPTC digital source type, the sources' SHA-256, the consent attestation, a hard binding to
 * the file's bytes) signed with the installation's key (RSASSA-PSS, SHA-256) and carried with its self-signed
 * certificate in a top-level `uuid` box. It is NOT a C2PA JUMBF manifest: no npm build of the official C2PA SDK can
 * sign on this machine (see docs/provenance.md), so C2PA readers do not see it; `mouthpiece verify` does.
 */
import { constants, createPublicKey, createSign, createVerify, X509Certificate } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { IPTC_TRAINED_ALGORITHMIC_MEDIA, TOOL_NAME, type DisclosureVoice } from '../export/disclosure.js';
import { buildCredentialsBox, hashFileExcluding, readCredentialsBox } from './mp4-boxes.js';
import { certificateFingerprint, type InstallationIdentity } from './installation-identity.js';

export const IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';
export const CREDENTIALS_FORMAT = 'mouthpiece-credentials/1 (C2PA-shaped claim; not a C2PA JUMBF manifest)';

/** Who said the person agreed, and how it reached the render. */
export interface ConsentAttestation {
  statement: string;
  /** `cli`: --consent; `manifest`: a batch manifest's consent column; `library`: the library's consent record; `sample`: the bundled public-domain sample. */
  source: 'cli' | 'manifest' | 'library' | 'sample';
}

export interface CredentialsInput {
  toolVersion: string;
  /** What was synthesised: a face animated from a still photo, or re-voiced footage (the mouth of real footage redone). */
  synthesis: 'photo-animation' | 'footage-dub';
  voice?: DisclosureVoice;
  sources: { role: 'face' | 'audio'; path: string; sha256: string }[];
  consent?: ConsentAttestation;
}

export type CredentialsVerdict =
  | { status: 'missing' }
  | { status: 'tampered'; reason: string }
  | { status: 'valid'; signer: { certificateSha256: string; subject: string; thisInstallation: boolean }; claim: Record<string, unknown> };

const SIGN_OPTIONS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };

/**
 * Signs `input` and appends the credentials box to the finished MP4 at `filePath`; `title` names the video when
 * `filePath` is a temporary file that is renamed into place after.
 */
export async function embedContentCredentials(filePath: string, input: CredentialsInput, identity: InstallationIdentity, { title = path.basename(filePath) }: { title?: string } = {}): Promise<void> {
  const claim = JSON.stringify(buildClaim(input, await hashFileExcluding(filePath), title));
  const signature = createSign('sha256').update(claim).sign({ key: identity.privateKeyPem, ...SIGN_OPTIONS }).toString('base64');
  const payload = Buffer.from(JSON.stringify({ format: CREDENTIALS_FORMAT, claim, signature: { alg: 'PS256', value: signature, certificatePem: identity.certificatePem } }));
  await appendFile(filePath, buildCredentialsBox(payload));
}

function buildClaim(input: CredentialsInput, fileSha256: string, title: string) {
  const composite = input.synthesis === 'footage-dub';
  const what =
    input.synthesis === 'footage-dub'
      ? 'the mouth of real footage re-timed to new audio'
      : `face animation generated from a still photo${input.voice === 'synthesised' ? ', voice synthesised from a typed script' : input.voice === 'mixed' ? ', some voices synthesised from typed scripts' : ''}`;
  return {
    claim_generator_info: [{ name: TOOL_NAME, version: input.toolVersion }],
    title,
    created: new Date().toISOString(),
    assertions: [
      {
        label: 'c2pa.actions.v2',
        data: {
          actions: [
            {
              action: 'c2pa.created',
              digitalSourceType: composite ? IPTC_COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA : IPTC_TRAINED_ALGORITHMIC_MEDIA,
              softwareAgent: { name: TOOL_NAME, version: input.toolVersion },
              description: `AI-generated: ${what}; the person shown was not filmed saying this.`,
            },
          ],
        },
      },
      { label: 'mouthpiece.synthesis', data: { synthesis: input.synthesis, voice: input.voice ?? 'unknown' } },
      { label: 'mouthpiece.sources', data: input.sources.map((s) => ({ role: s.role, name: path.basename(s.path), sha256: s.sha256 })) },
      { label: 'mouthpiece.consent', data: input.consent ?? { statement: null, source: 'none recorded' } },
      { label: 'c2pa.hash.data', data: { alg: 'sha256', hash: fileSha256, exclusions: 'the credentials uuid box' } },
    ],
  };
}

/** Reads and checks the credentials of `filePath` (the hard binding, the signature, who signed). */
export async function verifyContentCredentials(filePath: string, identity?: InstallationIdentity): Promise<CredentialsVerdict> {
  const found = await readCredentialsBox(filePath);
  if (!found) return { status: 'missing' };
  let parsed: { claim?: string; signature?: { value?: string; certificatePem?: string } };
  try {
    parsed = JSON.parse(found.payload.toString('utf8'));
  } catch {
    return { status: 'tampered', reason: 'the credentials box is not readable' };
  }
  const { claim, signature } = parsed;
  if (typeof claim !== 'string' || !signature?.value || !signature.certificatePem) return { status: 'tampered', reason: 'the credentials are incomplete' };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(signature.certificatePem);
  } catch {
    return { status: 'tampered', reason: 'the signing certificate is not readable' };
  }
  const signed = createVerify('sha256').update(claim).verify({ key: createPublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' })), ...SIGN_OPTIONS }, Buffer.from(signature.value, 'base64'));
  if (!signed) return { status: 'tampered', reason: 'the signature does not match the claim' };
  const data = JSON.parse(claim) as { assertions?: { label: string; data: { hash?: string } }[] };
  const binding = data.assertions?.find((a) => a.label === 'c2pa.hash.data')?.data.hash;
  const actual = await hashFileExcluding(filePath, { start: found.box.start, end: found.box.start + found.box.size });
  if (binding !== actual) return { status: 'tampered', reason: 'the video bytes changed after signing' };
  const fingerprint = certificateFingerprint(signature.certificatePem);
  return {
    status: 'valid',
    signer: { certificateSha256: fingerprint, subject: certificate.subject.replace(/\n/g, ', '), thisInstallation: fingerprint === identity?.certificateSha256 },
    claim: data as Record<string, unknown>,
  };
}
