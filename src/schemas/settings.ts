import { z } from 'zod';
import { governanceDocumentsSchema, recordProcessorSchema } from './data-flow.ts';
import { controllerSchema, partnerSharingSchema, websiteDataSchema } from './privacy.ts';

/** A postal address as lines, for letters and the printable forms. */
const postalAddress = () =>
  z.object({
    /** Address lines, first line first (organisation, street, town). */
    lines: z.array(z.string().min(2)).min(2).meta({ label: 'Address lines', widget: 'list' }),
    /** The postcode. */
    postcode: z.string().min(5).max(8).meta({ label: 'Postcode' }),
  });

/**
 * Site-wide settings, one file (content/settings/site.yaml). Residents see most of this:
 * the scheme's name, who is responsible, and the non-digital routes to reach us.
 */
export const settingsSchema = () =>
  z.object({
    /** The scheme's full name, shown in the header, e.g. "Ashby and Wyre Shared Care Record". */
    schemeName: z.string().min(3).max(60).meta({ label: 'Scheme name' }),
    /** The area the scheme covers, in words residents use. */
    area: z.string().min(3).meta({ label: 'Area covered' }),
    /** The health and care partnership that runs the scheme. */
    partnership: z.string().min(3).meta({ label: 'Partnership' }),
    /** The organisations that are joint data controllers for the shared record. */
    dataControllers: z.array(controllerSchema()).min(1).meta({ label: 'Data controllers' }),
    /** What each kind of partner shares, whether it views or adds, and on what basis (the privacy notice's table). */
    partnerSharing: z.array(partnerSharingSchema()).min(1).meta({ label: 'What each kind of partner shares' }),
    /** What this website itself collects through its forms, and the companies that run it (the privacy notice). */
    websiteData: websiteDataSchema().meta({ label: 'What this website collects' }),
    /** The data protection officer residents can contact. */
    dpo: z
      .object({
        /** Role or name, e.g. "Data Protection Officer, Ashby and Wyre ICB". */
        name: z.string().min(3).meta({ label: 'Name or role' }),
        /** Email address. */
        email: z.email().meta({ label: 'Email' }),
        /** Phone number. */
        phone: z.string().min(6).meta({ label: 'Phone' }),
        /** Postal address. */
        address: postalAddress().meta({ label: 'Postal address' }),
      })
      .meta({ label: 'Data protection officer' }),
    /** How to reach the scheme without the internet. */
    contact: z
      .object({
        /** The public phone number. */
        phone: z.string().min(6).meta({ label: 'Phone' }),
        /** When the phone line is open, e.g. "Monday to Friday, 9am to 5pm". */
        phoneHours: z.string().min(5).meta({ label: 'Phone opening hours' }),
        /** The public email address. */
        email: z.email().meta({ label: 'Email' }),
        /** Where to send letters and paper forms. */
        postalAddress: postalAddress().meta({ label: 'Postal address' }),
        /** Where people can talk to someone in person. */
        inPerson: z.string().min(5).meta({ label: 'In person', widget: 'text' }),
      })
      .meta({ label: 'Contact' }),
    /** The times we promise to respond within. */
    responseTargets: z
      .object({
        /** Working days to acknowledge a complaint (the 2009 regulations say 3). Default 3. */
        complaintAcknowledgeWorkingDays: z
          .number()
          .int()
          .min(1)
          .max(10)
          .default(3)
          .meta({ label: 'Acknowledge complaints within (working days)' }),
        /** Calendar months to answer a data-rights request (UK GDPR says one). Default 1. */
        rightsRequestMonths: z
          .number()
          .int()
          .min(1)
          .max(1)
          .default(1)
          .meta({ label: 'Answer data-rights requests within (months)' }),
        /** Working days to answer a question or concern. Default 10. */
        questionWorkingDays: z
          .number()
          .int()
          .min(1)
          .max(30)
          .default(10)
          .meta({ label: 'Answer questions within (working days)' }),
        /** Working days to apply an opt-out once identity is checked. Default 10. */
        optOutWorkingDays: z
          .number()
          .int()
          .min(1)
          .max(30)
          .default(10)
          .meta({ label: 'Apply opt-outs within (working days)' }),
      })
      .meta({ label: 'Response targets' }),
    /**
     * How long personal data is kept after its purpose ends; the retention job (src/server/retention.ts)
     * then deletes it, keeping only the counts and dates reports need and what proves an opt-out.
     * Set these to match the scheme's records-management policy.
     */
    retention: z
      .object({
        /** Days after a feedback item is closed before its message, name and contact details are deleted. Default 365. */
        closedFeedbackDays: z
          .number()
          .int()
          .min(30)
          .max(3650)
          .default(365)
          .meta({ label: 'Delete closed feedback after (days)' }),
        /**
         * Days after an opt-out is applied in the clinical systems before the name, address, date of birth,
         * contact details and evidence are deleted. The reference, the NHS number's HMAC, the status and
         * the dates are kept, to prove the choice. Default 90.
         */
        appliedOptOutDays: z
          .number()
          .int()
          .min(30)
          .max(3650)
          .default(90)
          .meta({ label: "Delete an applied opt-out's personal details after (days)" }),
        /** Days after an opt-out is withdrawn or rejected before its personal details are deleted the same way. Default 90. */
        endedOptOutDays: z
          .number()
          .int()
          .min(30)
          .max(3650)
          .default(90)
          .meta({ label: "Delete a withdrawn or rejected opt-out's personal details after (days)" }),
        /** Days after an email is sent (or given up on) before it is deleted from the outbox. Default 30. */
        sentEmailDays: z.number().int().min(7).max(365).default(30).meta({ label: 'Delete sent emails after (days)' }),
        /**
         * Days after a consultation answer came in before the name, the written answers nobody
         * approved for publishing and the results email address are deleted. The choices (which say
         * nothing about who answered) and the approved quotes stay, so published results still add up.
         * Default 365.
         */
        consultationAnswerDays: z
          .number()
          .int()
          .min(30)
          .max(3650)
          .default(365)
          .meta({ label: "Delete a consultation answer's personal details after (days)" }),
        /**
         * Days after a comment on "Was this page helpful?" was written before the comment is deleted.
         * The yes or no answer stays, so the page's counts still add up. People are asked not to put
         * their name or health details in a comment, but some will. Default 365.
         */
        pageCommentDays: z
          .number()
          .int()
          .min(30)
          .max(3650)
          .default(365)
          .meta({ label: 'Delete a comment on "Was this page helpful?" after (days)' }),
      })
      .default({
        closedFeedbackDays: 365,
        appliedOptOutDays: 90,
        endedOptOutDays: 90,
        sentEmailDays: 30,
        consultationAnswerDays: 365,
        pageCommentDays: 365,
      })
      .meta({ label: 'How long we keep personal data' }),
    /**
     * Days' notice residents get before new sharing starts (Caldicott principle 8, "no surprises"):
     * an update announcing new sharing must be published at least this long before its
     * `sharingStarts` date, or the content check stops the build. Default 28.
     */
    noticeDays: z.number().int().min(14).max(365).default(28).meta({ label: 'Notice before new sharing (days)' }),
    /** The company that runs the shared care record's computer system (a processor), for /how-data-flows/. */
    recordProcessor: recordProcessorSchema().meta({ label: 'Company that runs the record system' }),
    /** Links to the DPIA and the joint controller agreement; the page says "coming" while one is empty. */
    governanceDocuments: governanceDocumentsSchema().meta({ label: 'Governance documents', required: false }),
    /**
     * Whether /transparency/ shows the opt-out backlog forecast the IG officers see on the staff
     * home (how many are waiting, how many were finished each of the last 5 working days, when
     * the backlog clears against the promise), with small numbers hidden as on the rest of the
     * page. Off by default: the comms team turns it on when they are ready to publish it.
     */
    transparencyForecast: z.boolean().default(false).meta({
      label: 'Show the opt-out forecast on the figures page',
      hint: 'Tick to show on /transparency/ how many opt-outs are waiting and when we expect to finish them. Numbers under 5 are hidden.',
      required: false,
    }),
    /** The highest reading age a content page may score without an exception. Default 11. */
    readingAgeTarget: z.number().int().min(9).max(14).default(11).meta({ label: 'Reading age target' }),
  });

export type SettingsData = z.infer<ReturnType<typeof settingsSchema>>;
