/** The portal's front page as one response: headline figures, the latest bulletin, notices, the newest listings. */
import { z } from 'zod';
import { Timestamp } from '../../../platform/http/contract.ts';
import { PROGRESS_STATUSES } from '../../statistics/index.ts';
import { NoticeView } from '../schemas.ts';

export const HeadlineFigure = z
  .object({
    id: z.number().int().meta({ description: 'the indicator (GET /api/v1/indicators/{id})' }),
    indicator: z.string(),
    category: z.string().nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    value: z.number().nullable(),
    period: z.string().nullable(),
    origin: z.string().nullable(),
    target: z.number().nullable().meta({ description: 'the 2025 target' }),
    percent: z.number().nullable(),
    status: z.enum(PROGRESS_STATUSES),
  })
  .meta({ id: 'HeadlineFigure' });

export const FrontView = z
  .object({
    headline: z.array(HeadlineFigure).meta({ description: 'the documents’ 2025 targets for the city, with the latest figure and progress' }),
    bulletin: z
      .object({
        id: z.number().int().meta({ description: 'the bulletin (GET /api/v1/bulletins/{id}; the page /bulletins/{id})' }),
        number: z.string(),
        title: z.string(),
        period: z.string(),
        version: z.number().int().meta({ description: 'the latest version (above 1: corrected)' }),
        publishedAt: Timestamp,
      })
      .nullable()
      .meta({ description: 'the latest published statistical bulletin (统计信息发布); null until one is published' }),
    notices: z.array(NoticeView),
    achievements: z.array(z.object({ id: z.number().int(), title: z.string(), ownerName: z.string(), publishedAt: Timestamp.nullable() })),
    demands: z.array(z.object({ id: z.number().int(), title: z.string(), orgName: z.string(), publishedAt: Timestamp.nullable() })),
    instruments: z.array(z.object({ id: z.number().int(), name: z.string(), ownerName: z.string(), districtCode: z.string().nullable() })),
    keptAt: Timestamp.meta({ description: 'when these figures were read (an anonymous answer is kept until something it shows changes)' }),
  })
  .meta({ id: 'PortalFront' });
export type FrontView = z.infer<typeof FrontView>;
