import { html } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { dateTime } from '../core/messages.js';

/** API tokens as a table (never their secrets), each with a revoke button that reports revoke. */
export class RcTokenList extends RcElement {
  static properties = { tokens: { type: Array }, busy: {} };

  render() {
    if (!this.tokens.length) return html`<p class="empty">No API tokens.</p>`;
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Permissions</th>
        <th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span class="sr-only">Actions</span></th>
      </tr></thead>
      <tbody>${this.tokens.map((token) => this.#row(token))}</tbody>
    </table></div>`;
  }

  #row(token) {
    const expired = new Date(token.expiresAt) < new Date();
    return html`<tr data-token-id=${token.id}>
      <td>${token.name}</td>
      <td><code>${token.prefix}…</code></td>
      <td>${token.permissions ? token.permissions.map((name) => html`<span class="chip">${name}</span>`) : html`<span class="muted">All of the owner's</span>`}</td>
      <td>${dateTime(token.createdAt)}</td>
      <td>${dateTime(token.expiresAt)}${expired ? html` <span class="badge inactive">Expired</span>` : ''}</td>
      <td>${token.lastUsedAt ? dateTime(token.lastUsedAt) : 'Never'}</td>
      <td><button class="danger" ?disabled=${this.busy === token.id} aria-label=${`Revoke ${token.name}`}
        @click=${() => this.#revoke(token)}>Revoke</button></td>
    </tr>`;
  }

  #revoke(token) {
    if (window.confirm(`Revoke the token "${token.name}"? Scripts using it stop working at once.`)) this.emit('revoke', token);
  }
}

customElements.define('rc-token-list', RcTokenList);
