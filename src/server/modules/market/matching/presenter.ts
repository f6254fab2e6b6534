/**
 * Match reasons in the caller's language. A reason names reference data by code (`field:auto`,
 * `district:500103`, `category:transfer`); those are looked up here, message keys are translated.
 */
import { translate, type Locale } from '../../../platform/http/i18n.ts';
import type { ReferenceService } from '../../reference/index.ts';
import type { VocabularyService } from '../vocabulary/service.ts';
import type { Match, Reason } from './scoring.ts';

export class MatchPresenter {
  constructor(
    private readonly fields: VocabularyService,
    private readonly places: ReferenceService,
  ) {}

  async present<T extends object>(
    result: T,
    locale: Locale,
  ): Promise<{ [K in keyof T]: T[K] extends Match[] ? (Omit<Match, 'reasons'> & { reasons: string[] })[] : T[K] }> {
    const [fields, divisions, categories] = await Promise.all([this.fields.fieldMap(), this.places.divisions(), this.places.categories()]);
    const en = locale === 'en';
    const names: Record<string, (code: string) => string | undefined> = {
      field: (c) => (en ? fields.get(c)?.nameEn : fields.get(c)?.name),
      district: (c) => {
        const d = divisions.find((x) => x.code === c);
        return en ? (d?.nameEn ?? d?.name) : d?.name;
      },
      category: (c) => {
        const cat = categories.find((x) => x.code === c);
        return en ? cat?.nameEn : cat?.nameZh;
      },
    };
    const render = (r: Reason) => {
      const params: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.params ?? {})) {
        const ref = typeof v === 'string' ? /^(field|district|category):(.+)$/.exec(v) : null;
        if (ref && k.endsWith('Key')) params[k.slice(0, -3)] = names[ref[1]](ref[2]) ?? ref[2];
        else params[k] = v;
      }
      return translate(locale, r.key, params);
    };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(result)) {
      out[k] =
        Array.isArray(v) && v.length && typeof v[0] === 'object' && 'reasons' in v[0]
          ? (v as Match[]).map((m) => ({ ...m, reasons: m.reasons.map(render) }))
          : v;
    }
    return out as never;
  }
}
