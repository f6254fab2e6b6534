/** The weekly opening template: for each weekday (Monday first) a list of "from–to" intervals. */
import { Button, Space, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WeeklyHours } from '../api';

interface Props {
  value?: WeeklyHours;
  onChange?: (v: WeeklyHours) => void;
  id?: string;
}

export const EMPTY_WEEK: WeeklyHours = [[], [], [], [], [], [], []];
/** Monday (0) to Sunday (6): a day's number is the day */
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

export default function OpeningHoursEditor({ value = EMPTY_WEEK, onChange, id }: Props) {
  const { t } = useTranslation();
  const week = WEEKDAYS.map((d) => value[d] ?? []);
  const set = (d: number, day: [string, string][]) => onChange?.(week.map((x, i) => (i === d ? day : x)));
  return (
    <fieldset className="kft-fieldset kft-week-editor" id={id} aria-label={t('inst.openingHours')}>
      {WEEKDAYS.map((d) => {
        const day = week[d];
        return (
          <div key={d} className="kft-week-row" data-testid={`hours-day-${d}`}>
            <span className="kft-hours-day">{t(`cal.weekdays.${d}`)}</span>
            <Space wrap size={[8, 6]} className="kft-grow">
              {day.length === 0 && <span className="kft-meta">{t('inst.closedDay')}</span>}
              {day.map(([a, b], i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an interval has no identity but its place in the day; a key made of its times would remount the time input being typed in at every keystroke
                <Space.Compact key={i}>
                  <Input
                    type="time"
                    step={900}
                    value={a}
                    aria-label={t('instForm.hoursFrom', { day: t(`cal.weekdays.${d}`), n: i + 1 })}
                    className="kft-time"
                    onChange={(e) =>
                      set(
                        d,
                        day.map((x, j) => (j === i ? [e.target.value, x[1]] : x)),
                      )
                    }
                  />
                  <Input
                    type="time"
                    step={900}
                    value={b === '24:00' ? '23:59' : b}
                    aria-label={t('instForm.hoursTo', { day: t(`cal.weekdays.${d}`), n: i + 1 })}
                    className="kft-time"
                    onChange={(e) =>
                      set(
                        d,
                        day.map((x, j) => (j === i ? [x[0], e.target.value === '23:59' ? '24:00' : e.target.value] : x)),
                      )
                    }
                  />
                  <Button
                    aria-label={t('instForm.removeInterval', { day: t(`cal.weekdays.${d}`), n: i + 1 })}
                    onClick={() =>
                      set(
                        d,
                        day.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </Button>
                </Space.Compact>
              ))}
              <Button
                size="small"
                type="dashed"
                disabled={day.length >= 6}
                onClick={() =>
                  set(d, [...day, day.length ? [day[day.length - 1][1] < '23:00' ? day[day.length - 1][1] : '09:00', '18:00'] : ['09:00', '18:00']])
                }
                aria-label={t('instForm.addIntervalTo', { day: t(`cal.weekdays.${d}`) })}
              >
                + {t('instForm.addInterval')}
              </Button>
            </Space>
          </div>
        );
      })}
      <Space wrap style={{ marginTop: 6 }}>
        <Button size="small" onClick={() => onChange?.(week.map((x, i) => (i >= 1 && i <= 4 ? week[0].map((p) => [...p] as [string, string]) : x)))}>
          {t('instForm.copyMonday')}
        </Button>
        <Button size="small" onClick={() => onChange?.(EMPTY_WEEK.map(() => [['00:00', '24:00'] as [string, string]]))}>
          {t('instForm.allDay')}
        </Button>
      </Space>
      <p className="kft-meta" style={{ margin: '4px 0 0' }}>
        {t('instForm.hoursHint')}
      </p>
    </fieldset>
  );
}
