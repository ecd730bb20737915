import { z } from 'zod';
import { isoDate } from './common.ts';

/**
 * The settings /how-data-flows/ is generated from, beside `dataControllers` and `partnerSharing`
 * (src/schemas/privacy.ts). NHS England's IG framework for shared care records asks each scheme for
 * a data processing map "showing purpose and controller and processor at each stage", a joint
 * controller agreement, and a DPIA published in the partners' publication schemes (appendix 3).
 */

const httpsUrl = () => z.url({ protocol: /^https$/ });

/**
 * Where residents can download the scheme's governance documents. Each link is optional: until the
 * comms team fills it in, the page says the document is coming and how to ask for a copy, and the
 * launch check lists it as missing.
 */
export const governanceDocumentsSchema = () =>
  z
    .object({
      /** The data protection impact assessment (UK GDPR Article 35), as a PDF or web page. Default none. */
      dpiaUrl: httpsUrl().optional().meta({ label: 'DPIA: web address', required: false }),
      /** The date the DPIA was last reviewed and signed off. Default none. */
      dpiaReviewed: isoDate().optional().meta({ label: 'DPIA: last reviewed', required: false }),
      /** The joint controller agreement, or its published summary (UK GDPR Article 26(2)). Default none. */
      jointControllerAgreementUrl: httpsUrl()
        .optional()
        .meta({ label: 'Joint controller agreement: web address', required: false }),
    })
    .default({});

export type GovernanceDocuments = z.infer<ReturnType<typeof governanceDocumentsSchema>>;

/**
 * The company that runs the shared care record's computer system for the controllers. The law calls
 * it a processor (UK GDPR Article 28): it may use the data only as the controllers' contract says.
 */
export const recordProcessorSchema = () =>
  z.object({
    /** The company's name. */
    name: z.string().min(2).meta({ label: 'Company' }),
    /** What it does for the partners, in plain words, e.g. "Runs the computer system that shows the record". */
    role: z.string().min(5).meta({ label: 'What it does', widget: 'text' }),
    /** Where the system and its data are, e.g. "Data centres in England". */
    location: z.string().min(2).meta({ label: 'Where the data is' }),
  });
