/** A deal as one of its sides (or the city admin) sees it, with its thread. */
import type { CurrentUser } from '../../auth/index.ts';
import { dealSide } from '../policy.ts';
import type { Deal, DealMessage } from './schemas.ts';

export function presentDeal(d: Deal, viewer: CurrentUser | null) {
  return {
    id: d.id,
    kind: d.kind,
    subject: d.achievementId
      ? { kind: 'achievement' as const, id: d.achievementId, title: d.subjectTitle }
      : { kind: 'demand' as const, id: Number(d.demandId), title: d.subjectTitle },
    initiator: { orgId: d.initiatorOrgId, name: d.initiatorName },
    counterpart: { orgId: d.counterpartOrgId, name: d.counterpartName },
    status: d.status,
    agreedByInitiator: d.agreedByInitiator,
    agreedByCounterpart: d.agreedByCounterpart,
    withdrawnReason: d.withdrawnReason,
    mySide: dealSide(d, viewer),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    lastMessageAt: d.lastMessageAt,
  };
}

export function presentDealWithMessages(d: { deal: Deal; messages: DealMessage[] }, viewer: CurrentUser | null) {
  return {
    ...presentDeal(d.deal, viewer),
    messages: d.messages.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.createdAt,
      authorName: m.authorName,
      orgName: m.orgName,
      side: m.authorOrgId === d.deal.initiatorOrgId ? ('initiator' as const) : ('counterpart' as const),
    })),
  };
}

export function presentDealList(page: { items: Deal[]; total: number; page: number; pageSize: number }, viewer: CurrentUser | null) {
  return { ...page, items: page.items.map((d) => presentDeal(d, viewer)) };
}
