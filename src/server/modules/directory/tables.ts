/** The tables the directory module owns: no other module's SQL names them (npm run check:boundaries). */
export const DIRECTORY_TABLES = ['orgs', 'org_recognitions', 'org_imports', 'publications', 'publication_rows', 'org_relations'] as const;
