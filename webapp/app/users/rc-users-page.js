import { html } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { withQuery, loadPage } from '../core/api.js';
import { session } from '../core/session.js';
import './rc-users-filters.js';
import './rc-users-table.js';
import './rc-bulk-actions.js';

const PAGE_SIZE = 50;

/** The account's users: filters kept in the address, sortable, a page at a time, bulk actions on a selection. */
export class RcUsersPage extends RcElement {
  static properties = {
    query: { state: true }, items: { state: true }, nextCursor: { state: true }, loading: { state: true },
    error: { state: true }, selected: { state: true }, results: { state: true }, flash: { state: true },
  };

  constructor() {
    super();
    this.query = RcUsersPage.fromAddress();
    this.items = [];
    this.selected = new Set();
    this.results = new Map();
    this.flash = session.takeFlash();
    this.requests = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    const canAdd = session.can('createUser');
    const canExport = session.can('exportUsers');
    return html`
      <div class="page-head">
        <h1 tabindex="-1">Users</h1>
        <div class="actions">
          ${canExport ? html`<a class="button" href=${withQuery('/api/users.csv', this.#filters())} download>Export CSV</a>` : ''}
          ${canAdd ? html`<a class="button primary" href="/users/new">Add user</a>` : ''}
        </div>
      </div>
      ${this.okBanner(this.flash)}
      <rc-users-filters .value=${this.query} @filters-change=${this.#filtersChanged}></rc-users-filters>
      <rc-bulk-actions .selected=${this.items.filter((user) => this.selected.has(user.id))}
        @bulk-done=${this.#bulkDone}></rc-bulk-actions>
      ${this.problemBanner(this.error)}
      ${this.#list()}`;
  }

  #list() {
    if (!this.items.length) {
      if (this.loading) return this.waiting('users');
      return this.error ? '' : html`<p class="empty" role="status">No users match these filters.</p>`;
    }
    return html`
      <rc-users-table .items=${this.items} .sort=${this.query.sort} .order=${this.query.order}
        .selected=${this.selected} .results=${this.results} aria-busy=${this.loading ? 'true' : 'false'}
        @sort-change=${this.#sortChanged} @selection-change=${(e) => { this.selected = e.detail; }}></rc-users-table>
      <p class="muted" role="status">${this.items.length} user${this.items.length === 1 ? '' : 's'} shown${this.nextCursor ? ', more available' : ''}.</p>
      ${this.nextCursor ? html`<button @click=${() => this.#load(true)} ?disabled=${this.loading}>
        ${this.loading ? 'Loading…' : 'More'}</button>` : ''}`;
  }

  static fromAddress() {
    const params = new URLSearchParams(location.search);
    return {
      name: params.get('name') || '', login: params.get('login') || '', activeOnly: params.get('activeOnly') === 'true',
      roles: params.getAll('role'), sort: params.get('sort') || 'name', order: params.get('order') || 'asc',
    };
  }

  #filters() {
    const { name, login, activeOnly, roles, sort, order } = this.query;
    return { name: name.trim(), login: login.trim(), activeOnly, role: roles, sort, order };
  }

  #load(more = false) {
    return loadPage(this, '/api/users', { ...this.#filters(), limit: PAGE_SIZE }, more);
  }

  #filtersChanged(event) {
    this.query = { ...this.query, ...event.detail };
    this.selected = new Set();
    this.results = new Map();
    history.replaceState(null, '', withQuery('/users', this.#filters()));
    this.#load();
  }

  #sortChanged(event) {
    this.#filtersChanged({ detail: event.detail });
  }

  #bulkDone(event) {
    this.results = new Map(event.detail.results.map((result) => [result.id, result]));
    this.#load();
  }
}

customElements.define('rc-users-page', RcUsersPage);
