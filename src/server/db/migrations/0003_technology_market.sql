-- Technology supply and demand: achievements (科技成果), demands (技术需求), experts (专家库), the
-- synonym list the search expands queries with, match feedback, and deals (技术交易 threads).
-- Search columns (search_document, *_folded, *_pinyin, key_terms) are written by the application's
-- text pipeline (fold + segment), like the directory's.

-- ------------------------------------------------------------------ reference data
-- Disciplines (学科门类) and industry fields (产业领域), editable by city admins.
CREATE TABLE tech_fields (
  code            text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('discipline','industry')),
  name            text NOT NULL,
  name_en         text NOT NULL,
  sort            int NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per group of words meaning the same thing (人工智能 = AI). Terms are stored folded.
CREATE TABLE synonym_groups (
  id              bigserial PRIMARY KEY,
  terms           text[] NOT NULL CHECK (cardinality(terms) >= 2),
  updated_by      bigint REFERENCES users(id),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- 学科门类 (the disciplines of the national degree catalogue) and Chongqing's industry fields (33618
-- modern manufacturing clusters and the service fields of document 003).
INSERT INTO tech_fields (code, kind, name, name_en, sort) VALUES
  ('philosophy', 'discipline', '哲学', 'Philosophy', 1),
  ('economics', 'discipline', '经济学', 'Economics', 2),
  ('law', 'discipline', '法学', 'Law', 3),
  ('education', 'discipline', '教育学', 'Education', 4),
  ('literature', 'discipline', '文学', 'Literature', 5),
  ('history', 'discipline', '历史学', 'History', 6),
  ('science', 'discipline', '理学', 'Natural sciences', 7),
  ('engineering', 'discipline', '工学', 'Engineering', 8),
  ('agriculture', 'discipline', '农学', 'Agriculture', 9),
  ('medicine', 'discipline', '医学', 'Medicine', 10),
  ('military', 'discipline', '军事学', 'Military science', 11),
  ('management', 'discipline', '管理学', 'Management', 12),
  ('arts', 'discipline', '艺术学', 'Arts', 13),
  ('interdisciplinary', 'discipline', '交叉学科', 'Interdisciplinary', 14),
  ('auto', 'industry', '智能网联新能源汽车', 'Intelligent connected and new-energy vehicles', 101),
  ('electronics', 'industry', '新一代电子信息', 'Electronics and information', 102),
  ('software', 'industry', '软件与信息服务', 'Software and information services', 103),
  ('equipment', 'industry', '智能装备与智能制造', 'Intelligent equipment and manufacturing', 104),
  ('materials', 'industry', '先进材料', 'Advanced materials', 105),
  ('biomed', 'industry', '生物医药与医疗器械', 'Biomedicine and medical devices', 106),
  ('energy', 'industry', '新能源与新型储能', 'New energy and storage', 107),
  ('agrifood', 'industry', '现代农业与食品', 'Agriculture and food', 108),
  ('environment', 'industry', '节能环保', 'Energy saving and environment', 109),
  ('construction', 'industry', '建筑与交通工程', 'Construction and transport engineering', 110),
  ('chemicals', 'industry', '绿色化工', 'Green chemicals', 111),
  ('consumer', 'industry', '现代消费品', 'Consumer goods', 112),
  ('services', 'industry', '现代服务业', 'Modern services', 113);

-- A starting synonym list; admins keep it (folded: simplified, lower case).
INSERT INTO synonym_groups (terms) VALUES
  ('{人工智能,ai}'), ('{新能源汽车,电动汽车,电动车}'), ('{锂电池,锂离子电池}'), ('{无人机,无人驾驶飞机}'),
  ('{物联网,iot}'), ('{大数据,big data}'), ('{机器学习,machine learning}'), ('{深度学习,deep learning}'),
  ('{神经网络,neural network}'), ('{5g,第五代移动通信}'), ('{芯片,集成电路}'), ('{三维打印,3d打印,增材制造}'),
  ('{自动驾驶,无人驾驶}'), ('{区块链,blockchain}'), ('{云计算,cloud computing}'), ('{机器人,robot}');

-- ------------------------------------------------------------------ experts
CREATE TABLE experts (
  id              bigserial PRIMARY KEY,
  user_id         bigint UNIQUE REFERENCES users(id),      -- the expert's own account, which alone gives consent
  name            text NOT NULL,
  title           text,                                     -- 职称
  affiliation_org_id bigint REFERENCES orgs(id),
  affiliation     text,
  fields          text[] NOT NULL DEFAULT '{}',             -- tech_fields codes
  keywords        text[] NOT NULL DEFAULT '{}',
  biography       text,
  consulting      boolean NOT NULL DEFAULT false,           -- available for consulting
  consulting_note text,
  tech_manager_grade text CHECK (tech_manager_grade IN ('junior','intermediate','senior')),
  commissioner    boolean NOT NULL DEFAULT false,           -- 科技特派员
  district_code   text REFERENCES divisions(code),
  phone           text,
  email           text,
  contact_consent boolean NOT NULL DEFAULT false,
  contact_consent_at timestamptz,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
  version         int NOT NULL DEFAULT 1,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  name_folded     text NOT NULL,
  name_pinyin     text NOT NULL,
  key_terms       text[] NOT NULL DEFAULT '{}',
  search_document tsvector NOT NULL
);
CREATE INDEX experts_search_idx ON experts USING gin (search_document);
CREATE INDEX experts_name_trgm_idx ON experts USING gin (name_folded gin_trgm_ops);
CREATE INDEX experts_pinyin_trgm_idx ON experts USING gin (name_pinyin gin_trgm_ops);
CREATE INDEX experts_fields_idx ON experts USING gin (fields);
CREATE INDEX experts_affiliation_idx ON experts (affiliation_org_id);

