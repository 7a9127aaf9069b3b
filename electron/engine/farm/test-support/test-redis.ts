import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Whether Debian's redis-server is installed (`.ci/run` installs it); farm tests skip without it. */
export const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export interface TestRedis {
  /** redis://:PASSWORD@127.0.0.1:PORT */
  url: string;
  password: string;
  port: number;
  /** Stops Redis as an operator would (SIGTERM: it writes its append-only file) and starts it again on the same data. */
  restart(): Promise<void>;
  /** Stops Redis and removes its folder. */
  stop(): Promise<void>;
}

/**
 * A private redis-server for one test file, on 127.0.0.1 at a free port, with a password, the append-only file on
 * and no eviction (as a farm's Redis must run), in a temporary folder.
 */
export async function startTestRedis({ tls }: { tls?: TestTlsFiles } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-redis-'));
  const port = await findFreePort();
  const password = randomBytes(12).toString('hex');
  // With TLS, the only port is the TLS one.
  const ports = tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  const args = ['--bind', '127.0.0.1', ...ports, '--requirepass', password, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--dir', dir, '--save', '', '--protected-mode', 'yes'];
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = await spawnReady(args);
  };
  const halt = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    url: `${tls ? 'rediss' : 'redis'}://:${password}@127.0.0.1:${port}`,
    password,
    port,
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TestTlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** A private certificate authority and a server certificate for 127.0.0.1, made with Debian's openssl in `dir`. */
export function makeTestTlsFiles(dir: string): TestTlsFiles {
  const files = { caFile: path.join(dir, 'ca.pem'), certFile: path.join(dir, 'server.pem'), keyFile: path.join(dir, 'server.key') };
  const caKey = path.join(dir, 'ca.key');
  const request = path.join(dir, 'server.csr');
  const extensions = path.join(dir, 'server.ext');
  const run = (args: string[]) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Mouthpiece test CA', '-keyout', caKey, '-out', files.caFile]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', files.keyFile, '-out', request]);
  writeFileSync(extensions, 'subjectAltName=IP:127.0.0.1\n');
  run(['x509', '-req', '-in', request, '-CA', files.caFile, '-CAkey', caKey, '-CAcreateserial', '-days', '2', '-extfile', extensions, '-out', files.certFile]);
  return files;
}

function spawnReady(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start: ${output.slice(-500)}`));
    }, 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
    });
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
