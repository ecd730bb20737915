import { z } from 'zod';
import { entryFields, isoDate } from './common.ts';

/** Kinds of participating organisation, used for filtering /organisations/. */
export const organisationTypes = [
  'gp-practice',
  'acute-trust',
  'mental-health-trust',
  'community-provider',
  'ambulance-service',
  'hospice',
  'care-home',
  'adult-social-care',
  'childrens-social-care',
  'out-of-hours',
] as const;

/** An organisation that takes part in the shared care record, listed at /organisations/. */
export const organisationSchema = () =>
  z.object({
    /** The organisation's public name. */
    name: z.string().min(3).max(120).meta({ label: 'Name' }),
    /** What kind of organisation it is. */
    type: z.enum(organisationTypes).meta({ label: 'Type', widget: 'select' }),
    /** Its NHS Organisation Data Service code, if it has one. Default none. */
    odsCode: z
      .string()
      .regex(/^[A-Z0-9]{3,6}$/, 'Enter the ODS code in capitals, like A81001')
      .optional()
      .meta({ label: 'ODS code', required: false }),
    /** The town it is based in. */
    town: z.string().min(2).meta({ label: 'Town' }),
    /** The date it started sharing records through the scheme. */
    joined: isoDate().meta({ label: 'Date joined' }),
    /** Its public website. Default none. */
    website: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({ label: 'Website', required: false }),
    /**
     * True while the organisation is made up (the example content lists invented GP practices
     * and care homes). /organisations/ then says the list holds made-up entries, and the launch
     * check lists each one until it is replaced. Default false.
     */
    example: entryFields().example,
  });

export type OrganisationData = z.infer<ReturnType<typeof organisationSchema>>;
