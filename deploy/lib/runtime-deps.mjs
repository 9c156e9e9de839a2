#!/usr/bin/env node
// The npm packages a webpack bundle needs at runtime, and everything they need in turn, copied out of an
// installed node_modules tree into a smaller one: what the manager and agent images ship instead of the
// whole workspace's node_modules (Angular, jest, Nx…).
//
//   node deploy/lib/runtime-deps.mjs --from DIR --to DIR [--also PACKAGE]... BUNDLE...
//
// The bundles keep every npm package external (tools/webpack/node-app.config.js), so the packages they
// `require` are the roots, with the `--also` ones: packages loaded by name at run time, which no require
// in the bundle shows (@nestjs/core loads its optional peer @nestjs/platform-express at boot, Nest's
// ValidationPipe loads class-transformer). From each root the copy follows `dependencies`, the installed
// `optionalDependencies` and the peers not marked optional, resolved the way Node resolves them: the
// package's own node_modules first, then each parent's. Paths are kept, so resolution in the copy is
// exactly resolution in the original. Native packages (a binding.gyp) keep their compiled `.node` files,
// not the sources and objects they came from.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

function args(argv) {
  const options = { from: '.', to: undefined, also: [], bundles: [] };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--from') options.from = argv[++i];
    else if (argv[i] === '--to') options.to = argv[++i];
    else if (argv[i] === '--also') options.also.push(argv[++i]);
    else options.bundles.push(argv[i]);
  }
  if (!options.to || options.bundles.length === 0) {
    console.error('usage: runtime-deps.mjs --from DIR --to DIR [--also PACKAGE]... BUNDLE...');
    process.exit(64);
  }
  return { ...options, from: resolve(options.from), to: resolve(options.to) };
}

const builtins = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function bundleRoots(file) {
  const text = readFileSync(file, 'utf8');
  const names = new Set();
  for (const [, specifier] of text.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
    if (specifier.startsWith('node:') || builtins.has(packageName(specifier))) continue;
    names.add(packageName(specifier));
  }
  return names;
}

/** The directory Node would load `name` from when required inside `fromDir`. */
function resolvePackage(name, fromDir, root) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === dirname(dir)) return undefined;
  }
}

function closure(roots, root) {
  const found = new Map();
  const queue = [...roots].map((name) => ({ name, from: root, required: true }));
  while (queue.length > 0) {
    const { name, from, required } = queue.shift();
    const dir = resolvePackage(name, from, root);
    if (dir === undefined) {
      if (required) throw new Error(`${name} (needed from ${relative(root, from) || '.'}) is not installed`);
      continue;
    }
    if (found.has(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    found.set(dir, manifest.version);
    for (const dep of Object.keys(manifest.dependencies ?? {}))
      queue.push({ name: dep, from: dir, required: true });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {}))
      queue.push({ name: dep, from: dir, required: false });
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) {
      if (manifest.peerDependenciesMeta?.[dep]?.optional !== true)
        queue.push({ name: dep, from: dir, required: true });
    }
  }
  return found;
}

/** A native package needs its compiled addons at run time, not its C sources, objects and makefiles. */
function pruneNativeBuild(dir) {
  if (!existsSync(join(dir, 'binding.gyp'))) return;
  for (const sources of ['deps', 'src']) rmSync(join(dir, sources), { recursive: true, force: true });
  const build = join(dir, 'build');
  if (!existsSync(build)) return;
  for (const entry of readdirSync(build)) {
    if (entry !== 'Release') rmSync(join(build, entry), { recursive: true, force: true });
  }
  const release = join(build, 'Release');
  for (const entry of existsSync(release) ? readdirSync(release) : []) {
    if (!entry.endsWith('.node') || entry.startsWith('test_'))
      rmSync(join(release, entry), { recursive: true, force: true });
  }
}

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

const options = args(process.argv.slice(2));
const roots = new Set([...options.also, ...options.bundles.flatMap((bundle) => [...bundleRoots(bundle)])]);
const packages = closure(roots, options.from);
// A nested package lives inside its parent's directory: copying the outermost ones copies it too.
const dirs = [...packages.keys()].sort();
const outermost = dirs.filter((dir) => !dirs.some((other) => other !== dir && dir.startsWith(`${other}/`)));
for (const dir of outermost) {
  cpSync(dir, join(options.to, relative(options.from, dir)), { recursive: true, dereference: true });
}
for (const dir of dirs) pruneNativeBuild(join(options.to, relative(options.from, dir)));
const mib = (sizeOf(join(options.to, 'node_modules')) / 1024 / 1024).toFixed(1);
console.log(
  `runtime-deps: ${packages.size} packages (roots: ${[...roots].sort().join(' ')}) copied to ${options.to}/node_modules, ${mib} MiB`,
);
