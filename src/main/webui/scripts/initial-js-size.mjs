// Budget check: the JavaScript a browser loads before the first render (index.html's module script
// and the chunks it preloads), gzipped, must stay within 500 KB. Prints the figure either way.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 500;
const dist = join(dirname(fileURLToPath(import.meta.url)), '../../../../frontend-dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
if (scripts.length === 0) throw new Error('index.html loads no script: is frontend-dist built?');
let total = 0;
for (const src of scripts) {
  const gz = gzipSync(readFileSync(join(dist, src)), { level: 9 }).length;
  total += gz;
  console.log(`${src}: ${(gz / 1024).toFixed(1)} KB gzipped`);
}
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${LIMIT_KB} KB)`);
if (total > LIMIT_KB * 1024) {
  console.error('over budget');
  process.exit(1);
}
