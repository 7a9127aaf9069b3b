import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RenderJobView } from '../../../../electron/contract/types';
import { QueueJob } from './QueueJob';
import type { RenderJobs } from './use-render-jobs';

const queue = {} as RenderJobs;
const job = (change: Partial<RenderJobView>): RenderJobView => ({
  id: 1, projectId: 1, title: 'Greeting', preset: 'square', status: 'queued', progress: 0, phase: null, etaMs: null, outputPath: '/videos/greeting.mp4', error: null, createdAt: '', startedAt: null, finishedAt: null, durationMs: null, batchId: null, batchPosition: null, presetName: null, onFarm: false, ...change,
});
const render = (change: Partial<RenderJobView>, canOpenFiles = true) => renderToStaticMarkup(createElement(QueueJob, { job: job(change), queue, canOpenFiles }));

describe('QueueJob', () => {
  it('shows progress, ETA and cancel while rendering', () => {
    const html = render({ status: 'running', progress: 0.42, phase: 'Animating faces', etaMs: 48_000 });
    expect(html).toContain('data-status="running"');
    expect(html).toContain('42% · about 48 s left');
    expect(html).toContain('Square · 1080×1080');
    expect(html).toContain('Animating faces');
    expect(html).toContain('>Cancel<');
    expect(html).not.toContain('>Retry<');
  });

  it('offers retry with the reason after a failure, and open once done', () => {
    const failed = render({ status: 'failed', error: 'Disk full.' });
    expect(failed).toContain('Disk full.');
    expect(failed).toContain('>Retry<');
    expect(failed).not.toContain('<progress');
    const done = render({ status: 'done', progress: 1 });
    expect(done).toContain('greeting.mp4');
    expect(done).toContain('>Open<');
    expect(done).not.toContain('>Watch<');
    expect(render({ status: 'done', progress: 1, outputUrl: '/renders/greeting.mp4' })).toContain('>Watch<');
    expect(done).not.toContain('>Cancel<');
  });

  it('offers a download instead of open and show-in-folder where the host cannot open files (the browser)', () => {
    const html = render({ status: 'done', progress: 1, outputUrl: '/renders/1.mp4', durationMs: 12_400 }, false);
    expect(html).toContain('href="/renders/1.mp4"');
    expect(html).toContain('download="greeting.mp4"');
    expect(html).toContain('took 12 s');
    expect(html).not.toContain('>Open<');
    expect(html).not.toContain('Show in folder');
  });
});
