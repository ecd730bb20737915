import { t } from '../i18n/t.ts';
import { type OrganisationData, organisationTypes } from '../schemas/organisation.ts';
import type { SettingsData } from '../schemas/settings.ts';

type OrganisationType = OrganisationData['type'];

/** A kind of partner as the map and the table show it: what it puts in, and who answers for it. */
export interface PartnerFlow {
  readonly type: OrganisationType;
  /** The kind of partner, in the plural, as /organisations/ names it. */
  readonly label: string;
  /** How many organisations of this kind /organisations/ lists. */
  readonly count: number;
  readonly shares: string;
  readonly adds: boolean;
  readonly identifies: boolean;
  /** The controller entries (settings.dataControllers) that cover this kind of partner. */
  readonly controllers: readonly string[];
}

/** Every stage of the flow: partners that add, the processor that runs the system, everyone who views. */
export interface DataFlow {
  readonly partners: readonly PartnerFlow[];
  readonly processor: SettingsData['recordProcessor'];
}

/** The settings and organisation list disagree, so the map would not be true. */
export class DataFlowError extends Error {
  /** The kind of partner the settings leave out. */
  readonly type: OrganisationType;
  constructor(message: string, type: OrganisationType) {
    super(message);
    this.name = 'DataFlowError';
    this.type = type;
  }
}

/**
 * The flow from settings and the organisation list, kinds of partner in the schema's order. It stops
 * the build when a kind of organisation on /organisations/ has no sharing row or no controller:
 * a published map that leaves out a partner would tell residents something false.
 */
export function buildDataFlow(
  settings: Pick<SettingsData, 'partnerSharing' | 'dataControllers' | 'recordProcessor'>,
  organisations: readonly { readonly type: OrganisationType }[],
): DataFlow {
  const countOf = (type: OrganisationType) => organisations.filter((o) => o.type === type).length;
  for (const { type } of organisations) {
    if (!settings.partnerSharing.some((row) => row.type === type)) {
      throw new DataFlowError(
        `/organisations/ lists a ${t(`site.orgType.${type}.one`)} but the settings do not say what it shares: add it to "What each kind of partner shares"`,
        type,
      );
    }
  }
  const partners = organisationTypes.flatMap((type) => {
    const row = settings.partnerSharing.find((r) => r.type === type);
    if (!row) return [];
    const controllers = settings.dataControllers.filter((c) => c.covers.includes(type)).map((c) => c.name);
    if (controllers.length === 0) {
      throw new DataFlowError(
        `No data controller covers ${t(`site.orgType.${type}.many`)}: add the type to a controller's "Kinds of partner it covers"`,
        type,
      );
    }
    return [
      {
        type,
        label: t(`site.orgType.${type}.many`),
        count: countOf(type),
        shares: row.shares,
        adds: row.access === 'views-and-adds',
        identifies: row.identifies,
        controllers,
      },
    ];
  });
  return { partners, processor: settings.recordProcessor };
}
