import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startMailbox } from '../helpers/mailbox.ts';
import { SMTP_PORT } from '../../playwright.config.ts';

/**
 * Makes sure the web build exists (normally done already by prepare-server.mjs) and the screenshot folder is fresh;
 * starts the SMTP server the e2e server sends to (SMTP_URL in playwright.config.ts), writing each message to
 * test-results/e2e-mail/ for the tests to read (they run in other processes). Returns the teardown that stops it.
 */
export default async function globalSetup() {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web/index.html is missing after the build');
  fs.rmSync(path.join(root, 'test-results/screenshots'), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'test-results/screenshots'), { recursive: true });
  const mailDir = path.join(root, 'test-results/e2e-mail');
  fs.rmSync(mailDir, { recursive: true, force: true });
  fs.mkdirSync(mailDir, { recursive: true });
  let n = 0;
  const mailbox = await startMailbox(SMTP_PORT, (m) => {
    n += 1;
    fs.writeFileSync(path.join(mailDir, `${String(n).padStart(5, '0')}.json`), JSON.stringify(m));
  });
  return () => mailbox.close();
}
