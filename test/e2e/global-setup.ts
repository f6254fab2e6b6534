import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** Makes sure the web build exists (normally done already by prepare-server.mjs) and the screenshot folder is fresh. */
export default async function globalSetup() {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web/index.html is missing after the build');
  fs.rmSync(path.join(root, 'test-results/screenshots'), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'test-results/screenshots'), { recursive: true });
}
