import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';

/** The matrix as a table: a row per permission grouped by area, a column per role; a role header toggles its highlight. */
export class RcRolesGrid extends RcElement {
  static properties = { roles: { type: Array }, areas: { type: Array }, highlighted: {} };

  static styles = [RcElement.styles, css`
    .table-wrap { max-height: 75vh; }
    table { font-size: 0.85rem; }
    thead th { position: sticky; top: 0; z-index: 2; background: var(--rc-surface); vertical-align: bottom; padding: 0.3rem; }
    thead button { all: unset; cursor: pointer; writing-mode: vertical-rl; transform: rotate(180deg); padding: 0.4rem 0.2rem;
      font-weight: 700; border-radius: 4px; white-space: nowrap; }
    thead button:focus-visible { outline: 3px solid var(--rc-focus); }
    thead button[aria-pressed='true'] { background: var(--rc-highlight); }
    th[scope='row'] { position: sticky; left: 0; z-index: 1; background: var(--rc-surface); min-width: 15rem; max-width: 22rem; font-weight: normal; }
    th[scope='row'] code { font-weight: 700; display: block; }
    .desc { color: var(--rc-muted); }
    .area th { background: var(--rc-bg); text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.75rem; position: sticky; left: 0; }
    td { text-align: center; vertical-align: middle; padding: 0.3rem; min-width: 2.2rem; border-left: 1px solid var(--rc-border); }
    td.granted { color: var(--rc-ok); font-weight: 800; font-size: 1rem; background: color-mix(in srgb, var(--rc-ok) 10%, transparent); }
    td.hl, th.hl { background: var(--rc-highlight); }
    td.none { color: var(--rc-border-strong); }
    @media (max-width: 40rem) { th[scope='row'] { min-width: 10rem; } .desc { display: none; } }
  `];

  render() {
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Role and permission matrix">
      <table data-matrix>
        <caption class="sr-only">Permissions (rows) granted by each role (columns)</caption>
        <thead><tr>
          <th scope="col">Permission</th>
          ${this.roles.map((role) => html`<th scope="col" class=${this.#hl(role.name)} data-role=${role.name}>
            <button aria-pressed=${this.highlighted === role.name ? 'true' : 'false'} title=${role.description}
              @click=${() => this.emit('highlight', role.name)}>${role.name}</button></th>`)}
        </tr></thead>
        ${this.areas.map((group) => this.#area(group))}
      </table>
    </div>
    ${this.areas.length ? '' : html`<p class="empty">No permission matches the search.</p>`}`;
  }

  #area({ area, items }) {
    return html`<tbody data-area=${area}>
      <tr class="area"><th scope="rowgroup" colspan=${this.roles.length + 1}>${area}</th></tr>
      ${items.map((permission) => html`<tr data-permission=${permission.name}>
        <th scope="row"><code>${permission.name}</code><span class="desc">${permission.description}</span></th>
        ${this.roles.map((role) => this.#cell(role, permission))}
      </tr>`)}
    </tbody>`;
  }

  #cell(role, permission) {
    const granted = role.permissions.includes(permission.name);
    return html`<td class="${granted ? 'granted' : 'none'} ${this.#hl(role.name)}" data-role=${role.name}
      data-granted=${granted ? 'true' : 'false'}>${granted
        ? html`<span aria-hidden="true">✓</span><span class="sr-only">${role.name} grants ${permission.name}</span>`
        : html`<span aria-hidden="true">·</span><span class="sr-only">${role.name} does not grant it</span>`}</td>`;
  }

  #hl(name) {
    return this.highlighted === name ? 'hl' : '';
  }
}

customElements.define('rc-roles-grid', RcRolesGrid);
