import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { EMBEDDED_LOCK_FILE } from '../../src/store/embedded-lock.js';

describe('the embedded database folder', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'salesbeat-lock-'));
    folders.push(dir);
    return dir;
  };

  it('refuses a second opener while the first is open, and opens again once it is closed', async () => {
    const dir = folder();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process \d+/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    writeFileSync(path.join(dir, EMBEDDED_LOCK_FILE), String(deadPid));
    const database = await openDatabase({ dataDir: dir });
    await database.close();
  });
});
