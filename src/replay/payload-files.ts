import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface PayloadFile {
  path: string;
  content: string;
}

const payloadExtensions = new Set(['.json', '.xml']);

/** Every .json / .xml file under the given files or folders, in a stable (sorted) order. */
export async function collectPayloadFiles(inputs: string[]): Promise<PayloadFile[]> {
  const paths: string[] = [];
  for (const input of inputs) await walk(path.resolve(input), paths);
  paths.sort();
  return Promise.all(paths.map(async (p) => ({ path: p, content: await readFile(p, 'utf8') })));
}

async function walk(target: string, into: string[]): Promise<void> {
  const info = await stat(target).catch(() => {
    throw new Error(`no such file or folder: ${target}`);
  });
  if (info.isFile()) {
    into.push(target);
    return;
  }
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) await walk(full, into);
    else if (payloadExtensions.has(path.extname(entry.name).toLowerCase())) into.push(full);
  }
}
