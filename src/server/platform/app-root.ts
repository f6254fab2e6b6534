/**
 * The checkout's root directory (the one with our package.json), found from this file's place. Files the
 * server reads at run time (migrations, the built web app, the PDF font) are named from it, so the same code
 * finds them whether it runs from src/ through tsx or from the bundle npm start builds (dist/server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'kefutong') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no kefutong package.json above ${from}`);
  }
}

export const APP_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the checkout, e.g. fromRoot('src/server/db/migrations'). */
export function fromRoot(...parts: string[]): string {
  return path.join(APP_ROOT, ...parts);
}
