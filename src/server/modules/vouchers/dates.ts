/** Days in Beijing time: a voucher is valid through its last day there, whatever the server's zone. */
const SHANGHAI_MS = 8 * 3600_000;

export const beijingToday = (now = Date.now()): string => new Date(now + SHANGHAI_MS).toISOString().slice(0, 10);
export const beijingYear = (now = Date.now()): number => Number(beijingToday(now).slice(0, 4));

/** The last valid day of a voucher issued today for n months: the day before the same date n months on. */
export function validUntilFor(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  // 31 January + 1 month lands in March: take the month's last day instead
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
