/**
 * The demo's survey: one annual round of 渝中区 whose deadline has passed a week ago, over the district's
 * organizations, none of them filed — so that the late list, 催报 and bulk filing have something to show, and the
 * browser test a round past its deadline (the API refuses to launch one). Written through the repository, as the
 * other demo data is; once (a round of that title stays).
 */
import { beijingToday, type SurveyService } from './service.ts';

export const DEMO_ROUND_TITLE = '2024年度渝中区科技服务业统计调查（已截止）';
const DEMO_DISTRICT = '500103';

export async function seedDemoSurveys(surveys: SurveyService, say: (line: string) => void): Promise<void> {
  await surveys.seed();
  if ((await surveys.repo.rounds({})).some((r) => r.title_zh === DEMO_ROUND_TITLE)) return;
  const form = (await surveys.repo.forms()).find((f) => f.code === 'kf_annual');
  const population = { kinds: [], categories: [], districts: [DEMO_DISTRICT] };
  const members = await surveys.deps.members(population);
  if (!form || !members.length) return;
  const deadline = new Date(Date.parse(`${beijingToday()}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  await surveys.db.transaction(async (tx) => {
    const repo = surveys.repo.with(tx);
    const roundId = await repo.insertRound({
      formId: form.id,
      titleZh: DEMO_ROUND_TITLE,
      titleEn: '2024 Yuzhong survey of S&T service organizations (closed)',
      frequency: 'annual',
      period: '2024',
      districtCode: DEMO_DISTRICT,
      population,
      deadline,
      by: null,
    });
    await repo.addFilings(roundId, members);
  });
  say(`Demo survey: “${DEMO_ROUND_TITLE}”, ${members.length} organizations, deadline ${deadline} (passed).`);
}
