/** A user-facing text in both languages salesbeat speaks: zh-CN first, then English. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One message carrying both languages, Chinese first, for platforms where a reply has one text field. */
export function bothLanguages(text: Bilingual): string {
  return `${text.zh}\n${text.en}`;
}

/** Joins lines of bilingual text language by language. */
export function joinLines(lines: Bilingual[]): Bilingual {
  return { zh: lines.map((l) => l.zh).join('\n'), en: lines.map((l) => l.en).join('\n') };
}
