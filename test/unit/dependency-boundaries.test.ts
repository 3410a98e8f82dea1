/** Dependencies point inward: core imports nothing outside core; adapters never reach the store or HTTP. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (entry.endsWith('.ts')) out.push(full);
  }
  return out;
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.relative(root, path.resolve(path.dirname(file), s)));
}

describe('dependency boundaries', () => {
  it('src/core imports only from src/core', () => {
    const offenders = sourceFiles(path.join(root, 'src/core')).flatMap((file) =>
      relativeImports(file)
        .filter((target) => !target.startsWith('src/core/'))
        .map((target) => `${path.relative(root, file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('adapters never import the store, the HTTP layer or capture', () => {
    const offenders = sourceFiles(path.join(root, 'adapters')).flatMap((file) =>
      relativeImports(file)
        .filter((target) => /^src\/(store|http|capture|inbound|outbound|jobs)\//.test(target))
        .map((target) => `${path.relative(root, file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('cards are built from the core card model only', () => {
    const offenders = sourceFiles(path.join(root, 'cards')).flatMap((file) =>
      relativeImports(file)
        .filter((target) => !target.startsWith('src/core/') && !target.startsWith('cards/'))
        .map((target) => `${path.relative(root, file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
