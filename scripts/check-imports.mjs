// The dependency-direction rule (run by `npm run lint`, part of `npm run build` and CI):
//   renderer/ and electron/preload/ import only shared/ (plus their UI/bridge packages);
//   shared/ imports nothing but itself and zod;
//   electron/node/ never imports 'electron' (it must run, and be tested, without Electron);
//   only electron/main/ may import electron/node/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const rules = [
  { dir: 'shared', allowLocal: ['shared'], allowPackages: ['zod', 'vitest'] },
  { dir: 'renderer', allowLocal: ['renderer', 'shared'], allowPackages: ['react', 'react-dom', '@fluentui/react-components', '@fluentui/react-icons', 'zustand', 'vitest'] },
  { dir: 'electron/preload', allowLocal: ['electron/preload', 'shared'], allowPackages: ['electron'] },
  { dir: 'electron/node', allowLocal: ['electron/node', 'shared', 'e2e'], allowPackages: ['*'], denyPackages: ['electron'] },
  { dir: 'electron/main', allowLocal: ['electron/main', 'electron/node', 'shared'], allowPackages: ['*'] },
];

const importPattern = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"`]([^'"`]+)['"`]\s*\)/g;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield path;
  }
}

const problems = [];
for (const rule of rules) {
  const base = join(root, rule.dir);
  let list;
  try {
    list = [...files(base)];
  } catch {
    continue;
  }
  for (const file of list) {
    const isTest = /\.test\.tsx?$/.test(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      const where = relative(root, file);
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec)).split(sep).join('/');
        const allowed = rule.allowLocal.some((d) => target === d || target.startsWith(`${d}/`)) || (isTest && target.startsWith('e2e/'));
        if (!allowed) problems.push(`${where}: imports ${spec} (${rule.dir}/ may import only ${rule.allowLocal.join(', ')})`);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (rule.denyPackages?.includes(pkg)) problems.push(`${where}: imports '${pkg}' (${rule.dir}/ must run without Electron)`);
        const isNode = spec.startsWith('node:');
        const allowed = rule.allowPackages.includes('*') || rule.allowPackages.includes(pkg) || (isTest && (isNode || pkg === 'vitest'));
        if (!allowed && !rule.denyPackages?.includes(pkg)) problems.push(`${where}: imports '${spec}' (not allowed in ${rule.dir}/)`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`Dependency-direction check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Dependency direction: ok');
