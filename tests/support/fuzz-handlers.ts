import cspReport from '../../functions/csp-report.ts';
import feedback from '../../functions/feedback.ts';
import health from '../../functions/health.ts';
import optOut from '../../functions/opt-out.ts';
import optOutCheck from '../../functions/opt-out-check.ts';
import optOutConfirm from '../../functions/opt-out-confirm.ts';
import optOutStatus from '../../functions/opt-out-status.ts';
import optOutSubmit from '../../functions/opt-out-submit.ts';
import optOutWithdraw from '../../functions/opt-out-withdraw.ts';
import staff from '../../functions/staff.ts';
import transparency from '../../functions/transparency.ts';

/** Every function a visitor can reach without signing in, for the fuzz test and bench/fuzz.ts. */
export const publicHandlers = {
  optOut,
  optOutSubmit,
  optOutCheck,
  optOutStatus,
  optOutWithdraw,
  optOutConfirm,
  feedback,
  staff,
  cspReport,
  health,
  transparency,
};
