/**
 * The clock the availability search reads: "now" in steps of AVAILABILITY_STEP_SECONDS, rounded the careful way
 * for each bound — the earliest bookable start (now + notice) from the end of the current step, the latest
 * bookable end (now + advance limit) from its start. Within one step the search answers the same, so its
 * answers can be cached for the step (routes.ts), and a cached answer never offers a time that a booking made
 * now would be refused for: at most it hides the few minutes at either edge until the next step.
 */
export const AVAILABILITY_STEP_SECONDS = 300;

export function availabilityClock(now = Date.now()): { earliest: Date; latest: Date } {
  const step = AVAILABILITY_STEP_SECONDS * 1000;
  // the step's end and start, so that every instant of one step (the response cache's time slot) answers alike
  const start = Math.floor(now / step) * step;
  return { earliest: new Date(start + step), latest: new Date(start) };
}
