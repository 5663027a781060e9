// Starts `qingfeng serve` for the end-to-end tests on a free port with a temporary database seeded
// by synth (2,000 persons) + init + import + check, and stops it again. With { caseBook: true } the
// store is made by `qingfeng demo --no-serve` instead: the same stages plus the demo case book
// (clues, cases, transfers, rectification), dated in the district's comparison year.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startServer(binary, webRoot, { caseBook = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-e2e-'));
  const db = `sqlite:${join(dir, 'q.db')}`;
  const run = (...args) => execFileSync(binary, ['--db', db, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (caseBook) {
    run('demo', '--persons', '2000', '--data-dir', dir, '--no-serve');
  } else {
    run('synth', '--persons', '2000', '--out', join(dir, 'district'));
    run('init');
    run('import', join(dir, 'district'));
    run('check', '--out', join(dir, 'findings.csv'));
  }
  const child = spawn(binary, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--demo-accounts',
    // The key file the command-line stages made beside the store: one chain key for the whole log.
    '--web-root', webRoot, '--key-file', join(dir, 'qingfeng.key')],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${seen}`)), 60000);
    child.stderr.on('data', (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}:\n${seen}`)); });
  });
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    dir,
    district: join(dir, 'district'),
    readCsv(name) {
      const [header, ...lines] = readFileSync(join(dir, 'district', name), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
      const cols = header.split(',');
      return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    },
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
