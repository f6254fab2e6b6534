-- 服务目录: the services providers publish (issue 11, point 1). Owned by the services module.
-- Money in fen; the price columns a pricing mode needs are required by the checks below, the others null.
-- Search columns (search_document, title_folded, title_pinyin) are written by the application through the
-- platform's Chinese text pipeline (fold: traditional = simplified; segment), as for instruments.
CREATE TABLE services (
  id               bigserial PRIMARY KEY,
  provider_org_id  bigint NOT NULL REFERENCES orgs(id),
  title            text NOT NULL,
  category_code    text NOT NULL,
  subcategory      text,
  description      text,
  deliverables     text,
  pricing_mode     text NOT NULL CHECK (pricing_mode IN ('fixed','range','quote')),
  price_fen        bigint CHECK (price_fen >= 0),
  price_min_fen    bigint CHECK (price_min_fen >= 0),
  price_max_fen    bigint CHECK (price_max_fen >= 0),
  turnaround_days  int CHECK (turnaround_days > 0),
  qualifications   jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(qualifications) = 'array'),
  district_code    text,
  restricted_kind  text CHECK (restricted_kind IN ('statutory_inspection','commercial_inspection','mandatory_testing','batch_testing')),
  status           text NOT NULL DEFAULT 'published' CHECK (status IN ('published','withdrawn')),
  version          int NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  title_folded     text NOT NULL,
  title_pinyin     text NOT NULL,
  search_document  tsvector NOT NULL,
  CONSTRAINT services_price_by_mode CHECK (
    (pricing_mode = 'fixed' AND price_fen IS NOT NULL AND price_min_fen IS NULL AND price_max_fen IS NULL)
    OR (pricing_mode = 'range' AND price_fen IS NULL AND price_min_fen IS NOT NULL AND price_max_fen IS NOT NULL AND price_max_fen >= price_min_fen)
    OR (pricing_mode = 'quote' AND price_fen IS NULL AND price_min_fen IS NULL AND price_max_fen IS NULL)
  )
);
CREATE INDEX services_search_document_idx ON services USING gin (search_document);
CREATE INDEX services_title_folded_trgm_idx ON services USING gin (title_folded gin_trgm_ops);
CREATE INDEX services_title_pinyin_trgm_idx ON services USING gin (title_pinyin gin_trgm_ops);
CREATE INDEX services_provider_idx ON services (provider_org_id, status);
CREATE INDEX services_published_idx ON services (category_code, district_code) WHERE status = 'published';
CREATE INDEX services_published_updated_idx ON services (updated_at DESC, id DESC) WHERE status = 'published';
