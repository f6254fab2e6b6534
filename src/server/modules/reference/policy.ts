/** Reference data is the city's: only the city administrator edits it and reads its history. */
import { isAdmin, type CurrentUser } from '../auth/index.ts';

export const mayEditReference = (user: CurrentUser | null): boolean => isAdmin(user);
