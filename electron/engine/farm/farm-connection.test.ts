import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseFarmUrl, redactSecrets, redactUrlText } from './farm-connection.js';

describe('parseFarmUrl', () => {
  it('reads host, port, password and database, and waits out a Redis restart', () => {
    const farm = parseFarmUrl('redis://:p%40ss-word@10.0.0.5:6380/2');
    expect(farm.options).toEqual({ host: '10.0.0.5', port: 6380, db: 2, password: 'p@ss-word', maxRetriesPerRequest: null });
    expect(farm.safeUrl).toBe('redis://:***@10.0.0.5:6380/2');
    expect(farm.secrets).toContain('p@ss-word');
  });

  it('takes the password from $MOUTHPIECE_REDIS_PASSWORD (given as `password`) when the URL has none', () => {
    const farm = parseFarmUrl('redis://10.0.0.5', { password: 'from-the-env' });
    expect(farm.options.password).toBe('from-the-env');
    expect(farm.safeUrl).toBe('redis://10.0.0.5');
    expect(redactSecrets('AUTH from-the-env failed', farm.secrets)).toBe('AUTH *** failed');
    // A password in the URL wins.
    expect(parseFarmUrl('redis://:in-url@10.0.0.5', { password: 'from-the-env' }).options.password).toBe('in-url');
    expect(parseFarmUrl('redis://10.0.0.5', { password: '' }).options.password).toBeUndefined();
  });

  it('turns TLS on for rediss:// and names the server for its certificate', () => {
    const farm = parseFarmUrl('rediss://worker:secret@redis.farm.lan');
    expect(farm.options).toMatchObject({ host: 'redis.farm.lan', port: 6379, username: 'worker', password: 'secret', tls: { servername: 'redis.farm.lan' } });
    expect(parseFarmUrl('redis://127.0.0.1').options.tls).toBeUndefined();
  });

  it('refuses what is not a Redis URL without repeating the password', () => {
    for (const bad of ['http://:hunter22@host', 'not a url :hunter22@', 'redis://:hunter22@host/x']) {
      let error: unknown;
      try {
        parseFarmUrl(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).not.toContain('hunter22');
    }
    expect(() => parseFarmUrl('redis://host', { tlsCaPath: '/tmp/ca.pem' })).toThrow(/rediss/);
  });
});

describe('redaction', () => {
  it('hides URL passwords and every given secret in a line', () => {
    expect(redactUrlText('connect ECONNREFUSED redis://:topsecret@127.0.0.1:6379 and rediss://u:pw2@h')).toBe('connect ECONNREFUSED redis://:***@127.0.0.1:6379 and rediss://u:***@h');
    expect(redactSecrets('Bearer abcd1234token for job 7', ['abcd1234token'])).toBe('Bearer *** for job 7');
  });
});
