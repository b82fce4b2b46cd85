import { html } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { withQuery, loadPage } from '../core/api.js';
import './rc-audit-filters.js';
import './rc-audit-events.js';

/** User actions (the audit log), newest first: filters, each change's before and after, CSV export. */
export class RcAuditPage extends RcElement {
  static properties = { filters: { state: true }, items: { state: true }, nextCursor: { state: true },
    loading: { state: true }, error: { state: true } };

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    this.filters = Object.fromEntries(['actor', 'action', 'targetType', 'targetId', 'from', 'to']
      .map((name) => [name, params.get(name) || '']));
    this.items = [];
    this.requests = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    return html`
      <div class="page-head">
        <h1 tabindex="-1">User actions</h1>
        <a class="button" href=${withQuery('/api/audit-events.csv', this.filters)} download>Export CSV</a>
      </div>
      <rc-audit-filters .value=${this.filters} @filters-change=${this.#filtered}></rc-audit-filters>
      ${this.problemBanner(this.error)}
      ${this.#events()}`;
  }

  #events() {
    if (!this.items.length) {
      if (this.loading) return this.waiting('user actions');
      return this.error ? '' : html`<p class="empty" role="status">No user action matches these filters.</p>`;
    }
    return html`<rc-audit-events .items=${this.items} aria-busy=${this.loading ? 'true' : 'false'}
        @filter=${(e) => this.#filtered({ detail: { ...this.filters, ...e.detail } })}></rc-audit-events>
      ${this.nextCursor ? html`<p><button @click=${() => this.#load(true)} ?disabled=${this.loading}>
        ${this.loading ? 'Loading…' : 'More'}</button></p>` : ''}`;
  }

  #filtered(event) {
    this.filters = event.detail;
    history.replaceState(null, '', withQuery('/audit', this.filters));
    this.#load();
  }

  #load(more = false) {
    return loadPage(this, '/api/audit-events', { ...this.filters, limit: 50 }, more);
  }
}

customElements.define('rc-audit-page', RcAuditPage);
