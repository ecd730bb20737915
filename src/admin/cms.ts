import formsStyleUrl from '../styles/forms.scss?url';
import siteStyleUrl from '../styles/site.scss?url';
import config from './config.generated.json' with { type: 'json' };
import { startCms } from './decap.tsx';

/**
 * The /admin/ page's script: Decap CMS, bundled from npm by Astro (no third-party script at
 * run time), with the committed generated config and the site's own look for previews.
 */
const target = Number(document.body.dataset['readingAgeTarget']);

startCms({
  config,
  loadPreviews: () => import('./previews/templates.ts').then((m) => m.previewTemplates),
  // The forms stylesheet first, as the residents' form pages link it: previews of a consultation
  // show its real answer form, whose radios, checkboxes and fieldsets are styled there.
  previewStyleUrls: [formsStyleUrl, siteStyleUrl],
  // The page writes the target from content/settings/site.yaml; 11 is the schema's default.
  readingAgeTarget: Number.isInteger(target) ? target : 11,
});
