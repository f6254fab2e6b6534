import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery, referenceQuery, signIn, signOut, type User } from './api';
import { STATIC_QUERIES } from './queryClient';

interface AuthState {
  user: User | null;
  ready: boolean;
  login: (u: string, p: string, code?: string) => Promise<User>;
  logout: () => Promise<void>;
}
const AuthCtx = createContext<AuthState>(null as unknown as AuthState);

/**
 * Who is signed in (GET /auth/me, cached), with sign-in and sign-out. Whatever the server answered for the previous
 * user (contact details, bookings, what may be edited) is reset when the user changes, and asked for again.
 */
export function Providers({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery(meQuery);
  const user = me.data ?? null;
  const ready = !me.isPending;

  const userChanged = useCallback(
    (next: User | null) => {
      qc.setQueryData(meQuery.queryKey, next);
      void qc.resetQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && !STATIC_QUERIES.has(String(q.queryKey[0])) });
    },
    [qc],
  );
  const login = useCallback(
    async (username: string, password: string, code?: string) => {
      const u = await signIn(username, password, code);
      userChanged(u);
      return u;
    },
    [userChanged],
  );
  const logout = useCallback(async () => {
    try {
      await signOut();
    } finally {
      userChanged(null);
    }
  }, [userChanged]);

  const auth = useMemo(() => ({ user, ready, login, logout }), [user, ready, login, logout]);
  return <AuthCtx.Provider value={auth}>{children}</AuthCtx.Provider>;
}

export const useAuth = () => useContext(AuthCtx);
/** The reference data (categories, districts, clusters, vocabularies), read once. */
export const useReference = () => useQuery(referenceQuery).data ?? null;

export function canManage(user: User | null) {
  return !!user && (user.role === 'admin' || user.role === 'district_admin');
}

/** Names of codes in the current language. */
export function useNames() {
  const ref = useReference();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return useMemo(() => {
    const cats = new Map(ref?.categories.map((c) => [c.code, en ? c.nameEn : c.nameZh]) ?? []);
    const divs = new Map(ref?.divisions.map((d) => [d.code, d]) ?? []);
    const clusters = new Map(ref?.clusters.map((c) => [c.id, c.name]) ?? []);
    const currentDivisions = (ref?.divisions ?? []).filter((d) => !d.validTo);
    return {
      ref,
      en,
      category: (c: string) => cats.get(c) ?? c,
      district: (c: string | null | undefined) => {
        const d = c ? divs.get(c) : undefined;
        return c ? ((en ? d?.nameEn : null) ?? d?.name ?? c) : t('common.none');
      },
      division: (c: string) => divs.get(c),
      cluster: (c: string | null | undefined) => (c ? (clusters.get(c) ?? c) : t('common.none')),
      kind: (c: string) => t(`kinds.${c}`, { defaultValue: c }),
      recognition: (c: string) => t(`recognitions.${c}`, { defaultValue: c }),
      revenue: (c: string | null | undefined) => (c ? t(`revenue.${c}`, { defaultValue: c }) : t('common.none')),
      currentDivisions,
    };
  }, [ref, en, t]);
}

export function useTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
