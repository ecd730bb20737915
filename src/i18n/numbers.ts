import { currentLanguage, intlLocale, type Language } from './languages.ts';

/**
 * Numbers as each language writes them: "1,230" in English, "1230" and "12 300" in Polish (a
 * space groups thousands from five digits). Each formatter is made once: making one loads its
 * locale's data.
 */
const formats = new Map<string, Intl.NumberFormat>();

function formatter(lang: Language, style: 'decimal' | 'percent'): Intl.NumberFormat {
  const key = `${lang}:${style}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(intlLocale(lang), { style, maximumFractionDigits: 0 });
    formats.set(key, format);
  }
  return format;
}

/** A whole number in the language's way: `formatNumber(1230, 'en')` → "1,230". */
export function formatNumber(value: number, lang: Language = currentLanguage()): string {
  return formatter(lang, 'decimal').format(value);
}

/** A whole percentage (45 for 45 %) in the language's way: "45%" in English and Polish. */
export function formatPercent(value: number, lang: Language = currentLanguage()): string {
  return formatter(lang, 'percent').format(value / 100);
}
