-- The process running an import: the number of its lease (platform/db/process-lease.ts), a session
-- advisory lock it holds while it lives. At start, a job still 'running' whose owner holds no lease
-- was left by a process that died, and is marked failed; a job of a live process is left alone.
-- Jobs from before this column have no owner and, if still running, are abandoned too.
ALTER TABLE org_imports ADD COLUMN owner_lease int;
CREATE INDEX org_imports_running ON org_imports (owner_lease) WHERE status = 'running';
