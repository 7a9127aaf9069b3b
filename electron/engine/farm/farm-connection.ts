import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** The Redis password when the --farm URL has none: kept off command lines, where `ps` shows it to every user. */
export const REDIS_PASSWORD_ENV = 'MOUTHPIECE_REDIS_PASSWORD';

/** The BullMQ queue every coordinator and worker of a farm shares. */
export const FARM_QUEUE_NAME = 'mouthpiece-render';

export interface FarmConnection {
  /** For ioredis/BullMQ: host, port, password, TLS; `maxRetriesPerRequest: null` so commands wait out a Redis restart. */
  options: { host: string; port: number; db: number; password?: string; username?: string; tls?: { servername: string; ca?: Buffer }; maxRetriesPerRequest: null };
  /** The URL with its password replaced, for messages. */
  safeUrl: string;
  /** Secrets this connection carries, for `redactSecrets`. */
  secrets: string[];
}

/**
 * Reads `redis://[user:password@]HOST[:PORT][/DB]` or `rediss://…` (TLS). `tlsCaPath` adds a CA certificate for a
 * server whose certificate is not signed by a public authority; `password` is used when the URL has none (the CLI passes
 * $MOUTHPIECE_REDIS_PASSWORD). Throws InputError naming the problem, never echoing the password.
 */
export function parseFarmUrl(url: string, { tlsCaPath, password: fallbackPassword }: { tlsCaPath?: string; password?: string } = {}): FarmConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: a mistyped URL may still hold the password.
    throw new InputError('BAD_ARGUMENT', '--farm must be a Redis URL such as redis://:PASSWORD@HOST:6379 (what was given is not a URL).');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InputError('BAD_ARGUMENT', `--farm must start with redis:// or rediss:// (TLS), got "${parsed.protocol}//".`);
  }
  if (!parsed.hostname) throw new InputError('BAD_ARGUMENT', '--farm names no host: use redis://:PASSWORD@HOST:6379.');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new InputError('BAD_ARGUMENT', `--farm: the database number "${parsed.pathname.slice(1)}" is not a whole number.`);
  const password = parsed.password ? decodeURIComponent(parsed.password) : fallbackPassword || undefined;
  const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let tls: { servername: string; ca?: Buffer } | undefined;
  if (parsed.protocol === 'rediss:') {
    tls = { servername: host, ...(tlsCaPath ? { ca: readFarmCa(tlsCaPath) } : {}) };
  } else if (tlsCaPath) {
    throw new InputError('BAD_ARGUMENT', '--farm-ca is for TLS: use a rediss:// URL with it.');
  }
  return {
    options: { host, port, db, ...(password ? { password } : {}), ...(username ? { username } : {}), ...(tls ? { tls } : {}), maxRetriesPerRequest: null },
    safeUrl: redactUrlText(url),
    secrets: password ? [password, parsed.password || password] : [],
  };
}

/**
 * The farm's CA certificate(s), checked as PEM: a DER file or a key given by mistake would otherwise surface only as
 * "cannot reach Redis". `what` names the setting in the one-line error (the CLI's --farm-ca, the studio's field).
 */
export function readFarmCa(caPath: string, what = '--farm-ca'): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(caPath);
  } catch {
    throw new InputError('FILE_NOT_FOUND', `${caPath}: cannot read this CA certificate (${what}).`, caPath);
  }
  if (!PEM_CERTIFICATE.test(bytes.toString('latin1'))) {
    throw new InputError('BAD_ARGUMENT', `${caPath} is not a PEM certificate (${what}): it must hold "-----BEGIN CERTIFICATE-----" … "-----END CERTIFICATE-----".`, caPath);
  }
  return bytes;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** `redis://user:secret@host` → `redis://user:***@host`, anywhere in a text. */
export function redactUrlText(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]+@/gi, '$1***@');
}

/** Replaces every given secret (passwords, tokens, capabilities) and every URL password in a line by `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactUrlText(text);
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
