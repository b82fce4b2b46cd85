import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson, request } from '../core/api.js';
import { isMissingFeature } from '../core/messages.js';
import './rc-token-form.js';
import './rc-token-list.js';

/** My API tokens for scripts: create one (its secret shown once, with a copy button), see their last use, revoke. */
export class RcTokensPage extends RcElement {
  static properties = { tokens: { state: true }, error: { state: true }, created: { state: true },
    copied: { state: true }, busy: { state: true }, done: { state: true } };

  static styles = [RcElement.styles, css`
    .secret { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .secret output { font-family: ui-monospace, monospace; padding: 0.4rem 0.6rem; background: var(--rc-field);
      border: 1px solid var(--rc-border-strong); border-radius: 6px; overflow-wrap: anywhere; user-select: all; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    return html`<h1 tabindex="-1">API tokens</h1>
      <p class="muted">A token lets a script call the API as you, with your permissions or fewer. Send it as
        <code>Authorization: Bearer …</code>.</p>
      ${this.error && isMissingFeature(this.error)
        ? html`<div class="banner warn" role="status"><p>API tokens are not available on this server yet.</p></div>`
        : this.#content()}`;
  }

  #content() {
    return html`${this.#created()}
      ${this.problemBanner(this.error)}${this.okBanner(this.done)}
      <rc-token-form @token-created=${this.#tokenCreated}></rc-token-form>
      <h2>Your tokens</h2>
      ${this.tokens ? html`<rc-token-list .tokens=${this.tokens} .busy=${this.busy} @revoke=${this.#revoke}></rc-token-list>`
        : this.error ? '' : this.waiting('your tokens')}`;
  }

  #created() {
    if (!this.created) return '';
    return html`<div class="banner ok" role="status">
      <p><strong>Token "${this.created.name}" created.</strong> Copy it now: it is shown only this once.</p>
      <div class="secret">
        <output id="secret" aria-label="The new token">${this.created.secret}</output>
        <button @click=${this.#copy}>${this.copied ? 'Copied' : 'Copy'}</button>
      </div>
    </div>`;
  }

  async #copy() {
    try {
      await navigator.clipboard.writeText(this.created.secret);
      this.copied = true;
    } catch {
      const range = document.createRange();
      range.selectNodeContents(this.renderRoot.querySelector('#secret'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }
  }

  #tokenCreated(event) {
    this.created = event.detail;
    this.copied = false;
    this.done = null;
    this.#load();
  }

  async #load() {
    try {
      this.tokens = await getJson('/api/me/tokens');
    } catch (error) {
      this.error = error;
    }
  }

  async #revoke(event) {
    const token = event.detail;
    this.busy = token.id;
    this.error = null;
    try {
      await request('DELETE', `/api/me/tokens/${encodeURIComponent(token.id)}`);
      this.done = `The token "${token.name}" was revoked.`;
      if (this.created?.id === token.id) this.created = null;
      await this.#load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('rc-tokens-page', RcTokensPage);
