import * as ort from 'onnxruntime-node';
import { prepareOrtEnvironment } from './ort-environment.js';
import { candidateProviders, type ExecutionProviderName } from './execution-providers.js';
import { verifiedModelPath, type ModelLocation } from './model-files.js';

export interface SessionPoolOptions extends ModelLocation {
  /** Providers to try in order (default: what this platform offers, then CPU). */
  providers?: ExecutionProviderName[];
  /**
   * Threads per session (default 1). These face models run in 4-6 ms on one core; a second thread made FaceMesh no
   * faster in wall time and cost 40-125 % more CPU (measured on 2 cores: FaceMesh +81 %, BlazeFace +85-115 %, iris +41-124 %), CPU the decoder and encoder running beside it
   * need.
   */
  intraOpThreads?: number;
}

export interface PooledSession {
  session: ort.InferenceSession;
  provider: ExecutionProviderName;
  path: string;
}

/**
 * One ONNX session per model, shared by every caller, created on first use after the model file's
 * SHA-256 is checked. Tries accelerated providers first and falls back to CPU when one fails to load.
 */
export class SessionPool {
  private readonly sessions = new Map<string, Promise<PooledSession>>();
  private readonly options: SessionPoolOptions;

  constructor(options: SessionPoolOptions) {
    this.options = options;
  }

  get(name: string): Promise<PooledSession> {
    let pending = this.sessions.get(name);
    if (!pending) {
      pending = this.create(name);
      this.sessions.set(name, pending);
      pending.catch(() => this.sessions.delete(name));
    }
    return pending;
  }

  async release(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const p of all) await (await p.catch(() => null))?.session.release();
  }

  private async create(name: string): Promise<PooledSession> {
    const path = await verifiedModelPath(this.options, name);
    // A provider that is listed but not bundled (CUDA on Linux) needs libraries installed separately;
    // trying it without them only prints loader errors, so it is tried only when asked for explicitly.
    const available = ort.listSupportedBackends().filter((b) => b.bundled).map((b) => b.name);
    const providers = this.options.providers ?? candidateProviders(process.platform, available);
    const threads = this.options.intraOpThreads ?? 1;
    const errors: string[] = [];
    for (const provider of providers) {
      try {
        prepareOrtEnvironment();
        const session = await ort.InferenceSession.create(path, {
          executionProviders: [provider],
          graphOptimizationLevel: 'all',
          executionMode: 'sequential',
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          logSeverityLevel: 3,
          // Spinning worker threads steal the CPU from the JavaScript between inference calls (~3x slower on 2 cores).
          extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
        });
        return { session, provider, path };
      } catch (error) {
        errors.push(`${provider}: ${(error as Error).message}`);
      }
    }
    throw new Error(`Could not load model ${name} with any execution provider (${errors.join('; ')})`);
  }
}
