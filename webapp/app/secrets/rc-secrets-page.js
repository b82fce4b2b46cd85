import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { loadPage, request, send } from '../core/api.js';
import { session } from '../core/session.js';
import { dateTime } from '../core/messages.js';

/**
 * A project's secrets: names and who set them; a value only on an explicit Reveal (audited by the server),
 * shown in a monospace field until hidden again. Add, replace and delete follow the caller's operations.
 */
export class RcSecretsPage extends RcElement {
  static properties = { projectId: {}, items: { state: true }, nextCursor: { state: true }, loading: { state: true },
    error: { state: true }, revealed: { state: true }, replacing: { state: true }, busy: { state: true },
    done: { state: true }, problem: { state: true } };

  static styles = [RcElement.styles, css`
    ul.secrets { list-style: none; padding: 0; }
    ul.secrets li { border-bottom: 1px solid var(--rc-border); padding: 0.5rem 0; }
    .name { font-family: ui-monospace, monospace; font-weight: bold; overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.25rem; }
    output.value { display: block; font-family: ui-monospace, monospace; padding: 0.4rem 0.6rem; background: var(--rc-field);
      border: 1px solid var(--rc-border-strong); border-radius: 6px; overflow-wrap: anywhere; user-select: all; margin-top: 0.25rem; }
    form.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    input { max-width: 100%; }
  `];

  constructor() {
    super();
    this.items = [];
    this.requests = 0;
    this.revealed = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load(false);
  }

  get #path() {
    return `/api/projects/${encodeURIComponent(this.projectId)}/secrets`;
  }

  render() {
    return html`<h1 tabindex="-1">Project secrets</h1>
      <p class="muted">Values are encrypted at rest. Revealing one is recorded in the user actions.</p>
      ${this.problemBanner(this.error || this.problem)}${this.okBanner(this.done)}
      ${session.can('createProjectSecret') ? this.#addForm() : ''}
      <h2>Secrets</h2>
      ${this.loading && !this.items.length ? this.waiting('the secrets') : this.#list()}
      ${this.nextCursor ? html`<p><button @click=${() => this.#load(true)}>More</button></p>` : ''}`;
  }

  #addForm() {
    return html`<form class="card inline" @submit=${this.#add} aria-label="New secret">
      <div class="field"><label for="new-name">Name</label><input id="new-name" name="name" required maxlength="100"
        autocomplete="off"></div>
      <div class="field"><label for="new-value">Value</label><input id="new-value" name="value" type="password" required
        maxlength="10000" autocomplete="off"></div>
      <button class="primary" type="submit" ?disabled=${this.busy}>Add secret</button>
    </form>`;
  }

  #list() {
    if (!this.items.length) return html`<p class="muted">No secrets yet.</p>`;
    return html`<ul class="secrets">${this.items.map((secret) => html`<li data-secret=${secret.name}>
      <div class="name">${secret.name}</div>
      <div class="muted">Set ${dateTime(secret.updatedAt)} by ${secret.updatedBy}</div>
      ${secret.id in this.revealed ? html`<output class="value" aria-label=${`Value of ${secret.name}`}>${this.revealed[secret.id]}</output>` : ''}
      <div class="actions">
        ${session.can('revealProjectSecret') ? (secret.id in this.revealed
          ? html`<button class="hide" @click=${() => this.#hide(secret)}>Hide</button>`
          : html`<button class="reveal" @click=${() => this.#reveal(secret)} ?disabled=${this.busy}>Reveal</button>`) : ''}
        ${session.can('updateProjectSecret') ? html`<button class="replace" @click=${() => { this.replacing = secret.id; }}>Replace</button>` : ''}
        ${session.can('deleteProjectSecret') ? html`<button class="danger delete" @click=${() => this.#delete(secret)} ?disabled=${this.busy}>Delete</button>` : ''}
      </div>
      ${this.replacing === secret.id ? html`<form class="inline" @submit=${(e) => this.#replace(e, secret)}>
        <div class="field"><label for="replace-value">New value</label><input id="replace-value" name="value" type="password" required
          maxlength="10000" autocomplete="off"></div>
        <button class="primary" type="submit">Save</button>
        <button type="button" @click=${() => { this.replacing = null; }}>Cancel</button></form>` : ''}
    </li>`)}</ul>`;
  }

  #load(more) {
    return loadPage(this, this.#path, { limit: 50 }, more);
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

  #add(event) {
    event.preventDefault();
    const form = event.target;
    const name = form.elements.namedItem('name').value.trim();
    const value = form.elements.namedItem('value').value;
    return this.#act(async () => {
      await send('POST', this.#path, { name, value });
      form.reset();
      await this.#load(false);
    }, `The secret ${name} was added.`);
  }

  #reveal(secret) {
    return this.#act(async () => {
      const answer = await send('POST', `${this.#path}/${encodeURIComponent(secret.id)}/reveal`);
      this.revealed = { ...this.revealed, [secret.id]: answer.value };
    }, null);
  }

  #hide(secret) {
    const { [secret.id]: _, ...rest } = this.revealed;
    this.revealed = rest;
  }

  #replace(event, secret) {
    event.preventDefault();
    const value = event.target.elements.namedItem('value').value;
    return this.#act(async () => {
      await send('PUT', `${this.#path}/${encodeURIComponent(secret.id)}`, { value });
      this.replacing = null;
      this.#hide(secret);
      await this.#load(false);
    }, `The value of ${secret.name} was replaced.`);
  }

  #delete(secret) {
    if (!confirm(`Delete the secret ${secret.name}?`)) return null;
    return this.#act(async () => {
      await request('DELETE', `${this.#path}/${encodeURIComponent(secret.id)}`);
      this.#hide(secret);
      await this.#load(false);
    }, `The secret ${secret.name} was deleted.`);
  }
}

customElements.define('rc-secrets-page', RcSecretsPage);