-- ------------------------------------------------------------------ achievements
CREATE TABLE achievements (
  id              bigserial PRIMARY KEY,
  owner_org_id    bigint NOT NULL REFERENCES orgs(id),
  title           text NOT NULL,
  abstract        text NOT NULL,
  keywords        text[] NOT NULL DEFAULT '{}',
  discipline_code text REFERENCES tech_fields(code),
  industry_code   text REFERENCES tech_fields(code),
  maturity        text NOT NULL CHECK (maturity IN ('research','small_pilot','pilot','industrial')),
  trl             int CHECK (trl BETWEEN 1 AND 9),
  ip              jsonb NOT NULL DEFAULT '[]',              -- [{type, number}]
  transfer_modes  text[] NOT NULL DEFAULT '{}',
  price_negotiable boolean NOT NULL DEFAULT true,          -- 面议
  price_min_fen   bigint CHECK (price_min_fen >= 0),
  price_max_fen   bigint CHECK (price_max_fen >= 0),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','published','closed')),
  review_note     text,
  published_at    timestamptz,
  closed_at       timestamptz,
  version         int NOT NULL DEFAULT 1,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  title_folded    text NOT NULL,
  title_pinyin    text NOT NULL,
  key_terms       text[] NOT NULL DEFAULT '{}',             -- distinct words of title, keywords, abstract (matching)
  search_document tsvector NOT NULL,
  CHECK (price_max_fen IS NULL OR price_min_fen IS NULL OR price_max_fen >= price_min_fen)
);
CREATE INDEX achievements_search_idx ON achievements USING gin (search_document);
CREATE INDEX achievements_title_trgm_idx ON achievements USING gin (title_folded gin_trgm_ops);
CREATE INDEX achievements_pinyin_trgm_idx ON achievements USING gin (title_pinyin gin_trgm_ops);
CREATE INDEX achievements_owner_idx ON achievements (owner_org_id);
CREATE INDEX achievements_published_idx ON achievements (published_at DESC, id DESC) WHERE status = 'published';

CREATE TABLE achievement_inventors (
  achievement_id  bigint NOT NULL REFERENCES achievements(id) ON DELETE CASCADE,
  expert_id       bigint NOT NULL REFERENCES experts(id),
  position        int NOT NULL DEFAULT 0,
  PRIMARY KEY (achievement_id, expert_id)
);
CREATE INDEX achievement_inventors_expert_idx ON achievement_inventors (expert_id);

