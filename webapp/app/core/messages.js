/** Words for the service's problems, its validation keywords, and times. */

const PROBLEMS = {
  'invalid-credentials': 'Wrong login or password.',
  'account-inactive': 'This account is inactive, so it cannot log in. Ask an administrator to activate it.',
  'no-login-role': 'No role allows login: this account holds only roles that cannot log in (such as INITIAL). '
    + 'Ask an administrator to give it another role.',
  'forbidden': 'You are not allowed to do this.',
  'csrf': 'The request was refused as cross-site. Reload the page and try again.',
  'stale': 'Someone changed this meanwhile. Reload to see the current version, then apply your change again.',
  'last-admin': 'The account must keep at least one active administrator. This change would leave it with none: '
    + 'give the ADMIN role to another active user first.',
  'login-taken': 'This login is already taken.',
  'no-roles': 'A user must keep at least one role.',
  'not-found': 'This does not exist (any more).',
  'not-implemented': 'This is not available on this server yet.',
  'too-many-creations': 'Too many users were added, or logins changed, in a short time. Wait a little, then try again.',
  'password-change-required': 'Change your temporary password first.',
  'unavailable': 'The service is unavailable right now. Try again shortly.',
  'not-ready': 'The service is starting or its database does not answer. Try again shortly.',
  'network': 'The service cannot be reached. Check the connection and try again.',
};

/** A sentence for any failure of a request. */
export function problemText(error) {
  if (error?.slug === 'too-many-attempts') return `Too many failed logins. ${retryText(error.retryAfter)}`;
  if (error?.slug === 'busy') return `The service is busy. ${retryText(error.retryAfter)}`;
  if (error?.status === 404 && error.slug !== 'not-found') return PROBLEMS['not-implemented'];
  if (PROBLEMS[error?.slug]) return PROBLEMS[error.slug];
  if (error?.status === 501) return PROBLEMS['not-implemented'];
  const detail = error?.problem?.detail || error?.message || 'Something went wrong.';
  const fault = error?.problem?.faultId ? ` (fault id ${error.problem.faultId})` : '';
  return detail + fault;
}

/** Whether an answer means the feature is not there yet (an older server). */
export function isMissingFeature(error) {
  return error?.status === 501 || (error?.status === 404 && error.slug !== 'not-found');
}

/** When to try again, from a Retry-After in seconds. */
export function retryText(seconds) {
  if (!seconds) return 'Try again later.';
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (seconds < 90) return `Try again in ${seconds} seconds (at ${at}).`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes (at ${at}).`;
}

const KEYWORDS = {
  required: 'Required.',
  minLength: 'Too short.',
  maxLength: 'Too long.',
  pattern: 'Must not be blank.',
  format: 'Not a valid email address.',
  minItems: 'Choose at least one.',
  enum: 'Not one of the allowed values.',
};

/** A sentence for one field error of a validation problem. */
export function fieldErrorText(error, field) {
  if (!error) return '';
  if (error.keyword === 'minLength' && field === 'password') return 'Use at least 12 characters.';
  return KEYWORDS[error.keyword] || error.detail || 'Not valid.';
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

/** A value of an audit change, as text. */
export function valueText(value) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
