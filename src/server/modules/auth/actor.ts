/** The user as history records them: every module's changes name their author the same way. */
import type { Actor } from '../../platform/history.ts';
import type { CurrentUser } from './schemas.ts';

export const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.displayName || user.username });
