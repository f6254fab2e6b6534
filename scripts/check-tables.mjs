#!/usr/bin/env node
/**
 * Owned tables (npm run check:boundaries, with dependency-cruiser's import rules):
 *   - every table the migrations create is owned by exactly one module (its tables.ts) or the platform;
 *   - no module's code names a table another module owns: it asks the owner's face (index.ts) for data
 *     or for an SQL fragment (`orgJoin('o', …)`), whose text lives with the owner;
 *   - platform code names only the platform's tables.
 * SQL here is written with upper-case keywords, so a table is "named" where it follows FROM, JOIN,
 * INTO, UPDATE, TABLE, TRUNCATE or REFERENCES, or opens a string as `'orgs x'` (a FROM fragment).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rel = (p) => path.relative(ROOT, p);
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });

// the tables the migrations create
const created = new Map();
const migrations = path.join(ROOT, 'src/server/db/migrations');
for (const f of fs
  .readdirSync(migrations)
  .filter((f) => f.endsWith('.sql'))
  .sort()) {
  for (const m of fs.readFileSync(path.join(migrations, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/g)) created.set(m[1], f);
}
created.set('schema_migrations', 'platform/db/migrate.ts');

// who owns what: each module's tables.ts, and the platform's
const owner = new Map();
const problems = [];
const declare = (file, who) => {
  const text = fs.readFileSync(file, 'utf8');
  const list = text.match(/\[([^\]]*)\]/s)?.[1] ?? '';
  for (const m of list.matchAll(/'([a-z_][a-z0-9_]*)'/g)) {
    if (owner.has(m[1])) problems.push(`${m[1]} is declared by both ${owner.get(m[1])} and ${who}`);
    else owner.set(m[1], who);
    if (!created.has(m[1])) problems.push(`${rel(file)} declares ${m[1]}, which no migration creates`);
  }
};
const modulesDir = path.join(ROOT, 'src/server/modules');
const modules = fs
  .readdirSync(modulesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
for (const m of modules) {
  const file = path.join(modulesDir, m, 'tables.ts');
  if (!fs.existsSync(file)) problems.push(`src/server/modules/${m} has no tables.ts (a module without tables says so with an empty list)`);
  else declare(file, m);
}
declare(path.join(ROOT, 'src/server/platform/tables.ts'), 'platform');
for (const [t, f] of created) if (!owner.has(t)) problems.push(`table ${t} (${f}) is owned by no module: add it to one tables.ts`);

// who names which table
const KEYWORD = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|REFERENCES)\s+(?:ONLY\s+|IF\s+(?:NOT\s+)?EXISTS\s+)?([a-z_][a-z0-9_]*)/g;
const FRAGMENT = /[`'"]([a-z_][a-z0-9_]*)\s+[a-z]{1,3}\b/g;
const scan = (file, who) => {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments name tables in prose
    for (const re of [KEYWORD, FRAGMENT]) {
      for (const m of line.matchAll(re)) {
        const t = m[1];
        const o = owner.get(t);
        if (o && o !== who) problems.push(`${rel(file)}:${i + 1}: ${who} names ${t}, a table of ${o}${o === 'platform' ? '' : ` (ask modules/${o}/index.ts)`}`);
      }
    }
  });
};
for (const m of modules) for (const f of walk(path.join(modulesDir, m))) scan(f, m);
for (const f of walk(path.join(ROOT, 'src/server/platform'))) scan(f, 'platform');

// the web reaches the server over HTTP only; its API types are generated into src/web/api (dependency-cruiser
// reads the server's .ts; its parser stumbles on .tsx, so this one rule for the web is checked here)
for (const f of walk(path.join(ROOT, 'src/web'))) {
  fs.readFileSync(f, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (/^\s*import\b.*from\s+['"][^'"]*\/server\//.test(line))
        problems.push(`${rel(f)}:${i + 1}: the web imports server code (use the generated types in src/web/api)`);
    });
}

if (problems.length) {
  console.error(`Owned tables: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Owned tables: ${owner.size} tables, each named only by its owner (${modules.length} modules and the platform).`);
