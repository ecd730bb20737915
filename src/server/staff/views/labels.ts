import type { FeedbackStatus, FeedbackType } from '../../../domain/feedback.ts';
import type { OptOutRoute, OptOutStatus } from '../../../domain/opt-out.ts';
import type { OptOutEventStep } from '../../../domain/opt-out-transitions.ts';
import { t } from '../../../i18n/t.ts';

/** Words for the stored codes, as staff read them. */
export const feedbackTypeLabel = (type: FeedbackType) => t(`staffQueues.type.${type}`);
export const feedbackStatusLabel = (status: FeedbackStatus) => t(`staffQueues.status.${status}`);
export const optOutStatusLabel = (status: OptOutStatus | OptOutEventStep) => t(`staffQueues.optOutStatus.${status}`);
export const optOutRouteLabel = (route: OptOutRoute) => t(`staffQueues.route.${route}`);

/** Feedback types as counted groups ("Complaints"), on the staff reports and the public page alike. */
export const feedbackTypeGroup = (type: FeedbackType) => t(`transparency.type.${type}`);
