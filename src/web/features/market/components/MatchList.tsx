/** Explainable match results: score, the parts it is made of, reasons, shared words, and (for the demand side) feedback. */
import { Button, Empty, Space, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hrefOf } from '../shared';
import type { Match, Verdict } from '../api';

const PARTS: string[] = ['terms', 'topic', 'semantic', 'field', 'maturity', 'availability', 'district', 'price', 'feedback'];
/** The parts a match's score is made of, in a fixed order (each kind has its own set). */
const partsOf = (m: Match) => {
  const keys = Object.keys(m.breakdown ?? {});
  return [...PARTS.filter((p) => keys.includes(p)), ...keys.filter((k) => !PARTS.includes(k))];
};
const VERDICTS: Verdict[] = ['relevant', 'not_relevant', 'contacted'];

const fmt = (n: number) => (Math.abs(n) >= 10 ? Math.round(n).toString() : (Math.round(n * 10) / 10).toString());

export function MatchList({
  items,
  onFeedback,
  busy,
  moved,
  testid,
}: {
  items: Match[];
  onFeedback?: (m: Match, verdict: Verdict | null) => void;
  busy?: string | null;
  moved?: Set<string>;
  testid?: string;
}) {
  const { t } = useTranslation();
  if (!items.length) return <Empty description={t('mk.match.none')} />;
  const scale = Math.max(1, ...items.flatMap((m) => Object.values(m.breakdown ?? {}).map((v) => Math.abs(Number(v ?? 0)))));
  return (
    <ol className="kft-list" style={{ listStyle: 'none', padding: 0 }} data-testid={testid ?? 'match-list'}>
      {items.map((m, i) => (
        <li key={`${m.kind}-${m.id}`}>
          <MatchCard match={m} rank={i + 1} scale={scale} onFeedback={onFeedback} busy={busy === `${m.kind}-${m.id}`} flash={moved?.has(`${m.kind}-${m.id}`)} />
        </li>
      ))}
    </ol>
  );
}

function MatchCard({
  match: m,
  rank,
  scale,
  onFeedback,
  busy,
  flash,
}: {
  match: Match;
  rank: number;
  scale: number;
  onFeedback?: (m: Match, v: Verdict | null) => void;
  busy?: boolean;
  flash?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <article
      className={`ant-card ant-card-bordered ant-card-small kft-match${flash ? ' kft-moved' : ''}`}
      data-testid="match"
      data-kind={m.kind}
      data-id={m.id}
      data-rank={rank}
      data-feedback={m.feedback ?? ''}
      aria-label={t('mk.match.rankLabel', { rank, title: m.title })}
    >
      <div className="ant-card-body" style={{ padding: 12 }}>
        <div className="kft-match-head">
          <span className="kft-match-rank" aria-hidden="true">
            {rank}
          </span>
          <div className="kft-match-main">
            <h3 style={{ margin: 0, fontSize: 15 }}>
              <Link to={hrefOf(m.kind, m.id)} data-testid="match-title">
                {m.title}
              </Link>
              {m.feedback && (
                <Tag
                  style={{ marginLeft: 8 }}
                  color={m.feedback === 'not_relevant' ? 'default' : m.feedback === 'contacted' ? 'purple' : 'green'}
                  data-testid="match-verdict"
                >
                  {t(`mk.verdict.${m.feedback}`)}
                </Tag>
              )}
            </h3>
            {m.subtitle && <div className="kft-meta">{m.subtitle}</div>}
          </div>
          <div className="kft-match-score" data-testid="match-score">
            <strong>{Math.round(m.score)}</strong>
            <span>{t('mk.match.score')}</span>
          </div>
        </div>
        <ul className="kft-breakdown" aria-label={t('mk.match.breakdown')} data-testid="match-breakdown">
          {partsOf(m).map((p) => {
            const v = Number(m.breakdown?.[p] ?? 0);
            return (
              <li key={p} data-part={p}>
                <span>{t(`mk.part.${p}`, { defaultValue: p })}</span>
                <Tooltip title={t(`mk.partHelp.${p}`, { defaultValue: '' })}>
                  <span className={`kft-bar${v < 0 ? ' kft-bar-neg' : ''}`} role="img" aria-label={`${t(`mk.part.${p}`, { defaultValue: p })} ${fmt(v)}`}>
                    <span style={{ width: `${Math.min(100, (Math.abs(v) / scale) * 100)}%` }} />
                  </span>
                </Tooltip>
                <span className="kft-bar-val">
                  {v > 0 ? '+' : ''}
                  {fmt(v)}
                </span>
              </li>
            );
          })}
        </ul>
        {m.reasons?.length > 0 && (
          <ul className="kft-reasons" data-testid="match-reasons">
            {m.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        {m.sharedTerms?.length > 0 && (
          <div className="kft-tags" data-testid="match-terms">
            <span className="kft-meta">
              {t('mk.match.sharedTerms')}
              {t('common.sep')}
            </span>
            {m.sharedTerms.map((w) => (
              <Tag key={w} color="geekblue">
                {w}
              </Tag>
            ))}
          </div>
        )}
        {onFeedback && (
          <Space className="kft-feedback" role="group" aria-label={t('mk.match.feedbackLabel', { title: m.title })}>
            {VERDICTS.map((v) => (
              <Button
                key={v}
                size="small"
                type={m.feedback === v ? 'primary' : 'default'}
                aria-pressed={m.feedback === v}
                loading={busy && false}
                disabled={busy}
                data-testid={`fb-${v}`}
                onClick={() => onFeedback(m, m.feedback === v ? null : v)}
              >
                {t(`mk.verdict.${v}`)}
              </Button>
            ))}
          </Space>
        )}
      </div>
    </article>
  );
}
