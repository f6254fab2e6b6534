/**
 * Demo contracts (issue 12), through the same services users go through: demo-member's talks with demo-lab's and
 * demo-lab2's institutes agreed and turned into contracts, and a few contracts of deals made elsewhere, so the
 * register has one in every state — three registered among them. demo-station works at the stations the two
 * institutes' districts are routed to.
 */
import type { AuthService, CurrentUser } from '../auth/index.ts';
import type { Market } from '../market/index.ts';
import type { ContractStatus } from './schemas.ts';
import type { ContractService } from './service.ts';
import { ContractDocuments } from './document.ts';
import { ContractConfirmations } from './confirmation.ts';

/** a one-page PDF standing for the signed contract (the demo has no scans) */
const SIGNED_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const TARGETS: ContractStatus[] = [
  'registered',
  'expert_review',
  'registered',
  'under_review',
  'accepted',
  'submitted',
  'needs_correction',
  'rejected',
  'registered',
  'draft',
];

export async function seedDemoContracts(auth: AuthService, market: Market, contracts: ContractService, say: (line: string) => void): Promise<void> {
  const station = await auth.userByUsername('demo-station');
  const member = await auth.userByUsername('demo-member');
  const labs = [await auth.userByUsername('demo-lab'), await auth.userByUsername('demo-lab2')].filter((u): u is CurrentUser => !!u?.orgId);
  if (!station || !member?.orgId || labs.length === 0) return;
  if ((await contracts.list(labs[0], { page: 1, pageSize: 1 })).total > 0) return;
  for (const lab of labs) {
    const org = await contracts.deps.orgs.get(lab.orgId!);
    await contracts.addStaffFor(org.districtCode, station.id);
  }
  const buyerOrg = await contracts.deps.orgs.get(member.orgId);

  // the deals: demo-member asks about each of the two institutes' published achievements, and both sides agree
  const dealIds: { dealId: number; seller: CurrentUser }[] = [];
  for (const lab of labs) {
    const { items } = await market.achievements.list({ owner: lab.orgId!, page: 1, pageSize: 4 } as never, lab);
    for (const a of items.filter((x) => x.status === 'published')) {
      const { id } = await market.deals.open({ achievementId: a.id, message: '我们希望就该成果签订技术合同，请确认许可（转让）方式与价格。' }, member);
      await market.deals.reply(id, '可以，按双方商定的价格签订合同，由我方申请技术合同认定登记。', lab);
      await market.deals.agree(id, member);
      await market.deals.agree(id, lab);
      dealIds.push({ dealId: id, seller: lab });
    }
  }

  const experts = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((id) => market.experts.get(id).catch(() => null)));
  let made = 0;
  for (const [n, target] of TARGETS.entries()) {
    const fromDeal = dealIds[n];
    const seller = fromDeal?.seller ?? labs[n % labs.length];
    const techYuan = [4_800_000, 6_500_000, 1_200_000, 800_000, 2_600_000, 350_000, 900_000, 150_000, 5_200_000, 600_000][n];
    const sellerOrg = await contracts.deps.orgs.get(seller.orgId!);
    const id = await contracts.create(
      {
        ...(fromDeal
          ? { dealId: fromDeal.dealId }
          : { projectName: ['智能网联汽车测试场景库开发', '山地城市桥梁健康监测技术服务', '工业互联网标识解析咨询'][n % 3] }),
        contractType: n % 3 === 1 ? 'development' : 'transfer',
        subType: n % 3 === 1 ? 'commissioned' : 'patent',
        signedOn: '2026-09-15',
        validFrom: '2026-09-15',
        validUntil: '2028-09-14',
        seller: { nature: 'research_institute', ...(sellerOrg.districtCode ? {} : { divisionCode: '500106' }) },
        buyer: { name: buyerOrg.name, uscc: buyerOrg.uscc, divisionCode: buyerOrg.districtCode ?? '500103', nature: 'private_enterprise' },
        amountFen: Math.round(techYuan * 1.1) * 100,
        techAmountFen: techYuan * 100,
        equipmentFen: Math.round(techYuan * 0.1) * 100,
        techField: ['new_materials', 'advanced_manufacturing', 'electronics'][n % 3] as never,
        ipType: 'invention_patent',
        planSource: n % 2 ? 'municipal' : 'none',
        newInvestmentFen: techYuan * 300,
        newOutputFen: techYuan * 800,
        disputed: false,
      },
      seller,
    );
    made++;
    if (target === 'draft') continue;
    await new ContractDocuments(contracts).attach(id, { filename: '技术合同（双方签署）.pdf', content: SIGNED_PDF }, seller);
    await contracts.submit(id, seller);
    // the buyer (demo-member's organization) confirms the content; the submitted one still awaits its answer
    if (target === 'submitted') continue;
    if (target !== 'needs_correction') await new ContractConfirmations(contracts).confirm(id, member);
    if (target === 'needs_correction') {
      await contracts.requestCorrection(id, '请补充专利证书复印件及技术交易额的计算依据。', station);
      continue;
    }
    await contracts.accept(id, station);
    if (target === 'accepted') continue;
    await contracts.startReview(id, station);
    if (target === 'under_review') continue;
    if (target === 'rejected') {
      await contracts.reject(id, '合同标的为设备买卖，不属于技术合同范围。', station);
      continue;
    }
    const { contract } = await contracts.read(id, station);
    if (contract.expertRequired || target === 'expert_review') {
      const expert = experts.find((e) => e && e.affiliationOrgId !== contract.sellerOrgId && e.affiliationOrgId !== contract.buyerOrgId);
      if (!expert) continue;
      await contracts.assignExperts(id, [expert.id], station);
      if (target === 'expert_review') continue;
      await contracts.recordOpinion(id, { expertId: expert.id, conclusion: 'register', opinion: '技术内容真实，技术交易额计算合理，同意登记。' }, station);
    }
    await contracts.register(id, station);
  }
  say(`Loaded ${made} demo technology contracts (${dealIds.length} from agreed deals); demo-station reviews them.`);
}
