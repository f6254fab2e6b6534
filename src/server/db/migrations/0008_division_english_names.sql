-- Divisions' English names (Wanzhou District, Liangjiang New Area …) for the English pages, exports and
-- match reasons, which showed the Chinese name. Filled from the reference data at start
-- (reference/service.ts), also in databases seeded before this column existed.
ALTER TABLE divisions ADD COLUMN name_en text;
