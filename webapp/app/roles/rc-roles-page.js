import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { byArea, loadPermissions, loadRoles } from '../users/roles-data.js';
import './rc-roles-grid.js';

/** The whole role × permission matrix: searchable, a role's column highlightable, each role described. */
export class RcRolesPage extends RcElement {
  static properties = { roles: { state: true }, permissions: { state: true }, search: { state: true },
    highlighted: { state: true }, error: { state: true } };

  static styles = [RcElement.styles, css`
    .toolbar .field { flex: 0 1 22rem; margin: 0; }
    .toolbar input { width: 100%; }
    .roles-legend { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 0.35rem 1.5rem; padding: 0; list-style: none; }
    .roles-legend li { font-size: 0.9rem; }
    .roles-legend .chip { margin-right: 0.4rem; }
  `];

  constructor() {
    super();
    this.search = '';
    this.highlighted = null;
  }

  connectedCallback() {
    super.connectedCallback();
    Promise.all([loadRoles(), loadPermissions()])
      .then(([roles, permissions]) => { this.roles = roles; this.permissions = permissions; })
      .catch((error) => { this.error = error; });
  }

  render() {
    return html`<h1 tabindex="-1">Roles</h1>
      <p class="muted">What each role allows. A user holds one or more roles and may do what any of them allows.</p>
      ${this.error ? this.problemBanner(this.error) : !this.roles ? this.waiting('the matrix') : this.#matrix()}`;
  }

  #matrix() {
    const shown = this.#filtered();
    const highlighted = this.roles.find((role) => role.name === this.highlighted);
    return html`
      <div class="toolbar">
        <div class="field">
          <label for="search">Search permissions</label>
          <input id="search" type="search" .value=${this.search} placeholder="Name, description or area" autocomplete="off"
            @input=${(e) => { this.search = e.target.value; }}>
        </div>
        <p class="muted" role="status">${shown.length} of ${this.permissions.length} permissions shown.
          ${highlighted ? html`Highlighted: <strong>${highlighted.name}</strong>, ${highlighted.permissions.length} permissions.` : ''}</p>
      </div>
      <rc-roles-grid .roles=${this.roles} .areas=${byArea(shown)} .highlighted=${this.highlighted}
        @highlight=${(e) => { this.highlighted = this.highlighted === e.detail ? null : e.detail; }}></rc-roles-grid>
      <h2>The roles</h2>
      <ul class="roles-legend">${this.roles.map((role) => html`<li><span class="chip">${role.name}</span>
        ${role.description}</li>`)}</ul>`;
  }

  #filtered() {
    const words = this.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return this.permissions;
    return this.permissions.filter((permission) => {
      const text = `${permission.name} ${permission.name.replaceAll('_', ' ')} ${permission.description} ${permission.area}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }
}

customElements.define('rc-roles-page', RcRolesPage);
