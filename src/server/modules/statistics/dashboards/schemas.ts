/**
 * A dashboard (监测看板) as the API gives it: one request per view. A scope is written as the indicators' scopes are
 * (chongqing, district:<code>, cluster:<id>).
 */
import { z } from 'zod';
import { labelled as l } from '../../../platform/http/validation.ts';
import { IndicatorView } from '../schemas.ts';

export const DASHBOARD_KINDS = ['city', 'district', 'cluster'] as const;

export const DashboardParams = z.object({
  scope: l(
    z
      .string()
      .trim()
      .regex(/^(chongqing|district:[0-9]{6}|cluster:[a-z0-9-]{1,64})$/, 'dashboard.scopeFormat'),
    'dashboard.label.scope',
  ),
});

export const TrendPoint = z.object({ period: z.string(), asOf: z.string(), value: z.number() }).meta({ id: 'TrendPoint' });

export const DashboardIndicator = IndicatorView.extend({
  trend: z.array(TrendPoint).meta({ description: 'the values by period, oldest first' }),
}).meta({ id: 'DashboardIndicator' });
export type DashboardIndicator = z.infer<typeof DashboardIndicator>;

const Count = z.object({ code: z.string(), entities: z.number() });

export const DashboardView = z
  .object({
    scope: z.string(),
    kind: z.enum(DASHBOARD_KINDS),
    nameZh: z.string(),
    nameEn: z.string(),
    asOf: z.string().nullable().meta({ description: 'the day the kept breakdowns were last recounted (YYYY-MM-DD)' }),
    entities: z.number().nullable().meta({ description: 'the market entities of the scope (the directory, today’s divisions)' }),
    indicators: z.array(DashboardIndicator).meta({ description: 'the scope’s own indicators, each with its targets, progress and trend' }),
    categories: z
      .array(
        z.object({
          code: z.string(),
          nameZh: z.string(),
          nameEn: z.string(),
          entities: z.number(),
          indicatorIds: z.array(z.number().int()).meta({ description: 'the scope’s indicators of this category' }),
        }),
      )
      .meta({ description: 'breakdown by the eight categories (an organization counts in each category it is registered in)' }),
    districts: z.array(Count).meta({ description: 'market entities by district, for the map; on a district’s dashboard the city’s, so the map places it' }),
    clusters: z
      .array(z.object({ id: z.string(), name: z.string(), entities: z.number(), indicators: z.array(DashboardIndicator) }))
      .meta({ description: 'the three clusters side by side (cluster comparison)' }),
  })
  .meta({ id: 'Dashboard' });
export type DashboardView = z.infer<typeof DashboardView>;
