/** The tables the surveys module owns: no other module's SQL names them (npm run check:boundaries). */
export const SURVEYS_TABLES = ['survey_forms', 'survey_rounds', 'survey_filings', 'survey_reminders', 'survey_chases'] as const;
