import { currentLanguage } from '../../i18n/languages.ts';

/**
 * Builds a schema once per distinct set of arguments and hands back the same one afterwards.
 * zod 4 compiles an object schema's parser the first time it is used; building schemas afresh
 * for every submission paid that cost each time (a fifth of a request's CPU under load). The
 * arguments are few and small (today's date, a flag, message keys), so the cache stays tiny; it
 * is cleared if it ever grows past `limit`, as it would over many days in a long-lived process.
 */
export function memoize<Args extends readonly (string | number | boolean | undefined)[], Result>(
  build: (...args: Args) => Result,
  limit = 64,
): (...args: Args) => Result {
  const cache = new Map<string, Result>();
  return (...args: Args): Result => {
    // Messages are built into the schema, so a Polish page and an English one each need their own.
    const key = [currentLanguage(), ...args].map(String).join('\u0000');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (cache.size >= limit) cache.clear();
    const built = build(...args);
    cache.set(key, built);
    return built;
  };
}
