#!/usr/bin/env node
// `npm run check:bundle`: the JavaScript a browser must load before the customer portal can show
// anything, gzip-compressed (zlib, default level) as a server would send it. Fails when the portal's
// initial JavaScript exceeds 200 KiB gzip; the admin console's is printed for comparison, no limit.
// Reads the production builds in dist/apps/<app>/browser (build first: npm run build; another folder
// holding <app>/browser can be named as the argument). The initial
// files are those index.html loads (<script src>, <link rel="modulepreload">) and every file they
// import statically, followed through; lazily loaded pages (import("./chunk-….js")) are not counted.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distApps = resolve(process.argv[2] ?? join(root, 'dist', 'apps'));
const KIB = 1024;
const apps = [
  { name: 'portal', title: 'Customer portal', limitKib: 200 },
  { name: 'admin', title: 'Admin console', limitKib: undefined },
];

/** The local JavaScript files index.html loads up front. */
function entryFiles(html) {
  const files = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith('<script') ? attr('src') : attr('rel')?.split(/\s+/).includes('modulepreload') ? attr('href') : undefined;
    if (url && !/^([a-z]+:)?\/\//i.test(url) && url.endsWith('.js')) files.add(url.replace(/^\.?\//, ''));
  }
  return [...files];
}

/** Files a module imports statically (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`), relative to the folder. */
function staticImports(source, file) {
  const found = [];
  const pattern = /(?:\bimport|\bexport)\s*(?:[^;"'()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (const match of source.matchAll(pattern)) found.push(normalize(join(dirname(file), match[1])));
  return found;
}

function measure(app) {
  const folder = join(distApps, app.name, 'browser');
  const index = join(folder, 'index.html');
  if (!existsSync(index)) return { error: `${relative(root, index)} is missing: build it first (npx nx build ${app.name}).` };
  const queue = entryFiles(readFileSync(index, 'utf8'));
  if (!queue.length) return { error: `${relative(root, index)} loads no JavaScript file; is it a production build?` };
  const files = [];
  const seen = new Set();
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const path = join(folder, file);
    if (!existsSync(path)) return { error: `${relative(root, index)} loads ${file}, which is not in ${relative(root, folder)}.` };
    const source = readFileSync(path);
    files.push({ file, raw: source.length, gzip: gzipSync(source).length });
    queue.push(...staticImports(source.toString('utf8'), file));
  }
  return { files };
}

const kib = (bytes) => `${(bytes / KIB).toFixed(1)} KiB`;
let failed = false;
for (const app of apps) {
  const result = measure(app);
  console.log(`\n${app.title} (${relative(root, join(distApps, app.name, 'browser')) || '.'}), initial JavaScript:`);
  if (result.error) {
    console.log(`  ${result.error}`);
    failed = true;
    continue;
  }
  const width = Math.max(...result.files.map((entry) => entry.file.length));
  for (const entry of result.files) console.log(`  ${entry.file.padEnd(width)}  ${kib(entry.raw).padStart(10)}  ${kib(entry.gzip).padStart(10)} gzip`);
  const raw = result.files.reduce((sum, entry) => sum + entry.raw, 0);
  const gzip = result.files.reduce((sum, entry) => sum + entry.gzip, 0);
  const verdict = app.limitKib === undefined ? '(no limit)' : gzip > app.limitKib * KIB ? `OVER the limit of ${app.limitKib} KiB gzip` : `within the limit of ${app.limitKib} KiB gzip`;
  console.log(`  ${'total'.padEnd(width)}  ${kib(raw).padStart(10)}  ${kib(gzip).padStart(10)} gzip  ${verdict}`);
  if (app.limitKib !== undefined && gzip > app.limitKib * KIB) failed = true;
}
console.log('');
if (failed) {
  console.error('The bundle check failed.');
  process.exit(1);
}
