/** /achievements/new and /achievements/:id/edit. Prices are typed in 万元 and sent in fen. */
import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth } from '../../shell/context';
import MarketForm, { pathMapper } from './components/MarketForm';
import { OrgPicker, fenToWan, useTechFields, wanToFen } from './shared';
import { expertOptionsQuery, type IpType, type Maturity, type TransferMode } from './api';
import { IP_TYPES, MATURITIES, TRANSFER_MODES } from './vocabulary';

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

/** Experts to name as inventors (searched by name). */
function ExpertPicker({
  value,
  onChange,
  id,
  initial,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
  initial: { id: number; name: string }[];
}) {
  const [q, setQ] = useState('');
  const { data: experts = [] } = useQuery(expertOptionsQuery(q));
  // the chosen experts keep the label they were first shown with, whatever the search finds now
  const labels = useRef(new Map(initial.map((x) => [x.id, x.name])));
  const found = experts.map((e) => ({ value: e.id, label: [e.name, e.affiliation].filter(Boolean).join(' · ') }));
  for (const o of found) if (!labels.current.has(o.value)) labels.current.set(o.value, o.label);
  const keep = (value ?? []).filter((v) => labels.current.has(v)).map((v) => ({ value: v, label: labels.current.get(v)! }));
  const options = [...keep, ...found.filter((f) => !keep.some((k) => k.value === f.value))];
  return <Select id={id} mode="multiple" showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} options={options} />;
}

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
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.achievement.ip')}</h2>} style={{ marginBottom: 12 }}>
            <Form.List name="ip">
              {(list, { add, remove }) => (
                <>
                  {list.map((f, i) => (
                    <Row gutter={8} key={f.key} align="bottom" data-testid="ip-row">
                      <Col xs={24} sm={9}>
                        <Form.Item name={[f.name, 'type']} label={t('mk.achievement.ipType')} rules={req(t('mk.achievement.ipType'))}>
                          <Select
                            aria-label={t('mk.achievement.ipTypeN', { n: i + 1 })}
                            options={IP_TYPES.map((x) => ({ value: x, label: t(`mk.ipType.${x}`) }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={17} sm={11}>
                        <Form.Item name={[f.name, 'number']} label={t('mk.achievement.ipNumber')} rules={req(t('mk.achievement.ipNumber'))}>
                          <Input placeholder="ZL 2023 1 0123456.7" />
                        </Form.Item>
                      </Col>
                      <Col xs={7} sm={4}>
                        <Form.Item>
                          <Button danger onClick={() => remove(f.name)}>
                            {t('common.remove')}
                          </Button>
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" onClick={() => add({ type: 'invention', number: '' })} data-testid="add-ip">
                    + {t('mk.achievement.addIp')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.achievement.terms')}</h2>} style={{ marginBottom: 12 }}>
            <Form.Item
              name="transferModes"
              label={t('mk.achievement.transferModes')}
              rules={[{ type: 'array', required: true, min: 1, message: t('mk.form.transferModeRequired') }]}
            >
              <Checkbox.Group options={TRANSFER_MODES.map((m) => ({ value: m, label: t(`mk.mode.${m}`) }))} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="priceNegotiable" valuePropName="checked" label={t('mk.achievement.price')}>
                  <Checkbox>{t('mk.form.negotiable')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                {/* a fixed price (not 面议) needs the lowest or the highest price, as the server requires */}
                <Form.Item noStyle dependencies={['priceNegotiable', 'priceMaxWan']}>
                  {({ getFieldValue }) => (
                    <Form.Item
                      name="priceMinWan"
                      label={t('mk.form.priceMinWan')}
                      rules={[{ required: !getFieldValue('priceNegotiable') && getFieldValue('priceMaxWan') == null, message: t('mk.form.priceRequired') }]}
                    >
                      <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('mk.wan')} />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="priceMaxWan" label={t('mk.form.priceMaxWan')}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('mk.wan')} />
                </Form.Item>
              </Col>
            </Row>
            <p className="kft-meta" style={{ margin: 0 }}>
              {t('mk.form.priceHelp')}
            </p>
          </Card>
        </>
      )}
    </MarketForm>
  );
}
