import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS = ['user.created', 'user.create_refused', 'user.updated', 'user.roles_changed', 'user.password_set',
  'user.deleted', 'users.exported', 'auth.login_succeeded', 'auth.login_failed', 'auth.login_refused', 'auth.logout',
  'auth.logout_all', 'me.password_changed', 'me.profile_updated', 'token.created', 'token.revoked', 'project.created',
  'project.updated', 'ingest_key.created', 'ingest_key.revoked', 'obfuscation_rules.replaced', 'dialog_logs.exported',
  'audit.exported'];

/** The audit log's filters, applied together with "Apply"; times are the browser's local time. */
export class RcAuditFilters extends RcElement {
  static properties = { value: { type: Object }, errors: { state: true } };

  static styles = [RcElement.styles, css`
    form { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0.5rem 1rem; align-items: end; margin-bottom: 1rem; }
    .field { margin: 0; }
    input { width: 100%; }
    .actions { padding-bottom: 0.1rem; }
  `];

  constructor() {
    super();
    this.errors = {};
  }

  render() {
    const v = this.value;
    return html`<form @submit=${this.#apply} novalidate aria-label="Filter user actions" role="search">
      ${this.#field('action', 'Action', v.action, 'text', 'e.g. user.updated', 'actions')}
      <datalist id="actions">${ACTIONS.map((action) => html`<option value=${action}></option>`)}</datalist>
      ${this.#field('targetType', 'Target type', v.targetType, 'text', 'e.g. user')}
      ${this.#field('targetId', 'Target id', v.targetId, 'text', '')}
      ${this.#field('actor', 'Actor id', v.actor, 'text', 'A user id')}
      ${this.#field('from', 'From', toLocal(v.from), 'datetime-local')}
      ${this.#field('to', 'Until', toLocal(v.to), 'datetime-local')}
      <div class="actions">
        <button class="primary" type="submit">Apply</button>
        <button type="button" @click=${this.#clear}>Clear</button>
      </div>
    </form>`;
  }

  #field(name, label, value, type, placeholder = '', list) {
    const error = this.errors[name];
    return html`<div class="field"><label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} .value=${value || ''} placeholder=${placeholder} list=${list || ''}
        autocomplete="off" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${name}-error`}>
      ${this.fieldError(name, error)}</div>`;
  }

  #apply(event) {
    event.preventDefault();
    const form = event.target;
    const read = (name) => form.elements.namedItem(name).value.trim();
    const next = { action: read('action'), targetType: read('targetType'), targetId: read('targetId'), actor: read('actor'),
      from: toInstant(read('from')), to: toInstant(read('to')) };
    this.errors = next.actor && !UUID.test(next.actor) ? { actor: 'An actor id looks like 3f2b…-…: pick one from the list below.' } : {};
    if (next.from && next.to && next.from >= next.to) this.errors = { ...this.errors, to: 'Must be after "From".' };
    if (Object.keys(this.errors).length) return;
    this.emit('filters-change', next);
  }

  #clear() {
    this.errors = {};
    this.renderRoot.querySelector('form').reset();
    this.emit('filters-change', { action: '', targetType: '', targetId: '', actor: '', from: '', to: '' });
  }
}

/** datetime-local ↔ an ISO instant with an offset, as the API takes. */
function toInstant(local) {
  return local ? new Date(local).toISOString() : '';
}

function toLocal(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

customElements.define('rc-audit-filters', RcAuditFilters);
