/** /achievements/new and /achievements/:id/edit. Prices are typed in 万元 and sent in fen. */
import { Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth } from '../../shell/context';
import MarketForm, { pathMapper } from './components/MarketForm';
import AchievementIpField from './components/AchievementIpField';
import AchievementTermsFields from './components/AchievementTermsFields';
import ExpertPicker from './components/ExpertPicker';
import { OrgPicker, fenToWan, useTechFields, wanToFen } from './shared';
import type { IpType, Maturity, TransferMode } from './api';
import { MATURITIES } from './vocabulary';

interface Values {
  ownerOrgId?: number;
  title: string;
  abstract: string;
  keywords: string[];
  disciplineCode?: string | null;
  industryCode?: string | null;
  maturity?: Maturity;
  trl?: number | null;
  ip: { type?: IpType; number?: string }[];
  transferModes: TransferMode[];
  priceNegotiable: boolean;
  priceMinWan?: number | null;
  priceMaxWan?: number | null;
  inventorIds: number[];
}

const fieldOf = pathMapper(
  [
    'ownerOrgId',
    'title',
    'abstract',
    'keywords',
    'disciplineCode',
    'industryCode',
    'maturity',
    'trl',
    'transferModes',
    'priceNegotiable',
    'priceMinWan',
    'priceMaxWan',
    'inventorIds',
  ],
  { ip: 'type' },
  { priceMinFen: 'priceMinWan', priceMaxFen: 'priceMaxWan', inventors: 'inventorIds' },
);

export default function AchievementFormPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const fields = useTechFields();
  const req = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];
  const col = { xs: 24, md: 12 };
  return (
    <MarketForm<'achievement', Values>
      kind="achievement"
      newTitle={t('mk.achievement.newTitle')}
      editTitle={(a) => t('mk.achievement.editTitle', { title: a.title ?? '' })}
      forbidden={t('mk.form.forbiddenAchievement')}
      savedText={t('mk.form.saved')}
      publishable
      canCreate={(u) => u.role === 'admin' || !!u.orgId}
      canEdit={(a, u) => u.role === 'admin' || u.orgId === a.ownerOrgId}
      initialValues={{ keywords: [], ip: [], transferModes: [], priceNegotiable: true, inventorIds: [] }}
      fieldOf={fieldOf}
      toValues={(a) => ({
        title: a.title,
        abstract: a.abstract,
        keywords: a.keywords,
        disciplineCode: a.disciplineCode,
        industryCode: a.industryCode,
        maturity: a.maturity,
        trl: a.trl,
        ip: a.ip,
        transferModes: a.transferModes,
        priceNegotiable: a.priceNegotiable,
        priceMinWan: fenToWan(a.priceMinFen),
        priceMaxWan: fenToWan(a.priceMaxFen),
        inventorIds: a.inventors.map((i) => i.id),
      })}
      toBody={(v, item) => {
        const body: Record<string, unknown> = {
          title: (v.title ?? '').trim(),
          abstract: (v.abstract ?? '').trim(),
          keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
          disciplineCode: v.disciplineCode || null,
          industryCode: v.industryCode || null,
          maturity: v.maturity ?? null,
          trl: v.trl ?? null,
          ip: (v.ip ?? []).filter((p) => p && (p.type || p.number)).map((p) => ({ type: p.type, number: (p.number ?? '').trim() })),
          transferModes: v.transferModes ?? [],
          priceNegotiable: !!v.priceNegotiable,
          priceMinFen: wanToFen(v.priceMinWan),
          priceMaxFen: wanToFen(v.priceMaxWan),
          inventorIds: v.inventorIds ?? [],
        };
        if (!item && v.ownerOrgId) body.ownerOrgId = v.ownerOrgId;
        return body;
      }}
    >
      {(_form, item) => (
        <>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.form.basic')}</h2>} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              {user?.role === 'admin' && !item && (
                <Col xs={24}>
                  <Form.Item name="ownerOrgId" label={t('mk.achievement.owner')} rules={req(t('mk.achievement.owner'))}>
                    <OrgPicker placeholder={t('common.ownerSearch')} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24}>
                <Form.Item name="title" label={t('mk.achievement.title')} rules={req(t('mk.achievement.title'))}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item
                  name="abstract"
                  label={t('mk.achievement.abstract')}
                  rules={req(t('mk.achievement.abstract'))}
                  extra={t('mk.achievement.abstractHelp')}
                >
                  <Input.TextArea rows={6} maxLength={5000} showCount />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="keywords" label={t('mk.keywords')} extra={t('mk.form.tagsHelp')}>
                  <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="disciplineCode" label={t('mk.discipline')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={fields.disciplines} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="industryCode" label={t('mk.industry')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={fields.industries} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="maturity" label={t('mk.achievement.maturity')} rules={req(t('mk.achievement.maturity'))}>
                  <Select options={MATURITIES.map((m) => ({ value: m, label: t(`mk.maturity.${m}`) }))} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="trl" label={t('mk.achievement.trl')} extra={t('mk.achievement.trlHelp')}>
                  <Select allowClear options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: t('mk.trlLong', { n, x: t(`mk.trl.${n}`) }) }))} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="inventorIds" label={t('mk.achievement.inventors')} extra={t('mk.achievement.inventorsHelp')}>
                  <ExpertPicker initial={item?.inventors ?? []} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <AchievementIpField />
          <AchievementTermsFields />
        </>
      )}
    </MarketForm>
  );
}
