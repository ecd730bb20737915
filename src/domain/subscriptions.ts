/**
 * What residents can sign up to hear about by email (issue 18, item 1). Shared by the form's
 * schema, the store and the transparency counts, so the three cannot disagree.
 */

/** Topics a resident can choose. "all" stands for every topic, including any added later. */
export const SUBSCRIPTION_TOPICS = ['newly-shared', 'events', 'you-said-we-did', 'all'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/** The topics an update can be sent under: every topic but "all", which stands for all of them. */
export const UPDATE_TOPICS = ['newly-shared', 'events', 'you-said-we-did'] as const;
export type UpdateTopic = (typeof UPDATE_TOPICS)[number];

/**
 * An update's email topic: the one the editor chose, else the one its tags say (new sharing or
 * new partners; events). Undefined: only people who chose "all updates" get it.
 */
export function updateTopicOf(update: { topic?: UpdateTopic | undefined; tags: readonly string[] }) {
  if (update.topic) return update.topic;
  if (update.tags.some((tag) => tag === 'newly-shared' || tag === 'new-organisation')) return 'newly-shared';
  if (update.tags.includes('event')) return 'events';
  return undefined;
}

/** How often: one email per update, or one weekly digest. */
export const SUBSCRIPTION_FREQUENCIES = ['immediate', 'weekly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];

/** An address not confirmed within this many days is deleted by the retention job. */
export const UNCONFIRMED_SUBSCRIPTION_DAYS = 7;
