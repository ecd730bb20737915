import lunr from 'lunr';
import polish from 'lunr-languages/lunr.pl.js';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import type { Language } from '../i18n/languages.ts';

/**
 * How each language's search index splits, trims and stems words (docs/languages.md, "Search").
 * lunr's own pipeline is English: its trimmer drops every character outside A–Z and 0–9, so it
 * would erase Urdu words and the Polish letters ą, ę, ł, ó, ś, ź, ż; its stemmer and stop words are English.
 * - Polish: lunr-languages' Polish support (a Snowball stemmer and Polish stop words).
 * - Urdu: lunr-languages has none. Words are trimmed of punctuation by Unicode letter classes and the
 *   Arabic forms of letters that Urdu writes differently are mapped to the Urdu ones, with no stemming
 *   and no stop words: a search finds the word as written, never a wrong stem.
 * The same set-up runs when the index is built and when the browser loads it: lunr refuses an
 * index whose pipeline names functions it has not registered.
 */

/** Strips what is not a letter or digit from either end, in any script. */
const unicodeTrimmer: lunr.PipelineFunction = (token) =>
  token.update((text) => text.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, ''));

/**
 * Arabic letters typed for Urdu ones (keyboards differ): yeh, kaf and heh, and the short-vowel marks,
 * which Urdu text mostly leaves out; a search for a word typed either way finds it.
 */
const URDU_FORMS: [RegExp, string][] = [
  [/[\u064A\u0649]/g, '\u06CC'],
  [/\u0643/g, '\u06A9'],
  [/\u0647/g, '\u06C1'],
  [/[\u064B-\u065F\u0670]/g, ''],
];
const urduNormaliser: lunr.PipelineFunction = (token) =>
  token.update((text) => URDU_FORMS.reduce((word, [from, to]) => word.replace(from, to), text.toLowerCase()));

let registered = false;
function register() {
  if (registered) return;
  registered = true;
  stemmerSupport(lunr);
  polish(lunr);
  lunr.Pipeline.registerFunction(unicodeTrimmer, 'trimmer-unicode');
  lunr.Pipeline.registerFunction(urduNormaliser, 'normaliser-ur');
}

/** The lunr plugin lunr-languages added for Polish, checked rather than cast. */
function polishPlugin(): lunr.Builder.Plugin {
  const plugin: unknown = Reflect.get(lunr, 'pl');
  if (typeof plugin !== 'function') throw new Error('lunr-languages did not register Polish');
  return (builder) => Reflect.apply(plugin, builder, []);
}

/** A lunr plugin setting a builder's pipelines for the language's words (for buildSearchIndex). */
export function languagePlugin(lang: Language): lunr.Builder.Plugin | undefined {
  if (lang === 'en') return undefined;
  register();
  if (lang === 'pl') return polishPlugin();
  return (builder) => {
    builder.pipeline.reset();
    builder.searchPipeline.reset();
    builder.pipeline.add(unicodeTrimmer, urduNormaliser);
    builder.searchPipeline.add(unicodeTrimmer, urduNormaliser);
  };
}

/** Registers the pipeline functions a saved index in this language names, before lunr loads it. */
export function prepareToLoad(lang: Language): void {
  if (lang !== 'en') register();
}