CREATE TABLE achievement_attachments (
  id              bigserial PRIMARY KEY,
  achievement_id  bigint NOT NULL REFERENCES achievements(id) ON DELETE CASCADE,
  filename        text NOT NULL,
  content_type    text NOT NULL,
  size            int NOT NULL,
  content         bytea NOT NULL,
  uploaded_by     bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX achievement_attachments_idx ON achievement_attachments (achievement_id);

-- Document frequency of each word over published-or-not achievements: the weight of a demand's
-- words (a rare shared word says more than a common one). Kept by the trigger below, so it is
-- exact without a scan of the table at query time.
CREATE TABLE achievement_term_df (
  term            text PRIMARY KEY,
  df              int NOT NULL
);

CREATE FUNCTION achievement_term_df_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- one row per word and sign; sorted so that concurrent writers lock words in the same order
  WITH delta AS (
    SELECT t AS term, sum(s)::int AS d FROM (
      SELECT unnest(key_terms) AS t, 1 AS s FROM new_rows
      UNION ALL
      SELECT unnest(key_terms), -1 FROM old_rows
    ) x GROUP BY t HAVING sum(s) <> 0
  )
  INSERT INTO achievement_term_df AS a (term, df)
  SELECT term, d FROM delta ORDER BY term
  ON CONFLICT (term) DO UPDATE SET df = a.df + excluded.df;
  RETURN NULL;
END $$;

CREATE FUNCTION achievement_term_df_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the empty word counts the achievements themselves (N of the inverse document frequency)
  INSERT INTO achievement_term_df AS a (term, df)
  SELECT t, n FROM (
    SELECT t, count(*)::int AS n FROM new_rows, unnest(key_terms) t GROUP BY t
    UNION ALL SELECT '', count(*)::int FROM new_rows
  ) x ORDER BY t
  ON CONFLICT (term) DO UPDATE SET df = a.df + excluded.df;
  RETURN NULL;
END $$;

CREATE TRIGGER achievements_df_insert AFTER INSERT ON achievements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_term_df_insert();
CREATE TRIGGER achievements_df_update AFTER UPDATE ON achievements
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION achievement_term_df_apply();

-- ------------------------------------------------------------------ demands
CREATE TABLE demands (
  id              bigserial PRIMARY KEY,
  org_id          bigint NOT NULL REFERENCES orgs(id),
  title           text NOT NULL,
  description     text NOT NULL,
  industry_code   text REFERENCES tech_fields(code),
  discipline_code text REFERENCES tech_fields(code),
  maturity_needed text CHECK (maturity_needed IN ('research','small_pilot','pilot','industrial')),
  budget_negotiable boolean NOT NULL DEFAULT true,
  budget_fen      bigint CHECK (budget_fen >= 0),           -- the most the poster would pay
  deadline        date,
  cooperation_modes text[] NOT NULL DEFAULT '{}',
  district_code   text REFERENCES divisions(code),
  contact_name    text,
  contact_phone   text,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','published','closed')),
  review_note     text,
  published_at    timestamptz,
  closed_at       timestamptz,
  version         int NOT NULL DEFAULT 1,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  title_folded    text NOT NULL,
  title_pinyin    text NOT NULL,
  key_terms       text[] NOT NULL DEFAULT '{}',
  search_document tsvector NOT NULL
);
CREATE INDEX demands_search_idx ON demands USING gin (search_document);
CREATE INDEX demands_title_trgm_idx ON demands USING gin (title_folded gin_trgm_ops);
CREATE INDEX demands_pinyin_trgm_idx ON demands USING gin (title_pinyin gin_trgm_ops);
CREATE INDEX demands_org_idx ON demands (org_id);
CREATE INDEX demands_published_idx ON demands (published_at DESC, id DESC) WHERE status = 'published';

-- ------------------------------------------------------------------ matching feedback
-- The demand side's verdict on one result. One current verdict per result; history keeps the rest.
CREATE TABLE match_feedback (
  demand_id       bigint NOT NULL REFERENCES demands(id) ON DELETE CASCADE,
  target_kind     text NOT NULL CHECK (target_kind IN ('achievement','expert','provider','instrument')),
  target_id       bigint NOT NULL,
  verdict         text NOT NULL CHECK (verdict IN ('relevant','not_relevant','contacted')),
  terms           text[] NOT NULL DEFAULT '{}',            -- the words the demand shared with the result
  user_id         bigint REFERENCES users(id),
  at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (demand_id, target_kind, target_id)
);

-- A newly published achievement's matches already announced to a demand's side (once each).
CREATE TABLE match_alerts (
  demand_id       bigint NOT NULL REFERENCES demands(id) ON DELETE CASCADE,
  achievement_id  bigint NOT NULL REFERENCES achievements(id) ON DELETE CASCADE,
  score           real NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (demand_id, achievement_id)
);

-- ------------------------------------------------------------------ deals
CREATE TABLE deals (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('inquiry','offer')),  -- inquiry on an achievement, offer on a demand
  achievement_id  bigint REFERENCES achievements(id),
  demand_id       bigint REFERENCES demands(id),
  initiator_org_id bigint NOT NULL REFERENCES orgs(id),
  counterpart_org_id bigint NOT NULL REFERENCES orgs(id),
  status          text NOT NULL DEFAULT 'inquiry' CHECK (status IN ('inquiry','negotiating','agreed','withdrawn')),
  agreed_by_initiator boolean NOT NULL DEFAULT false,
  agreed_by_counterpart boolean NOT NULL DEFAULT false,
  withdrawn_reason text,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'inquiry') = (achievement_id IS NOT NULL)),
  CHECK ((kind = 'offer') = (demand_id IS NOT NULL)),
  CHECK (initiator_org_id <> counterpart_org_id)
);
CREATE INDEX deals_initiator_idx ON deals (initiator_org_id, id DESC);
CREATE INDEX deals_counterpart_idx ON deals (counterpart_org_id, id DESC);
-- one open thread per organization and subject: a second inquiry goes into the same conversation
CREATE UNIQUE INDEX deals_one_open_idx ON deals (initiator_org_id, coalesce(achievement_id, 0), coalesce(demand_id, 0)) WHERE status IN ('inquiry','negotiating');

CREATE TABLE deal_messages (
  id              bigserial PRIMARY KEY,
  deal_id         bigint NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  author_id       bigint REFERENCES users(id),
  author_org_id   bigint REFERENCES orgs(id),
  body            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deal_messages_deal_idx ON deal_messages (deal_id, id);

-- Notifications of this module link to a page instead of a booking.
ALTER TABLE notifications ADD COLUMN link text;
