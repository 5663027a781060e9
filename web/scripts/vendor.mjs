// Copies the pinned front-end assets from node_modules into static/vendor, where the server
// serves them as /static/vendor/*. Run by `npm run vendor` after `npm ci` (scripts/run-tests.sh
// and `make run` do both); static/vendor is not committed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'static', 'vendor');
mkdirSync(out, { recursive: true });
const files = [
  ['node_modules/echarts/dist/echarts.min.js', 'echarts.min.js'],
  ['node_modules/htmx.org/dist/htmx.min.js', 'htmx.min.js'],
];
for (const [from, to] of files) {
  copyFileSync(join(root, from), join(out, to));
  console.log(`vendor: ${to}`);
}
