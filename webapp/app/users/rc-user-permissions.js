import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson } from '../core/api.js';
import { byArea, loadPermissions } from './roles-data.js';

/** A user's effective permissions, grouped by area, each with the roles that grant it. */
export class RcUserPermissions extends RcElement {
  static properties = { userId: {}, granted: { state: true }, all: { state: true }, error: { state: true } };

  static styles = [RcElement.styles, css`
    th[scope='rowgroup'] { background: var(--rc-bg); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
    td code { font-weight: 600; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    return html`<h2 id="permissions-title">Effective permissions</h2>${this.#body()}`;
  }

  #body() {
    if (this.error) return this.problemBanner(this.error);
    if (!this.granted || !this.all) return this.waiting('permissions');
    if (!this.granted.length) return html`<p class="empty">This user's roles grant no permission.</p>`;
    const grantedBy = new Map(this.granted.map((item) => [item.name, item.grantedBy]));
    const areas = byArea(this.all.filter((permission) => grantedBy.has(permission.name)));
    return html`<p class="muted">${this.granted.length} of ${this.all.length} permissions.</p>
      <div class="table-wrap"><table aria-labelledby="permissions-title">
        <thead><tr><th scope="col">Permission</th><th scope="col">What it allows</th><th scope="col">Granted by</th></tr></thead>
        ${areas.map(({ area, items }) => html`<tbody>
          <tr><th scope="rowgroup" colspan="3">${area}</th></tr>
          ${items.map((permission) => html`<tr data-permission=${permission.name}>
            <td><code>${permission.name}</code></td>
            <td>${permission.description}</td>
            <td>${grantedBy.get(permission.name).map((role) => html`<span class="chip">${role}</span>`)}</td>
          </tr>`)}
        </tbody>`)}
      </table></div>`;
  }

  async #load() {
    try {
      [this.granted, this.all] = await Promise.all([
        getJson(`/api/users/${encodeURIComponent(this.userId)}/permissions`), loadPermissions(),
      ]);
    } catch (error) {
      this.error = error;
    }
  }
}

customElements.define('rc-user-permissions', RcUserPermissions);
