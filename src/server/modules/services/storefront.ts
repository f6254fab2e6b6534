/**
 * A provider's storefront (机构店铺): the organization as the directory has it, its published services,
 * and — through their modules' faces — its instruments (the catalogue filtered by owner) and its
 * published achievements (the market's list filtered by owner). Each list is a first page with its total.
 */
import type { CurrentUser } from '../auth/index.ts';
import type { CatalogueService } from '../instruments/index.ts';
import type { Market } from '../market/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { ServiceCatalogue } from './service.ts';

const SHOWN = 24;

type InstrumentQuery = Parameters<CatalogueService['list']>[0];
type AchievementQuery = Parameters<Market['achievements']['list']>[0];

export class Storefront {
  constructor(
    private readonly services: ServiceCatalogue,
    private readonly instruments: CatalogueService,
    private readonly market: Market,
  ) {}

  async of(orgId: number, viewer: CurrentUser | null) {
    const org = await this.services.provider(orgId);
    if (!org) throw notFound('service.unknownProvider', { value: orgId });
    const [services, instruments, achievements] = await Promise.all([
      this.services.list({ providerOrgId: orgId, page: 1, pageSize: 50 } as never, null),
      this.instruments.list({ owner: orgId, page: 1, pageSize: SHOWN } as InstrumentQuery, viewer),
      this.market.achievements.list({ owner: orgId, status: ['published'], page: 1, pageSize: SHOWN } as unknown as AchievementQuery, null),
    ]);
    return {
      org: { id: org.id, name: org.name, description: org.description ?? null, districtCode: org.districtCode ?? null, categories: org.categories ?? [] },
      services: services.items,
      instruments: {
        items: instruments.items.map((i) => ({
          id: i.id,
          name: i.name,
          className: i.className,
          priceUnit: i.priceUnit,
          priceExternalFen: i.priceExternalFen,
          status: i.status,
        })),
        total: instruments.total,
      },
      achievements: {
        items: achievements.items.map((a: { id: number; title: string; abstract?: string | null }) => ({
          id: a.id,
          title: a.title,
          summary: a.abstract ? a.abstract.slice(0, 160) : null,
        })),
        total: achievements.total,
      },
    };
  }
}
