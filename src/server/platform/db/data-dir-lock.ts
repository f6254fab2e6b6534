/**
 * The embedded database admits one process: two PGlite instances writing one DATA_DIR corrupt it
 * silently. The first process creates DATA_DIR/kefutong.lock exclusively (O_EXCL) with its pid and
 * start time and removes it on exit; a second one finds it and stops with a message naming the
 * holder. A lock whose process is gone (a crash, kill -9) is stale and taken over. "Gone" compares
 * the kernel's start time of that pid too, where /proc has it, so a pid reused by some other program
 * after a crash does not keep the directory locked forever.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  startedAt: string;
  /** the process's start time in clock ticks since boot (/proc/<pid>/stat field 22), when known */
  procStart?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `DATA_DIR ${dataDir} 正被另一个科服通进程使用（pid ${holder.pid}，启动于 ${holder.startedAt}），本进程退出。请先停止该进程，或为本进程设置另一个 DATA_DIR。\n` +
        `DATA_DIR ${dataDir} is in use by another Kefutong process (pid ${holder.pid}, started ${holder.startedAt}); exiting. Stop that process first, or give this one another DATA_DIR.`,
    );
  }
}

const procStartOf = (pid: number): string | undefined => {
  try {
    // the command may hold spaces and parentheses: fields are counted after the last ')'
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
};

function alive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: it exists, under another user
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = procStartOf(holder.pid);
  return !(holder.procStart && now && now !== holder.procStart);
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

/**
 * Takes DATA_DIR for this process or throws DataDirLockedError. Returns the release, also run at
 * process exit; it removes the file only while it is still ours.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'kefutong.lock');
  const me: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), procStart: procStartOf(process.pid) };
  const text = JSON.stringify(me);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, text, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
    }
    const holder = readHolder(file);
    if (holder && holder.pid !== process.pid && alive(holder)) throw new DataDirLockedError(dataDir, holder);
    // stale: removed only if unchanged since read, so a process that just took it over keeps it
    const again = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (again !== null && (holder === null || again === JSON.stringify(holder))) fs.rmSync(file, { force: true });
  }
  const release = () => {
    try {
      if (fs.readFileSync(file, 'utf8') === text) fs.rmSync(file);
    } catch {
      // already gone
    }
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}
