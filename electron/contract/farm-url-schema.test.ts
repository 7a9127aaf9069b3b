import { describe, expect, it } from 'vitest';
import { channelOf } from './channels';
import { validateRequest } from './validate';

const setFarm = (farmUrl: unknown) => validateRequest(channelOf('render.setFarm'), { farmUrl });

describe('render.setFarm', () => {
  it('takes redis:// and rediss:// URLs with a host, and null to forget the farm', () => {
    expect(setFarm('redis://127.0.0.1:6379')).toMatchObject({ ok: true, request: { farmUrl: 'redis://127.0.0.1:6379' } });
    expect(setFarm(' rediss://:secret@farm.lan:6380/2 ')).toMatchObject({ ok: true, request: { farmUrl: 'rediss://:secret@farm.lan:6380/2' } });
    expect(setFarm(null)).toMatchObject({ ok: true, request: { farmUrl: null } });
  });

  it.each(['http://farm.lan:6379', 'farm.lan:6379', 'redis://', '', 'redis://:pw@', `redis://${'a'.repeat(2000)}`, 6379])('refuses %j', (farmUrl) => {
    const result = setFarm(farmUrl);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('never echoes a refused URL, which may hold the password', () => {
    const result = setFarm('http://:hunter2@farm.lan:6379');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain('hunter2');
  });

  it('takes where workers reach this computer as HOST or HOST:PORT, and refuses blanks and spaces', () => {
    const withAddress = (mediaAddress: unknown) => validateRequest(channelOf('render.setFarm'), { farmUrl: 'redis://farm.lan:6379', mediaAddress });
    expect(withAddress(' 192.168.1.20:7700 ')).toMatchObject({ ok: true, request: { mediaAddress: '192.168.1.20:7700' } });
    expect(withAddress(null)).toMatchObject({ ok: true, request: { mediaAddress: null } });
    for (const bad of ['', '192.168.1.20 7700', 7700, 'x'.repeat(301)]) expect(withAddress(bad).ok, String(bad)).toBe(false);
  });

  it('takes a CA certificate path for a rediss:// farm only, absolute, and null for none (as --farm-ca)', () => {
    const withCa = (farmUrl: string | null, caPath: unknown) => validateRequest(channelOf('render.setFarm'), { farmUrl, caPath });
    expect(withCa('rediss://farm.lan:6380', '/etc/mouthpiece/farm-ca.pem')).toMatchObject({ ok: true, request: { caPath: '/etc/mouthpiece/farm-ca.pem' } });
    expect(withCa('rediss://farm.lan:6380', 'C:\\farm\\ca.pem')).toMatchObject({ ok: true });
    expect(withCa('redis://farm.lan:6379', null)).toMatchObject({ ok: true, request: { caPath: null } });
    for (const [farmUrl, caPath] of [['rediss://farm.lan:6380', 'ca.pem'], ['rediss://farm.lan:6380', ''], ['rediss://farm.lan:6380', 42], ['redis://farm.lan:6379', '/etc/ca.pem'], [null, '/etc/ca.pem']] as const) {
      const result = withCa(farmUrl, caPath);
      expect(result.ok, `${farmUrl} ${String(caPath)}`).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('caPath') });
    }
  });

  it('takes a farm flag on a single export, a boolean only', () => {
    expect(validateRequest(channelOf('render.enqueue'), { projectId: 1, farm: true })).toMatchObject({ ok: true, request: { farm: true } });
    expect(validateRequest(channelOf('render.enqueue'), { projectId: 1 })).toMatchObject({ ok: true });
    expect(validateRequest(channelOf('render.enqueue'), { projectId: 1, farm: 'yes' }).ok).toBe(false);
  });

  it('refuses a farm flag that is not a boolean on a batch', () => {
    const result = validateRequest(channelOf('batch.plan'), { name: 'B', faces: [{ faceId: 1, subject: 0 }], scriptIds: [1], voice: 'en-us', preset: 'reel', captions: 'none', label: false, farm: 'yes' });
    expect(result.ok).toBe(false);
  });
});
