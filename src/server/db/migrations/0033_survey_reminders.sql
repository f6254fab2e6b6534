-- Survey reminders (issue 14 item 3): what was sent, so that each organization of a round is reminded exactly once
-- per reminder point — N days before the deadline ('before') and on the deadline day ('due') — across restarts
-- and across processes (the primary key decides; a second process's insert does nothing).
CREATE TABLE survey_reminders (
  round_id   bigint NOT NULL REFERENCES survey_rounds(id),
  org_id     bigint NOT NULL REFERENCES orgs(id),
  point      text NOT NULL CHECK (point IN ('before', 'due')),
  sent_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, org_id, point)
);

-- 催报: an office's reminder to its late list after the deadline, at most once a day per round and office scope
-- (a district office chases its district, the city every district: scope '*').
CREATE TABLE survey_chases (
  round_id   bigint NOT NULL REFERENCES survey_rounds(id),
  scope      text NOT NULL,
  day        date NOT NULL,
  by_user    bigint NOT NULL REFERENCES users(id),
  orgs       int NOT NULL,
  recipients int NOT NULL,
  sent_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, scope, day)
);
