import { html, css } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RcElement } from '../core/rc-element.js';
import { dateTime } from '../core/messages.js';

const COLUMNS = [
  { key: 'name', label: 'Name', sort: 'name' },
  { key: 'login', label: 'Login', sort: 'login' },
  { key: 'roles', label: 'Roles' },
  { key: 'status', label: 'Status' },
  { key: 'created', label: 'Created', sort: 'createdAt' },
  { key: 'lastLogin', label: 'Last login', sort: 'lastLoginAt' },
];

/** The users as rows: sortable column headers, a checkbox per row, and each row's last bulk result. */
export class RcUsersTable extends RcElement {
  static properties = { items: { type: Array }, sort: {}, order: {}, selected: { type: Object }, results: { type: Object } };

  static styles = [RcElement.styles, css`
    th button { all: unset; cursor: pointer; display: inline-flex; gap: 0.3rem; align-items: center; font-weight: 700; }
    th button:focus-visible { outline: 3px solid var(--rc-focus); outline-offset: 2px; }
    th.select, td.select { width: 2.5rem; }
    tr.chosen td { background: var(--rc-accent-soft); }
    .name { font-weight: 600; }
    .name-cell { min-width: 9rem; }
    .when { white-space: nowrap; }
    .result { display: block; width: fit-content; margin-top: 0.25rem; font-size: 0.85rem; }
    @media (max-width: 46rem) {
      thead tr { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
      thead th { border: none; padding: 0.4rem; }
      thead th:not([aria-sort]):not(.select) { display: none; }
      tbody tr { display: grid; grid-template-columns: 2.5rem 1fr; border-bottom: 1px solid var(--rc-border); padding: 0.35rem 0; }
      tbody td { border: none; padding: 0.15rem 0.5rem; grid-column: 2; }
      tbody td.select { grid-column: 1; grid-row: 1 / span 6; }
      tbody td[data-label]::before { content: attr(data-label) ': '; color: var(--rc-muted); font-size: 0.85rem; }
      tbody td.name-cell::before { content: none; }
    }
  `];

  render() {
    const all = this.items.length > 0 && this.items.every((user) => this.selected.has(user.id));
    return html`<div class="table-wrap"><table>
      <caption class="sr-only">Users${this.sort ? `, sorted by ${this.sort} ${this.order === 'desc' ? 'descending' : 'ascending'}` : ''}</caption>
      <thead><tr>
        <th class="select" scope="col"><input type="checkbox" aria-label="Select all shown users" .checked=${all}
          @change=${(e) => this.#selectAll(e.target.checked)}></th>
        ${COLUMNS.map((column) => this.#header(column))}
      </tr></thead>
      <tbody>${repeat(this.items, (user) => user.id, (user) => this.#row(user))}</tbody>
    </table></div>`;
  }

  #header(column) {
    if (!column.sort) return html`<th scope="col">${column.label}</th>`;
    const active = this.sort === column.sort;
    const ariaSort = active ? (this.order === 'desc' ? 'descending' : 'ascending') : 'none';
    const next = active && this.order === 'asc' ? 'desc' : 'asc';
    return html`<th scope="col" aria-sort=${ariaSort}>
      <button data-sort=${column.sort} @click=${() => this.emit('sort-change', { sort: column.sort, order: next })}>
        ${column.label}<span aria-hidden="true">${active ? (this.order === 'desc' ? '▼' : '▲') : '↕'}</span>
      </button></th>`;
  }

  #row(user) {
    const chosen = this.selected.has(user.id);
    const name = `${user.firstName} ${user.lastName}`;
    return html`<tr class=${chosen ? 'chosen' : ''} data-user-id=${user.id} data-login=${user.login}>
      <td class="select"><input type="checkbox" aria-label=${`Select ${name}`} .checked=${chosen}
        @change=${(e) => this.#select(user.id, e.target.checked)}></td>
      <td class="name-cell"><a class="name" href=${`/users/${encodeURIComponent(user.id)}`}>${name}</a>${this.#result(user)}</td>
      <td data-label="Login">${user.login}</td>
      <td data-label="Roles">${user.roles.map((role) => html`<span class="chip">${role}</span>`)}</td>
      <td data-label="Status"><span class="badge ${user.active ? 'active' : 'inactive'}">${user.active ? 'Active' : 'Inactive'}</span></td>
      <td class="when" data-label="Created">${dateTime(user.createdAt)}</td>
      <td class="when" data-label="Last login">${user.lastLoginAt ? dateTime(user.lastLoginAt) : 'Never'}</td>
    </tr>`;
  }

  #result(user) {
    const result = this.results.get(user.id);
    if (!result) return '';
    return result.outcome === 'ok'
      ? html`<span class="result badge ok">Done</span>`
      : html`<span class="result badge problem">${result.problem?.detail || result.problem?.title || 'Refused'}</span>`;
  }

  #select(id, on) {
    const next = new Set(this.selected);
    if (on) next.add(id); else next.delete(id);
    this.emit('selection-change', next);
  }

  #selectAll(on) {
    this.emit('selection-change', on ? new Set(this.items.map((user) => user.id)) : new Set());
  }
}

customElements.define('rc-users-table', RcUsersTable);
