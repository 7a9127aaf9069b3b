/** `mouthpiece verify`: the credentials and the watermark of one video, and a one-line verdict a creator can read. */
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { verifyContentCredentials, type CredentialsVerdict } from './content-credentials.js';
import { detectWatermark, type WatermarkDetection } from './detect-watermark.js';
import type { InstallationIdentity } from './installation-identity.js';

export interface VideoVerdict {
  path: string;
  credentials: CredentialsVerdict;
  watermark: WatermarkDetection;
  verdict: string;
}

export async function verifyVideo(input: { tools: FfmpegTools; videoPath: string; identity: InstallationIdentity; signal?: AbortSignal }): Promise<VideoVerdict> {
  let credentials: CredentialsVerdict;
  try {
    credentials = await verifyContentCredentials(input.videoPath, input.identity);
  } catch {
    credentials = { status: 'missing' };
  }
  const watermark = await detectWatermark({ tools: input.tools, videoPath: input.videoPath, key: input.identity.watermarkKey, signal: input.signal });
  return { path: input.videoPath, credentials, watermark, verdict: describeVerdict(credentials, watermark) };
}

function describeVerdict(credentials: CredentialsVerdict, watermark: WatermarkDetection): string {
  const creds =
    credentials.status === 'valid'
      ? `credentials valid (AI-generated, signed by ${credentials.signer.thisInstallation ? 'this installation' : `another installation ${credentials.signer.certificateSha256.slice(0, 12)}`}, self-signed)`
      : credentials.status === 'tampered'
        ? `credentials TAMPERED (${credentials.reason})`
        : 'no credentials';
  const mark = watermark.found ? `watermark found (score ${watermark.score})` : `no watermark of this installation (score ${watermark.score})`;
  return `${creds}; ${mark}`;
}
