import { html } from 'lit';
import '../users/rc-users-page.js';
import '../users/rc-user-form.js';
import '../users/rc-user-detail.js';
import '../roles/rc-roles-page.js';
import '../audit/rc-audit-page.js';
import '../me/rc-profile-page.js';
import '../me/rc-password-page.js';
import '../tokens/rc-tokens-page.js';
import '../logs/rc-logs-page.js';
import '../projects/rc-projects-page.js';
import '../projects/rc-project-page.js';
import '../secrets/rc-secrets-page.js';
import '../telephony/rc-telephony-page.js';
import './rc-status-page.js';

/** The element of each route. */
const PAGES = {
  home: () => html`<rc-status-page kind="home"></rc-status-page>`,
  login: () => html`<rc-status-page kind="home"></rc-status-page>`,
  users: () => html`<rc-users-page></rc-users-page>`,
  'user-new': () => html`<rc-user-form></rc-user-form>`,
  user: ({ id }) => html`<rc-user-detail .userId=${id}></rc-user-detail>`,
  'user-edit': ({ id }) => html`<rc-user-form .userId=${id}></rc-user-form>`,
  roles: () => html`<rc-roles-page></rc-roles-page>`,
  audit: () => html`<rc-audit-page></rc-audit-page>`,
  projects: () => html`<rc-projects-page></rc-projects-page>`,
  project: ({ id }) => html`<rc-project-page .projectId=${id}></rc-project-page>`,
  logs: () => html`<rc-logs-page></rc-logs-page>`,
  tokens: () => html`<rc-tokens-page></rc-tokens-page>`,
  profile: () => html`<rc-profile-page></rc-profile-page>`,
  password: () => html`<rc-password-page></rc-password-page>`,
  'project-secrets': ({ id }) => html`<rc-secrets-page .projectId=${id}></rc-secrets-page>`,
  telephony: () => html`<rc-telephony-page></rc-telephony-page>`,
};

export function pageFor(name, params) {
  return PAGES[name](params);
}
