import { parseArgs } from 'node:util';
import { drawAnalysisOverlay, rescale, type FaceSubject, type Polygon } from '../../engine/face/index.js';
import { writePng } from '../../engine/media/index.js';
import { InputError } from '../../engine/errors.js';
import { assertOutputAllowed } from '../../engine/media/output-guard.js';
import { isSampleKeyword, SAMPLE_KEYWORD } from '../../engine/samples/index.js';
import type { CommandContext } from '../command-context.js';

export const ANALYZE_USAGE = `mouthpiece analyze <image|video> [--json] [--masks] [--overlay out.png]

  Finds every face (subject 0 = largest) with 468 landmarks, irises and masks.
  For a video, analyses the first frame that shows a face. "${SAMPLE_KEYWORD}" analyses the bundled sample face.

  --json           print the result as JSON on stdout
  --masks          include mask polygons (face oval, lips, inner mouth, eyes, head) in the JSON
  --overlay FILE   write a PNG with boxes, subject numbers and landmarks drawn on the picture (an existing
                   file is refused unless --overwrite; the picture itself is never written over)
  --overwrite      replace the --overlay file if it exists`;

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

export function subjectToJson(s: FaceSubject, withMasks: boolean) {
  return {
    index: s.index,
    box: s.box.map((v) => round(v)),
    score: round(s.score, 3),
    area: Math.round(s.area),
    meshScore: round(s.meshScore, 3),
    rollDeg: round((s.rollRad * 180) / Math.PI, 1),
    landmarks: s.landmarks.map((p) => p.map((v) => round(v))),
    irises: { left: s.irises.left.map((p) => p.map((v) => round(v))), right: s.irises.right.map((p) => p.map((v) => round(v))) },
    ...(withMasks
      ? { masks: Object.fromEntries(Object.entries(s.masks).map(([k, poly]: [string, Polygon]) => [k, poly.map((p) => p.map((v) => round(v)))])) }
      : {}),
  };
}

export async function runAnalyzeCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, masks: { type: 'boolean' }, overlay: { type: 'string' }, overwrite: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return ctx.out(ANALYZE_USAGE);
  if (positionals.length !== 1) throw new InputError('BAD_ARGUMENT', `analyze takes exactly one picture or video (got ${positionals.length}). Run \`mouthpiece analyze --help\`.`);
  if (values.overlay !== undefined) {
    if (!/\.png$/i.test(values.overlay)) throw new InputError('BAD_ARGUMENT', `${values.overlay}: --overlay writes a PNG picture; give the file a .png name.`, values.overlay);
    assertOutputAllowed({ outPath: values.overlay, inputs: [positionals[0]], overwrite: values.overwrite ?? false });
  }
  const engine = await ctx.engine();
  const started = performance.now();
  const progress = ctx.progress(values.json ?? false);
  const file = isSampleKeyword(positionals[0]) ? (await ctx.samples()).facePath : positionals[0];
  const analysis = await engine.analyzeFile(file, { signal: ctx.signal, onProgress: progress.report });
  progress.done();
  const elapsedMs = performance.now() - started;
  if (values.overlay) {
    // Drawn on the picture that was analysed (downscaled when the original is huge), so map coordinates back onto it.
    const onAnalysed = rescale(analysis, 1 / analysis.analysisScale, analysis.image.width, analysis.image.height);
    await writePng(engine.tools, drawAnalysisOverlay(analysis.image, onAnalysed), values.overlay, { overwrite: values.overwrite ?? false });
  }
  if (values.json) {
    ctx.out(
      JSON.stringify({
        file: analysis.path,
        kind: analysis.kind,
        width: analysis.width,
        height: analysis.height,
        ...(analysis.frameTimeSec !== undefined ? { frameTimeSec: analysis.frameTimeSec } : {}),
        subjects: analysis.subjects.map((s) => subjectToJson(s, values.masks ?? false)),
      }),
    );
    return;
  }
  ctx.out(`${analysis.path}: ${analysis.width}×${analysis.height}, ${analysis.subjects.length} subject${analysis.subjects.length === 1 ? '' : 's'} (${Math.round(elapsedMs)} ms)`);
  for (const s of analysis.subjects) {
    const [x, y, w, h] = s.box.map(Math.round);
    ctx.out(`  subject ${s.index}: box ${x},${y} ${w}×${h}  detector ${s.score.toFixed(2)}  mesh ${s.meshScore.toFixed(2)}  roll ${((s.rollRad * 180) / Math.PI).toFixed(1)}°`);
  }
  if (values.overlay) ctx.out(`overlay written to ${values.overlay}`);
}
