import { html } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson, request } from '../core/api.js';
import { isMissingFeature } from '../core/messages.js';
import '../tokens/rc-token-list.js';

/** An administrator's view of a user's API tokens, with revoke. Says so plainly where the server has no tokens yet. */
export class RcUserTokens extends RcElement {
  static properties = { userId: {}, tokens: { state: true }, error: { state: true }, busy: { state: true }, done: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    return html`<h2>API tokens</h2>${this.#body()}`;
  }

  #body() {
    if (this.error && isMissingFeature(this.error)) return html`<p class="muted">API tokens are not available on this server yet.</p>`;
    if (this.error && !this.tokens) return this.problemBanner(this.error);
    if (!this.tokens) return this.waiting('tokens');
    return html`${this.error ? this.problemBanner(this.error) : this.okBanner(this.done)}
      <rc-token-list .tokens=${this.tokens} .busy=${this.busy} @revoke=${this.#revoke}></rc-token-list>`;
  }

  async #load() {
    try {
      this.tokens = await getJson(`/api/users/${encodeURIComponent(this.userId)}/tokens`);
    } catch (error) {
      this.error = error;
    }
  }

  async #revoke(event) {
    const token = event.detail;
    this.busy = token.id;
    this.error = null;
    try {
      await request('DELETE', `/api/users/${encodeURIComponent(this.userId)}/tokens/${encodeURIComponent(token.id)}`);
      this.done = `The token "${token.name}" was revoked.`;
      await this.#load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
    }
  }
}

customElements.define('rc-user-tokens', RcUserTokens);
