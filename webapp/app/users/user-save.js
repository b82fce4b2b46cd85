import { request } from '../core/api.js';

/** What a form may send, and which field each of the service's refusals concerns. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form's own checks, before asking the service: field name → message. */
export function checkUser(values, password, isNew) {
  const errors = {};
  if (!values.firstName.trim()) errors.firstName = 'Enter the first name.';
  if (!values.lastName.trim()) errors.lastName = 'Enter the last name.';
  if (!values.login.trim()) errors.login = 'Enter the login.';
  else if (!EMAIL.test(values.login.trim())) errors.login = 'The login is an email address, such as ada@example.com.';
  if (!values.roles.length) errors.roles = 'Choose at least one role.';
  if (isNew) {
    if (!password.password) errors.password = 'Enter a password.';
    if (password.password && password.confirmation !== password.password) errors.confirmation = 'The two passwords differ.';
  }
  return errors;
}

/** The service's field errors by the form's field names; the rest is left for a banner. */
export function fieldErrorsOf(error) {
  const fields = {};
  for (const [name, detail] of Object.entries(error.fieldErrors())) {
    fields[name === 'passwordConfirmation' ? 'confirmation' : name] = detail;
  }
  if (error.slug === 'login-taken') fields.login = 'This login is already taken.';
  if (error.slug === 'no-roles') fields.roles = 'A user must keep at least one role.';
  return fields;
}

export async function createUser(values, password) {
  const answer = await request('POST', '/api/users', {
    body: {
      firstName: values.firstName.trim(), lastName: values.lastName.trim(), login: values.login.trim(),
      roles: values.roles, active: values.active, passwordTemporary: values.temporary,
      password: password.password, passwordConfirmation: password.confirmation,
    },
  });
  return answer.body;
}

/** Sends only what changed, each change with the ETag of the version it was made on. */
export async function updateUser(id, before, etag, values) {
  const path = `/api/users/${encodeURIComponent(id)}`;
  const patch = {};
  for (const field of ['firstName', 'lastName', 'login']) {
    if (values[field].trim() !== before[field]) patch[field] = values[field].trim();
  }
  if (values.active !== before.active) patch.active = values.active;
  const rolesChanged = [...values.roles].sort().join() !== [...before.roles].sort().join();
  let current = { body: before, etag };
  if (Object.keys(patch).length) {
    current = await request('PATCH', path, { body: patch, headers: { 'If-Match': current.etag } });
  }
  if (rolesChanged) {
    current = await request('PUT', `${path}/roles`, { body: { roles: values.roles }, headers: { 'If-Match': current.etag } });
  }
  return { changed: Object.keys(patch).length > 0 || rolesChanged, user: current.body };
}
