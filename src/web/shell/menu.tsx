/**
 * The menu, by role: each entry only for those it applies to. Everyone: directory, published lists, instruments,
 * market. Signed in: my bookings, sharing statistics (and my deals with an organization). The approval inbox: city
 * admins, and members of an organization that has instruments of its own (asked of the API: a company without
 * instruments has nothing to approve). District and city admins: import and new organization. The pages of one's
 * account and of administration (users, audit, claims, webhooks, members) are in the account menu under the name,
 * so the header stays one row.
 */
import { NavLink, useLocation } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ownsInstrumentsQuery } from '../features/instruments/api';
import type { User } from './api';
import { canManage, useAuth } from './context';

/**
 * The market's pages (search, achievements, demands, experts, the market workbench) share one nav item; the header
 * has no room for another, so /workbench/market is entered from /search (我的成果与需求 / 审核与同义词).
 */
const MARKET_PATHS = /^\/(search|achievements|demands|experts|workbench\/market)(\/|$)/;

/** The service catalogue's pages: the catalogue, a service, a provider's storefront. */
const SERVICE_PATHS = /^\/(services|providers)(\/|$)/;

export interface MenuItem {
  key: string;
  to: string;
  end?: boolean;
  also?: RegExp;
}

export function menuFor(user: User | null, ownsInstruments: boolean): MenuItem[] {
  const items: MenuItem[] = [
    { key: 'directory', to: '/orgs' },
    { key: 'publications', to: '/publications' },
    { key: 'instruments', to: '/instruments' },
    { key: 'services', to: '/services', also: SERVICE_PATHS },
    { key: 'market', to: '/search', also: MARKET_PATHS },
  ];
  if (user?.orgId) items.push({ key: 'deals', to: '/deals' });
  // a registration station's staff: their inbox is their main page
  if (user?.role === 'station_staff') items.push({ key: 'contracts', to: '/contracts' });
  if (user) items.push({ key: 'bookings', to: '/bookings' });
  if (user && (user.role === 'admin' || (user.role === 'org_member' && ownsInstruments))) items.push({ key: 'approvals', to: '/workbench/bookings' });
  if (user) items.push({ key: 'stats', to: '/instrument-stats' });
  if (canManage(user)) items.push({ key: 'import', to: '/workbench/import' }, { key: 'newOrg', to: '/orgs/new' });
  return items;
}

/** The signed-in user's menu entries. */
export function useMenu(): MenuItem[] {
  const { user } = useAuth();
  const orgId = user?.role === 'org_member' ? user.orgId : null;
  const owns = useQuery({ ...ownsInstrumentsQuery(orgId ?? 0), enabled: !!orgId }).data ?? false;
  return menuFor(user, owns);
}

/** The menu as links: a row in the header, a column in the narrow screen's menu. */
export function MenuLinks({ className, onNavigate }: { className: string; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const items = useMenu();
  return (
    <nav aria-label={t('nav.menu')} className={className}>
      {items.map((m) => (
        <NavLink
          key={m.key}
          to={m.to}
          end={m.end}
          onClick={onNavigate}
          data-menu={m.key}
          className={({ isActive }) => (isActive || m.also?.test(location.pathname) ? 'active' : '')}
        >
          {t(`nav.${m.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}

/**
 * The account menu under the user's name (shell/Account.tsx), by role. A feature that adds a page for some
 * accounts adds one line here: the key names the entry (`nav.account.<key>`), `to` its page.
 */
export function accountMenuFor(user: User | null): MenuItem[] {
  if (!user) return [];
  const items: MenuItem[] = [{ key: 'security', to: '/account/security' }];
  if (user.role === 'admin') items.push({ key: 'users', to: '/admin/users' });
  if (canManage(user)) items.push({ key: 'audit', to: '/admin/audit' }, { key: 'claims', to: '/admin/claims' }, { key: 'vouchers', to: '/admin/vouchers' });
  // a confirmed member: the organization's colleagues and invitations
  if (user.role === 'org_member' && user.orgId) items.push({ key: 'members', to: '/org/members' }, { key: 'wallet', to: '/vouchers' });
  // webhooks: the city admins (the platform's subscriptions) and members acting for their organization
  if (user.role === 'admin' || (user.role === 'org_member' && user.orgId)) items.push({ key: 'webhooks', to: '/webhooks' });
  // service orders: a member's organization buys and provides; the offices read theirs
  if ((user.role === 'org_member' && user.orgId) || canManage(user)) items.push({ key: 'orders', to: '/orders' });
  // technology contracts: the seller registers, the buyer reads; the offices keep the register
  if ((user.role === 'org_member' && user.orgId) || canManage(user)) items.push({ key: 'contracts', to: '/contracts' });
  // surveys: a member files its organization's reports; the offices run the surveys and review
  if (user.role === 'org_member' && user.orgId) items.push({ key: 'surveys', to: '/surveys' });
  if (canManage(user)) items.push({ key: 'surveysAdmin', to: '/admin/surveys' });
  // statistical bulletins: the offices compose and publish theirs (the public list is the same page)
  if (canManage(user)) items.push({ key: 'bulletins', to: '/bulletins' });
  return items;
}
