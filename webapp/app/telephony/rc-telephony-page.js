import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { loadPage, request, send } from '../core/api.js';
import { session } from '../core/session.js';

const TRANSPORTS = ['udp', 'tcp', 'tls'];

/**
 * The account's SIP trunks. The password is write-only: the screen shows whether one is set, and editing
 * replaces it only when a new one is typed.
 */
export class RcTelephonyPage extends RcElement {
  static properties = { items: { state: true }, nextCursor: { state: true }, loading: { state: true },
    error: { state: true }, editing: { state: true }, busy: { state: true }, done: { state: true }, problem: { state: true } };

  static styles = [RcElement.styles, css`
    ul.trunks { list-style: none; padding: 0; }
    ul.trunks li { border-bottom: 1px solid var(--rc-border); padding: 0.5rem 0; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1rem; }
    input, select { width: 100%; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .mono { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  `];

  constructor() {
    super();
    this.items = [];
    this.requests = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load(false);
  }

  render() {
    const canEdit = session.can('updateSipTrunk');
    return html`<h1 tabindex="-1">Telephony</h1>
      <p class="muted">The account's SIP trunks, which the dialer's campaigns use.</p>
      ${this.problemBanner(this.error || this.problem)}${this.okBanner(this.done)}
      ${session.can('createSipTrunk') && !this.editing ? this.#form(null) : ''}
      <h2>SIP trunks</h2>
      ${this.loading && !this.items.length ? this.waiting('the trunks') : ''}
      ${!this.loading && !this.items.length ? html`<p class="muted">No trunks yet.</p>` : ''}
      <ul class="trunks">${this.items.map((trunk) => html`<li data-trunk=${trunk.name}>
        ${this.editing === trunk.id ? this.#form(trunk) : html`
          <strong>${trunk.name}</strong>
          <div class="mono">${trunk.transport}://${trunk.host}:${trunk.port}${trunk.login ? ` as ${trunk.login}` : ''}</div>
          <div class="muted">Password ${trunk.passwordSet ? 'set' : 'not set'}; caller ids:
            <span class="mono">${trunk.callerIds.length ? trunk.callerIds.join(', ') : 'none'}</span></div>
          <div class="actions">
            ${canEdit ? html`<button @click=${() => { this.editing = trunk.id; }}>Edit</button>` : ''}
            ${session.can('deleteSipTrunk') ? html`<button class="danger" @click=${() => this.#delete(trunk)} ?disabled=${this.busy}>Delete</button>` : ''}
          </div>`}
      </li>`)}</ul>
      ${this.nextCursor ? html`<p><button @click=${() => this.#load(true)}>More</button></p>` : ''}`;
  }

  #form(trunk) {
    const id = trunk ? 'edit' : 'new';
    const field = (name, label, value, attrs = {}) => html`<div class="field"><label for=${`${id}-${name}`}>${label}</label>
      <input id=${`${id}-${name}`} name=${name} .value=${value ?? ''} type=${attrs.type || 'text'} ?required=${attrs.required}
        inputmode=${attrs.inputmode || 'text'} autocomplete="off"></div>`;
    return html`<form class="card" @submit=${(e) => this.#save(e, trunk)} aria-label=${trunk ? `Edit ${trunk.name}` : 'New SIP trunk'}>
      <h2>${trunk ? `Edit ${trunk.name}` : 'New SIP trunk'}</h2>
      <div class="row">
        ${field('name', 'Name', trunk?.name, { required: true })}
        ${field('host', 'Host', trunk?.host, { required: true })}
        ${field('port', 'Port', trunk?.port ?? 5060, { required: true, inputmode: 'numeric' })}
        <div class="field"><label for=${`${id}-transport`}>Transport</label><select id=${`${id}-transport`} name="transport">
          ${TRANSPORTS.map((t) => html`<option value=${t} ?selected=${(trunk?.transport || 'udp') === t}>${t}</option>`)}</select></div>
        ${field('login', 'Login', trunk?.login)}
        ${field('password', trunk?.passwordSet ? 'New password (empty keeps it)' : 'Password', '', { type: 'password' })}
        ${field('callerIds', 'Caller ids (E.164, comma separated)', trunk?.callerIds?.join(', '))}
      </div>
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${trunk ? 'Save' : 'Add trunk'}</button>
        ${trunk ? html`<button type="button" @click=${() => { this.editing = null; }}>Cancel</button>` : ''}</div>
    </form>`;
  }

  #load(more) {
    return loadPage(this, '/api/telephony/trunks', { limit: 50 }, more);
  }

  async #act(work, message) {
    this.busy = true;
    this.problem = null;
    this.done = null;
    try {
      await work();
      this.done = message;
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = false;
    }
  }

  #save(event, trunk) {
    event.preventDefault();
    const form = event.target.elements;
    const value = (name) => form.namedItem(name).value.trim();
    const body = { name: value('name'), host: value('host'), port: Number(value('port')), transport: value('transport'),
      login: value('login') || null,
      callerIds: value('callerIds') ? value('callerIds').split(',').map((n) => n.trim()).filter(Boolean) : [] };
    if (form.namedItem('password').value) body.password = form.namedItem('password').value;
    return this.#act(async () => {
      if (trunk) await send('PATCH', `/api/telephony/trunks/${encodeURIComponent(trunk.id)}`, body);
      else await send('POST', '/api/telephony/trunks', body);
      this.editing = null;
      event.target.reset();
      await this.#load(false);
    }, `The trunk ${body.name} was saved.`);
  }

  #delete(trunk) {
    if (!confirm(`Delete the trunk ${trunk.name}?`)) return null;
    return this.#act(async () => {
      await request('DELETE', `/api/telephony/trunks/${encodeURIComponent(trunk.id)}`);
      await this.#load(false);
    }, `The trunk ${trunk.name} was deleted.`);
  }
}

customElements.define('rc-telephony-page', RcTelephonyPage);
