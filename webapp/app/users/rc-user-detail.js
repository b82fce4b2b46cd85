import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson } from '../core/api.js';
import { session } from '../core/session.js';
import { dateTime } from '../core/messages.js';
import { loadRoles } from './roles-data.js';
import './rc-user-permissions.js';
import './rc-user-tokens.js';

/** One user: who they are, their roles, their effective permissions with the roles granting each, their tokens. */
export class RcUserDetail extends RcElement {
  static properties = { userId: {}, user: { state: true }, roles: { state: true }, error: { state: true } };

  static styles = [RcElement.styles, css`
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 0; }
    dt { font-weight: 600; color: var(--rc-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .role-list { list-style: none; padding: 0; margin: 0; }
    .role-list li { margin: 0 0 0.35rem; }
    @media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
  `];

  constructor() {
    super();
    this.flash = session.takeFlash();
    this.roles = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    if (this.error) {
      const missing = this.error.status === 400 || this.error.slug === 'not-found';
      return html`<h1 tabindex="-1">User</h1>${missing
        ? html`<div class="banner error" role="alert"><p>There is no such user in this account.</p></div>`
        : this.problemBanner(this.error)}<p><a href="/users">Back to the users</a></p>`;
    }
    if (!this.user) return html`<h1 tabindex="-1">User</h1>${this.waiting('the user')}`;
    const user = this.user;
    return html`
      <div class="page-head">
        <h1 tabindex="-1">${user.firstName} ${user.lastName}</h1>
        <div class="actions">
          ${session.can('updateUser') ? html`<a class="button primary" href=${`/users/${encodeURIComponent(user.id)}/edit`}>Edit</a>` : ''}
          <a class="button" href="/users">All users</a>
        </div>
      </div>
      ${this.okBanner(this.flash)}
      <section class="card" aria-labelledby="about"><h2 id="about" class="sr-only">About</h2>
        <dl>
          <dt>Login</dt><dd data-field="login">${user.login}</dd>
          <dt>Status</dt><dd><span class="badge ${user.active ? 'active' : 'inactive'}">${user.active ? 'Active' : 'Inactive'}</span></dd>
          <dt>Created</dt><dd>${dateTime(user.createdAt)}</dd>
          <dt>Last login</dt><dd>${user.lastLoginAt ? dateTime(user.lastLoginAt) : 'Never'}</dd>
        </dl>
      </section>
      <h2>Roles</h2>
      <ul class="role-list">${user.roles.map((name) => html`<li><span class="chip">${name}</span>
        <span class="muted">${this.roles.find((role) => role.name === name)?.description || ''}</span></li>`)}</ul>
      ${session.can('getUserPermissions') ? html`<rc-user-permissions .userId=${user.id}></rc-user-permissions>` : ''}
      ${session.can('listUserApiTokens') ? html`<rc-user-tokens .userId=${user.id}></rc-user-tokens>` : ''}`;
  }

  async #load() {
    loadRoles().then((roles) => { this.roles = roles; }).catch(() => {});
    try {
      this.user = await getJson(`/api/users/${encodeURIComponent(this.userId)}`);
    } catch (error) {
      this.error = error;
    }
  }
}

customElements.define('rc-user-detail', RcUserDetail);
