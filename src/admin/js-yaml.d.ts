/**
 * The one function of js-yaml (no bundled types; it comes with Astro) that content-files.ts uses,
 * the same one Astro's loader calls for YAML entries. Kept narrow on purpose.
 */
declare module 'js-yaml' {
  /** Parses YAML 1.1 (dates become Date objects). Throws a YAMLException on bad YAML. */
  export function load(text: string): unknown;
}
