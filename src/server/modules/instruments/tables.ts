/** The tables the instruments module owns: no other module's SQL names them (npm run check:boundaries). */
export const INSTRUMENT_TABLES = [
  'instrument_classes',
  'instruments',
  'instrument_weekly_hours',
  'instrument_exceptions',
  'instrument_qualifications',
  'instrument_photos',
  'bookings',
  'calendar_feeds',
  'instrument_usage_months',
  'instrument_usage_years',
  'instrument_usage_outside',
  'instrument_usage_outside_years',
] as const;
