/** The search page's results: a listed kind's card (achievement, demand, expert) and /search's card for the rest. */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../shell/context';
import { useClasses } from '../../instruments/shared';
import type { ListItem, SearchHit, SearchKind } from '../api';
import { Highlight, StatusTag, hrefOf, type useMoney } from '../shared';

export function ListCard({
  kind,
  item,
  label,
  money,
}: {
  kind: SearchKind;
  item: ListItem;
  label: (k: string, c: string) => string;
  money: ReturnType<typeof useMoney>;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const hl = item.highlight;
  let title: string;
  let snippet: string | null;
  let tags: ReactNode;
  let sub: ReactNode = null;
  // the item's own fields say which kind it is
  if ('abstract' in item) {
    const a = item;
    title = a.title;
    snippet = a.abstract;
    sub = (
      <Link to={`/orgs/${a.ownerOrgId}`} className="kft-meta-link">
        {a.ownerName}
      </Link>
    );
    tags = (
      <>
        <Tag color="blue">
          {t(`mk.maturity.${a.maturity}`)}
          {a.trl ? ` · TRL ${a.trl}` : ''}
        </Tag>
        {a.industryCode && <Tag>{label('industry', a.industryCode)}</Tag>}
        {a.disciplineCode && <Tag>{label('discipline', a.disciplineCode)}</Tag>}
        <span className="kft-price" data-testid="result-price">
          {money.range(a.priceNegotiable, a.priceMinFen, a.priceMaxFen)}
        </span>
      </>
    );
  } else if ('orgName' in item) {
    const d = item;
    title = d.title;
    snippet = d.description;
    sub = <span>{d.orgName}</span>;
    tags = (
      <>
        {d.industryCode && <Tag color="blue">{label('industry', d.industryCode)}</Tag>}
        {d.maturityNeeded && <Tag>{t('mk.demand.maturityNeededTag', { x: t(`mk.maturity.${d.maturityNeeded}`) })}</Tag>}
        {d.districtCode && <Tag>{names.district(d.districtCode)}</Tag>}
        {d.deadline && <Tag>{t('mk.demand.deadlineTag', { date: d.deadline })}</Tag>}
        <span className="kft-price">
          {t('mk.demand.budget')}
          {t('common.sep')}
          {d.budgetFen !== null && d.budgetFen !== undefined ? money.range(d.budgetNegotiable, null, d.budgetFen) : t('mk.negotiable')}
        </span>
      </>
    );
  } else {
    const e = item;
    title = e.name;
    snippet = e.biography;
    sub = <span>{[e.title, e.affiliation].filter(Boolean).join(' · ')}</span>;
    tags = (
      <>
        {e.fields.map((f) => (
          <Tag key={f} color="blue">
            {label('field', f)}
          </Tag>
        ))}
        {e.consulting && <Tag color="green">{t('mk.expert.consulting')}</Tag>}
        {e.commissioner && <Tag color="purple">{t('mk.expert.commissioner')}</Tag>}
        {e.techManagerGrade && (
          <Tag color="cyan">
            {t(`mk.grade.${e.techManagerGrade}`)}
            {t('mk.expert.techManagerShort')}
          </Tag>
        )}
      </>
    );
  }
  const status = item.status;
  return (
    <Card size="small" className="kft-result" data-testid="result-card" data-kind={kind} data-id={item.id}>
      <h3 style={{ margin: '0 0 4px' }}>
        <Link to={hrefOf(kind, item.id)} className="kft-result-name" data-testid="result-title">
          <Highlight segments={hl?.title} fallback={title} />
        </Link>
        {status !== 'published' && status !== 'active' && (
          <>
            {' '}
            <StatusTag status={status} />
          </>
        )}
      </h3>
      {sub && (
        <div className="kft-meta" style={{ marginBottom: 4 }}>
          {sub}
        </div>
      )}
      {(hl?.snippet?.length || snippet) && (
        <p className="kft-snippet" data-testid="result-snippet">
          {hl?.snippet?.length ? <Highlight segments={hl.snippet} /> : snippet}
        </p>
      )}
      <div className="kft-tags kft-result-tags">{tags}</div>
    </Card>
  );
}

/** Short facts of a /search result, from its `meta`: class, model, owner, district, types and categories. */
function useFacts(item: SearchHit) {
  const names = useNames();
  const classes = useClasses();
  const district = (code: string | null) => (code ? [names.district(code)] : []);
  switch (item.kind) {
    case 'instrument': {
      const m = item.meta;
      return { facts: [classes.name(m.classCode), ...(m.model ? [m.model] : []), m.owner, ...district(m.districtCode)], cats: [] };
    }
    case 'org': {
      const m = item.meta;
      return { facts: district(m.districtCode), cats: [...m.kinds.map((c) => names.kind(c)), ...m.categories.map((c) => names.category(c))] };
    }
    case 'achievement':
      return { facts: [item.meta.owner], cats: [] };
    case 'demand':
      return { facts: [item.meta.org], cats: [] };
    case 'expert':
      return { facts: [item.meta.title, item.meta.affiliation].filter((x): x is string => !!x), cats: [] };
  }
}

/** An organization or instrument result of /search: title, snippet and the short facts its `meta` carries. */
export function SearchCard({ item }: { item: SearchHit }) {
  const { t } = useTranslation();
  const { facts, cats } = useFacts(item);
  return (
    <Card size="small" className="kft-result" data-testid="result-card" data-kind={item.kind} data-id={item.id}>
      <h3 style={{ margin: '0 0 4px' }}>
        <Link to={hrefOf(item.kind, item.id)} className="kft-result-name" data-testid="result-title">
          <Highlight segments={item.title} />
        </Link>
      </h3>
      {item.snippet.length > 0 && (
        <p className="kft-snippet" data-testid="result-snippet">
          <Highlight segments={item.snippet} />
        </p>
      )}
      <div className="kft-tags kft-result-tags">
        <Tag>{t(`mk.kindOne.${item.kind}`)}</Tag>
        {cats.map((c) => (
          <Tag key={c} color="blue">
            {c}
          </Tag>
        ))}
        {facts.length > 0 && <span className="kft-meta">{facts.join(' · ')}</span>}
      </div>
    </Card>
  );
}
