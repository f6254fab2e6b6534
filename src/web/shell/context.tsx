import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Reference, type User } from '../api/client';

interface AuthState { user: User | null; ready: boolean; refresh: () => Promise<void>; login: (u: string, p: string) => Promise<User>; logout: () => Promise<void> }
const AuthCtx = createContext<AuthState>(null as unknown as AuthState);
const RefCtx = createContext<Reference | null>(null);

export function Providers({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [reference, setReference] = useState<Reference | null>(null);

  const refresh = useCallback(async () => {
    try { setUser((await api<{ user: User }>('/api/v1/auth/me')).user); } catch { setUser(null); }
    setReady(true);
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ user: User }>('/api/v1/auth/login', { method: 'POST', json: { username, password } });
    await refresh();
    return r.user;
  }, [refresh]);
  const logout = useCallback(async () => {
    try { await api('/api/v1/auth/logout', { method: 'POST', json: {} }); } finally { setUser(null); }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => { api<Reference>('/api/v1/reference').then(setReference).catch(() => setReference(null)); }, []);

  const auth = useMemo(() => ({ user, ready, refresh, login, logout }), [user, ready, refresh, login, logout]);
  return <AuthCtx.Provider value={auth}><RefCtx.Provider value={reference}>{children}</RefCtx.Provider></AuthCtx.Provider>;
}

export const useAuth = () => useContext(AuthCtx);
export const useReference = () => useContext(RefCtx);

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
      cluster: (c: string | null | undefined) => (c ? clusters.get(c) ?? c : t('common.none')),
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
