/** Where the SQL migrations are: read by migrate.ts, and hashed by pglite-template.ts to name its template. */
import { fromRoot } from '../app-root.ts';

export const MIGRATIONS_DIR = fromRoot('src/server/db/migrations');
