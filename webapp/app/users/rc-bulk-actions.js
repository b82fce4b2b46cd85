import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { send } from '../core/api.js';
import { session } from '../core/session.js';
import { loadRoles } from './roles-data.js';

/** Actions on the selected users (activate, deactivate, add or remove a role), then each row's outcome. */
export class RcBulkActions extends RcElement {
  static properties = {
    selected: { type: Array }, roles: { state: true }, busy: { state: true }, error: { state: true }, report: { state: true },
  };

  static styles = [RcElement.styles, css`
    .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0.6rem 0.8rem; margin: 0 0 1rem;
      background: var(--rc-accent-soft); border: 1px solid var(--rc-accent); border-radius: 8px; }
    .count { font-weight: 700; margin-right: 0.5rem; }
    .role { display: flex; gap: 0.35rem; align-items: center; }
    ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
  `];

  constructor() {
    super();
    this.selected = [];
    this.roles = [];
    this.report = null;
  }

  connectedCallback() {
    super.connectedCallback();
    loadRoles().then((roles) => { this.roles = roles; }).catch(() => {});
  }

  render() {
    return html`${this.#bar()}${this.problemBanner(this.error)}${this.#report()}`;
  }

  #bar() {
    const count = this.selected.length;
    if (!count) return '';
    const canUsers = session.can('bulkSetActivation', 'bulkDeleteUsers');
    const canRoles = session.can('bulkChangeRoles');
    return html`<div class="bar" role="region" aria-label="Bulk actions">
      <span class="count">${count} selected</span>
      ${canUsers ? html`
        <button ?disabled=${this.busy} @click=${() => this.#activation(true)}>Activate</button>
        <button ?disabled=${this.busy} @click=${() => this.#activation(false)}>Deactivate</button>` : ''}
      ${canRoles ? html`<span class="role">
        <label class="sr-only" for="bulk-role">Role to add or remove</label>
        <select id="bulk-role">${this.roles.map((role) => html`<option value=${role.name}>${role.name}</option>`)}</select>
        <button ?disabled=${this.busy} @click=${() => this.#roles('add')}>Add role</button>
        <button ?disabled=${this.busy} @click=${() => this.#roles('remove')}>Remove role</button>
      </span>` : ''}
      ${!canUsers && !canRoles ? html`<span class="muted">Your roles allow no bulk action.</span>` : ''}
    </div>`;
  }

  #report() {
    if (!this.report) return '';
    const { action, rows } = this.report;
    const done = rows.filter((row) => row.outcome === 'ok').length;
    const refused = rows.length - done;
    return html`<div class="banner ${refused ? 'warn' : 'ok'}" role="status" data-bulk-report>
      <p><strong>${action}:</strong> ${done} done${refused ? html`, ${refused} refused` : ''}.</p>
      <ul>${rows.map((row) => html`<li data-outcome=${row.outcome}>${row.label}: ${row.outcome === 'ok'
        ? 'done' : html`<strong>refused</strong> (${row.problem?.detail || row.problem?.title || 'no reason given'})`}</li>`)}</ul>
      <button class="link" @click=${() => { this.report = null; }}>Dismiss</button>
    </div>`;
  }

  #activation(active) {
    this.#run(active ? 'Activate' : 'Deactivate', '/api/users/bulk/activation', { active });
  }

  #roles(change) {
    const role = this.renderRoot.querySelector('#bulk-role').value;
    this.#run(`${change === 'add' ? 'Add' : 'Remove'} role ${role}`, '/api/users/bulk/roles', { [change]: [role] });
  }

  async #run(action, path, body) {
    const users = this.selected;
    const labels = new Map(users.map((user) => [user.id, `${user.firstName} ${user.lastName} (${user.login})`]));
    this.busy = true;
    this.error = null;
    try {
      const answer = await send('POST', path, { ids: users.map((user) => user.id), ...body });
      this.report = { action, rows: answer.results.map((result) => ({ ...result, label: labels.get(result.id) || result.id })) };
      this.emit('bulk-done', { action, results: answer.results });
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('rc-bulk-actions', RcBulkActions);
