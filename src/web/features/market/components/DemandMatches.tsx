/**
 * A demand's matches (achievements, experts, service organizations, instruments), one tab a kind, for members of its
 * organization, who mark results 相关 / 不相关 / 已联系; the list comes back re-ranked and a note says where the result went.
 */
import { useCallback, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Spin, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { MatchList } from './MatchList';
import { demandMatchesQuery, sendFeedback, type Demand, type DemandMatches as Matches, type Match, type MatchKind, type Verdict } from '../api';
import { MATCH_KINDS } from '../vocabulary';

/** Where each kind's matches are in the answer */
const PLURAL: Record<MatchKind, Exclude<keyof Matches, 'terms'>> = {
  achievement: 'achievements',
  expert: 'experts',
  provider: 'providers',
  instrument: 'instruments',
};

export default function DemandMatches({ demand, member }: { demand: Demand; member: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const tab = MATCH_KINDS.find((k) => k === sp.get('tab')) ?? 'achievement';
  const qc = useQueryClient();
  const matchesQuery = demandMatchesQuery(demand.id);
  const { data, error } = useQuery(matchesQuery);
  const [moved, setMoved] = useState<Set<string>>(new Set());
  const [note, setNote] = useState<string | null>(null);

  // the answer is the re-ranked matches of that kind; the note says where the marked result went
  const mark = useMutation({
    mutationFn: async ({ kind, m, verdict }: { kind: MatchKind; m: Match; verdict: Verdict | null }) =>
      (await sendFeedback({ demandId: demand.id, kind, targetId: m.id, verdict })).items,
    // the ranking before the mark
    onMutate: () => qc.getQueryData(matchesQuery.queryKey),
    onSuccess: (list, { kind, m, verdict }, prev) => {
      const key = `${m.kind}-${m.id}`;
      if (prev) {
        const before = prev[PLURAL[kind]].map((x) => `${x.kind}-${x.id}`);
        const after = list.map((x) => `${x.kind}-${x.id}`);
        setMoved(new Set(after.filter((k, i) => before.indexOf(k) !== i)));
        const oldRank = before.indexOf(key) + 1;
        const newRank = after.indexOf(key) + 1;
        const verdictText = verdict ? t(`mk.verdict.${verdict}`) : t('mk.match.withdrawn');
        const change =
          newRank === 0
            ? t('mk.match.gone')
            : newRank > oldRank
              ? t('mk.match.movedDown', { from: oldRank, to: newRank })
              : newRank < oldRank
                ? t('mk.match.movedUp', { from: oldRank, to: newRank })
                : t('mk.match.stayed', { rank: newRank });
        setNote(t('mk.match.recorded', { title: m.title, verdict: verdictText, change }));
        qc.setQueryData(matchesQuery.queryKey, { ...prev, [PLURAL[kind]]: list });
      }
      message.success(verdict ? t('mk.match.feedbackSaved') : t('mk.match.feedbackWithdrawn'));
    },
    onError: (e) => message.error(e.message),
  });
  const busy = mark.isPending ? `${mark.variables.m.kind}-${mark.variables.m.id}` : null;
  // a match of a tab is of the tab's kind
  const feedback = useCallback((kind: MatchKind) => (m: Match, verdict: Verdict | null) => mark.mutate({ kind, m, verdict }), [mark]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!data)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  const canFeedback = member && demand.status !== 'closed';
  return (
    <>
      {data.terms?.length > 0 && (
        <div className="kft-tags" style={{ marginBottom: 8 }} data-testid="demand-terms">
          <span className="kft-meta">
            {t('mk.match.demandTerms')}
            {t('common.sep')}
          </span>
          {[...data.terms]
            .sort((a, b) => b.weight - a.weight)
            .slice(0, 16)
            .map((w) => (
              <Tag key={w.term} title={`${w.weight}`}>
                {w.term}
              </Tag>
            ))}
        </div>
      )}
      <p className="kft-meta" style={{ margin: '0 0 8px' }}>
        {t('mk.match.help')}
      </p>
      <div aria-live="polite" className="kft-meta" data-testid="feedback-note" style={{ minHeight: 20, marginBottom: 4 }}>
        {note}
      </div>
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) =>
          setSp(
            (p) => {
              const n = new URLSearchParams(p);
              n.set('tab', k);
              return n;
            },
            { replace: true },
          )
        }
        items={MATCH_KINDS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`match-tab-${k}`}>
              {t(`mk.matchKind.${k}`)}
              <span className="kft-tab-count">{data[PLURAL[k]]?.length ?? 0}</span>
            </span>
          ),
          children: (
            <MatchList items={data[PLURAL[k]] ?? []} onFeedback={canFeedback ? feedback(k) : undefined} busy={busy} moved={moved} testid={`matches-${k}`} />
          ),
        }))}
      />
    </>
  );
}
