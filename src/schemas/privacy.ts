import { z } from 'zod';
import { organisationTypes } from './organisation.ts';

/**
 * The parts of the site settings the privacy notice is generated from, so that what the notice
 * says about the website's own forms, the controllers and the partners cannot drift from the
 * settings the retention job and the organisation list use (issue 14, items 1 and 3).
 */

/** The forms on this website that collect personal data. Each one's retention comes from `retention`. */
export const websiteForms = ['opt-out', 'contact', 'page-helpful', 'email-updates', 'consultation'] as const;
export type WebsiteForm = (typeof websiteForms)[number];

/** How much of the record a type of partner may use: "views" only, or "views-and-adds". */
export const partnerAccess = ['views', 'views-and-adds'] as const;

/** An organisation that decides how personal data is used (a "data controller"). */
export const controllerSchema = () =>
  z.object({
    /** The controller's legal name, or the group of organisations (e.g. "each GP practice, for its own records"). */
    name: z.string().min(3).meta({ label: 'Name' }),
    /** How to contact it about data protection: a team, an address and an email or phone number. */
    contact: z.string().min(5).meta({ label: 'Contact' }),
    /**
     * The kinds of partner on /organisations/ this controller entry stands for. Every kind listed there
     * must be covered by one entry, so the notice never names fewer controllers than the list shows.
     * Default none (the Integrated Care Board, say, commissions care but is not on the list).
     */
    covers: z
      .array(z.enum(organisationTypes))
      .default([])
      .meta({ label: 'Kinds of partner it covers', widget: 'select', multiple: true, required: false }),
  });

/** A company that handles the website's data on the controllers' behalf (a "data processor"). */
export const processorSchema = () =>
  z.object({
    /** A short id the forms refer to, in lower case, e.g. "hosting". */
    id: z
      .string()
      .regex(/^[a-z][a-z-]*$/, 'Use lower-case letters and hyphens, like hosting')
      .meta({ label: 'Id' }),
    /** The company's name. */
    name: z.string().min(2).meta({ label: 'Company' }),
    /** What it does for us, in plain words, e.g. "Hosts this website and runs its forms". */
    role: z.string().min(5).meta({ label: 'What it does' }),
    /** Where it holds or handles the data, e.g. "London, UK". */
    location: z.string().min(2).meta({ label: 'Where the data is' }),
    /** Any transfer outside the UK and what protects it, or "None: the data stays in the UK." */
    transfer: z.string().min(4).meta({ label: 'Transfer outside the UK', widget: 'text' }),
  });

/** What one form on this website collects, why, and on what lawful basis. */
export const websiteFormSchema = () =>
  z.object({
    /** Which form. Its retention period is read from `retention`, never typed a second time. */
    form: z.enum(websiteForms).meta({ label: 'Form', widget: 'select' }),
    /** What it collects, in residents' words. */
    collects: z.string().min(10).meta({ label: 'What it collects', widget: 'text' }),
    /** Why we collect it. */
    purpose: z.string().min(10).meta({ label: 'Why', widget: 'text' }),
    /** The lawful basis (UK GDPR Article 6, and Article 9 for health details), in plain words. */
    lawfulBasis: z.string().min(10).meta({ label: 'Lawful basis', widget: 'text' }),
    /** The processors (by id) that handle what it collects. */
    processors: z.array(z.string().min(2)).min(1).meta({ label: 'Processors (ids)', widget: 'list' }),
  });

/** What the website itself collects: its forms and the companies that run them. */
export const websiteDataSchema = () =>
  z
    .object({
      /** True while the companies named are examples the scheme must replace with its own. Default false. */
      example: z.boolean().default(false).meta({ label: 'The companies named are examples', required: false }),
      /** Who is responsible for the website's data, e.g. "Ashby and Wyre Integrated Care Board, for the partnership". */
      controller: z.string().min(3).meta({ label: 'Controller for the website' }),
      /** One entry per form that collects personal data. */
      forms: z.array(websiteFormSchema()).min(1).meta({ label: 'Forms' }),
      /** The companies that run the website, its database and its email. */
      processors: z.array(processorSchema()).min(1).meta({ label: 'Processors' }),
    })
    .superRefine((data, ctx) => {
      const ids = new Set(data.processors.map((p) => p.id));
      data.forms.forEach((form, index) => {
        for (const id of form.processors.filter((p) => !ids.has(p))) {
          ctx.addIssue({
            code: 'custom',
            path: ['forms', index, 'processors'],
            message: `Add a processor with the id "${id}", or remove it from the ${form.form} form`,
          });
        }
      });
    });

/** What one kind of partner shares through the record, for the per-partner table. */
export const partnerSharingSchema = () =>
  z.object({
    /** The kind of partner, as on /organisations/. */
    type: z.enum(organisationTypes).meta({ label: 'Kind of partner', widget: 'select' }),
    /** What it puts into the record, in residents' words. */
    shares: z.string().min(5).meta({ label: 'What it shares', widget: 'text' }),
    /** Whether its staff only view the record or also add to it. */
    access: z.enum(partnerAccess).meta({ label: 'Views only, or views and adds', widget: 'select' }),
    /** Whether what it shares names the person (in a care record it almost always does). */
    identifies: z.boolean().meta({ label: 'Names the person' }),
    /** Its lawful basis for sharing, in plain words. */
    lawfulBasis: z.string().min(5).meta({ label: 'Lawful basis', widget: 'text' }),
  });
