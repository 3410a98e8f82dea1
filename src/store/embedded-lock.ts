import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export const EMBEDDED_LOCK_FILE = 'salesbeat.lock';

export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid}; stop that process first, ` +
        `or set DATABASE_URL to share one Postgres between several processes (嵌入式数据库正被进程 ${pid} 使用)`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database (PGlite) is one process's private file store: a second process opening it sees a
 * different state and corrupts it on close. A pid lock file makes the second opener fail with a clear message;
 * a lock left by a dead process is taken over.
 */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const file = path.join(dataDir, EMBEDDED_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new EmbeddedDatabaseInUseError(dataDir, holder);
      }
      if (holder === process.pid) throw new EmbeddedDatabaseInUseError(dataDir, holder);
      unlinkSync(file); // left behind by a process that died: take it over
    }
  }
  throw new Error(`could not lock the embedded database in ${dataDir}`);
}
