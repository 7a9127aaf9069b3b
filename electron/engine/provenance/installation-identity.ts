/**
 * The installation's own signing identity, made on first use and kept in the library folder: an RSA key, a self-signed
 * X.509 certificate for it (self-signed: it proves which installation signed, not who the person behind it is), and the
 * secret watermark key. Nothing here is sent anywhere.
 */
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

export interface InstallationIdentity {
  privateKeyPem: string;
  certificatePem: string;
  /** SHA-256 of the certificate (DER), hex: how a verifier names this installation. */
  certificateSha256: string;
  watermarkKey: Uint8Array;
}

const IDENTITY_FILE = path.join('provenance', 'identity.json');
const CERTIFICATE_YEARS = 20;

const loading = new Map<string, Promise<InstallationIdentity>>();

/**
 * The identity stored under `libraryDir`, created (readable by the owner only) when there is none. Renders running at
 * once, in this process or others, all get the one identity that reached the disk first.
 */
export function loadInstallationIdentity(libraryDir: string): Promise<InstallationIdentity> {
  const file = path.join(path.resolve(libraryDir), IDENTITY_FILE);
  let pending = loading.get(file);
  if (!pending) {
    pending = loadOrCreate(file);
    loading.set(file, pending);
    pending.catch(() => loading.delete(file));
  }
  return pending;
}

async function loadOrCreate(file: string): Promise<InstallationIdentity> {
  const stored = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (stored !== null) return parseIdentity(stored, file);
  const created = createIdentity();
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(partial, serializeIdentity(created), { mode: 0o600 });
  try {
    // link() fails when the file exists: the first identity written wins, and nobody replaces it.
    await link(partial, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(partial).catch(() => {});
  }
  return parseIdentity(await readFile(file, 'utf8'), file);
}

/**
 * Writes `identity` as the one of `libraryDir` (a farm worker's per-job identity: its own signing key with the
 * coordinator's watermark key, so the frames it draws carry the coordinator's mark).
 */
export async function saveInstallationIdentity(libraryDir: string, identity: InstallationIdentity): Promise<void> {
  const file = path.join(path.resolve(libraryDir), IDENTITY_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, serializeIdentity(identity), { mode: 0o600 });
}

function serializeIdentity(identity: Pick<InstallationIdentity, 'privateKeyPem' | 'certificatePem' | 'watermarkKey'>): string {
  return JSON.stringify({ version: 1, privateKeyPem: identity.privateKeyPem, certificatePem: identity.certificatePem, watermarkKey: Buffer.from(identity.watermarkKey).toString('base64') });
}

function createIdentity(): InstallationIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + CERTIFICATE_YEARS * 365.25 * 24 * 3600 * 1000);
  const name = [
    { name: 'commonName', value: `Mouthpiece installation ${randomBytes(4).toString('hex')}` },
    { name: 'organizationName', value: 'Mouthpiece (self-signed, unverified)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  return { privateKeyPem, certificatePem, certificateSha256: certificateFingerprint(certificatePem), watermarkKey: randomBytes(32) };
}

function parseIdentity(text: string, file: string): InstallationIdentity {
  const data = JSON.parse(text) as { privateKeyPem?: string; certificatePem?: string; watermarkKey?: string };
  if (!data.privateKeyPem || !data.certificatePem || !data.watermarkKey) throw new Error(`${file}: the installation's signing identity is incomplete.`);
  return {
    privateKeyPem: data.privateKeyPem,
    certificatePem: data.certificatePem,
    certificateSha256: certificateFingerprint(data.certificatePem),
    watermarkKey: new Uint8Array(Buffer.from(data.watermarkKey, 'base64')),
  };
}

export function certificateFingerprint(certificatePem: string): string {
  return createHash('sha256').update(new X509Certificate(certificatePem).raw).digest('hex');
}
