/**
 * RFC 5321's limit on an email address, shared by every form that asks for one (contact, email
 * updates, consultations). It lives here, not in a form's schema module, so that a form which only
 * needs the number does not pull another form's whole schema into its page's script (issue 20).
 */
export const EMAIL_MAX_LENGTH = 254;
