/**
 * What residents can sign up to hear about by email (issue 18, item 1). Shared by the form's
 * schema, the store and the transparency counts, so the three cannot disagree.
 */

/** Topics a resident can choose. "all" stands for every topic, including any added later. */
export const SUBSCRIPTION_TOPICS = ['newly-shared', 'events', 'you-said-we-did', 'all'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/** How often: one email per update, or one weekly digest. */
export const SUBSCRIPTION_FREQUENCIES = ['immediate', 'weekly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];

/** An address not confirmed within this many days is deleted by the retention job. */
export const UNCONFIRMED_SUBSCRIPTION_DAYS = 7;
