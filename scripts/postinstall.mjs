// Runs after `npm ci` / `npm install`: converts the face models to ONNX (checked against the
// committed SHA-256 manifest), bundles the CLI and copies the caption fonts into resources/fonts/, so `npx mouthpiece --help` works right away.
import { spawnSync } from 'node:child_process';

function run(script) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit ${result.status}`;
    console.error(`mouthpiece postinstall: \`npm run ${script}\` failed (${why}).`);
    process.exit(result.status || 1);
  }
}

run('build:models');
run('build:cli');
run('build:fonts');
