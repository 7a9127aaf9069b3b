import { QueueEvents, type Queue } from 'bullmq';
import { FARM_QUEUE_NAME, type FarmConnection } from './farm-connection.js';

/** What a follower of one job hears: its progress as reported, and that it may have changed state (read it again). */
export interface JobWatcher {
  onProgress(data: unknown): void;
  onChange(): void;
}

export interface FarmJobWatch {
  /** Starts telling `watcher` about job `jobId`; returns the function that stops it. */
  watch(jobId: string, watcher: JobWatcher): () => void;
  close(): Promise<void>;
}

// Every event of BullMQ's stream that moves a job from one state to another (progress carries its data instead).
const STATE_EVENTS = ['active', 'waiting', 'delayed', 'completed', 'failed', 'removed', 'stalled', 'retries-exhausted'] as const;

/**
 * The coordinator's ear on the farm: one reader of BullMQ's event stream for every job it follows (one blocking XREAD
 * at a time, however many jobs), instead of asking Redis about each job several times a second. It reads on from
 * `lastEventId` (readLastEventId, before any job is queued), so nothing that happens after is missed, and across a
 * Redis restart it goes on from the last event it read (the stream is kept in the append-only file like the jobs).
 */
export function startFarmJobWatch({ connection, lastEventId }: { connection: FarmConnection; lastEventId: string }): FarmJobWatch {
  const watchers = new Map<string, Set<JobWatcher>>();
  const events = new QueueEvents(FARM_QUEUE_NAME, { connection: connection.options, lastEventId, blockingTimeout: 5000 });
  events.on('error', () => {
    // Redis going away is waited out (the stream is read on from where it stopped); the listener must exist.
  });
  const tell = (jobId: string, call: (watcher: JobWatcher) => void) => watchers.get(jobId)?.forEach(call);
  events.on('progress', ({ jobId, data }) => tell(jobId, (watcher) => watcher.onProgress(data)));
  for (const name of STATE_EVENTS) events.on(name, ({ jobId }: { jobId: string }) => tell(jobId, (watcher) => watcher.onChange()));
  return {
    watch(jobId, watcher) {
      const set = watchers.get(jobId) ?? new Set<JobWatcher>();
      set.add(watcher);
      watchers.set(jobId, set);
      return () => {
        set.delete(watcher);
        if (set.size === 0 && watchers.get(jobId) === set) watchers.delete(jobId);
      };
    },
    close: () => events.close(),
  };
}

/** The id of the newest event in a queue's stream ('0' when empty): where a new reader starts, missing nothing after. */
export async function readLastEventId(queue: Queue): Promise<string> {
  const client = await queue.client;
  // BullMQ's client offers no XREVRANGE of its own; a one-line script is its way to any other command.
  client.defineCommand(LAST_EVENT_COMMAND, { numberOfKeys: 1, readOnly: true, lua: "return redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)" });
  const newest = (await client.runCommand(LAST_EVENT_COMMAND, [queue.keys.events])) as [string, string[]][] | null;
  return newest?.[0]?.[0] ?? '0';
}

const LAST_EVENT_COMMAND = 'mouthpieceLastEventId';
