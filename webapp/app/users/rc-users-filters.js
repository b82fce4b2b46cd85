import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { loadRoles } from './roles-data.js';

/** Search by name and by login, the "Active users only" switch, and the role filter; reports changes as filters-change. */
export class RcUsersFilters extends RcElement {
  static properties = { value: { type: Object }, roles: { state: true } };

  static styles = [RcElement.styles, css`
    .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem 1rem; align-items: end; margin-bottom: 1rem; }
    .field { margin: 0; }
    input[type='search'] { width: 100%; }
    details { position: relative; }
    summary { cursor: pointer; min-height: 2.5rem; display: flex; align-items: center; padding: 0.35rem 0.6rem;
      border: 1px solid var(--rc-border-strong); border-radius: 6px; background: var(--rc-field); list-style: none; }
    summary::after { content: '▾'; margin-left: auto; padding-left: 0.5rem; }
    .menu { position: absolute; z-index: 5; top: calc(100% + 0.25rem); left: 0; min-width: 100%; max-height: 22rem; overflow: auto;
      background: var(--rc-surface); border: 1px solid var(--rc-border-strong); border-radius: 8px; padding: 0.5rem; margin: 0; }
    .menu label { display: flex; gap: 0.5rem; align-items: center; padding: 0.2rem 0.25rem; font-weight: normal; white-space: nowrap; }
    .switch-cell { min-height: 2.5rem; display: flex; align-items: center; }
  `];

  constructor() {
    super();
    this.roles = [];
    this.timer = null;
    this.pending = {};
  }

  connectedCallback() {
    super.connectedCallback();
    loadRoles().then((roles) => { this.roles = roles; }).catch(() => {});
  }

  render() {
    const value = this.value;
    return html`<div class="filters" role="search" aria-label="Filter users">
      <div class="field">
        <label for="name">Name</label>
        <input id="name" type="search" .value=${value.name} placeholder="First or last name" autocomplete="off"
          @input=${(e) => this.#typed({ name: e.target.value })}>
      </div>
      <div class="field">
        <label for="login">Login</label>
        <input id="login" type="search" .value=${value.login} placeholder="Part of the login" autocomplete="off"
          @input=${(e) => this.#typed({ login: e.target.value })}>
      </div>
      <div class="field">${this.#roleFilter()}</div>
      <div class="switch-cell">
        <label class="switch"><input id="active-only" type="checkbox" role="switch" .checked=${value.activeOnly}
          @change=${(e) => this.#changed({ activeOnly: e.target.checked })}> Active users only</label>
      </div>
    </div>`;
  }

  #roleFilter() {
    const chosen = this.value.roles;
    return html`<strong aria-hidden="true">Roles</strong>
      <details @keydown=${this.#closeOnEscape}>
        <summary id="roles"><span class="sr-only">Role filter: </span>${chosen.length ? chosen.join(', ') : 'Any role'}</summary>
        <fieldset class="menu"><legend class="sr-only">Users holding any of these roles</legend>
          ${this.roles.map((role) => html`<label>
            <input type="checkbox" name="role" value=${role.name} .checked=${chosen.includes(role.name)}
              @change=${this.#roleToggled}> ${role.name}</label>`)}
        </fieldset>
      </details>`;
  }

  #roleToggled() {
    const boxes = [...this.renderRoot.querySelectorAll('input[name=role]')];
    this.#changed({ roles: boxes.filter((box) => box.checked).map((box) => box.value) });
  }

  #closeOnEscape(event) {
    if (event.key !== 'Escape') return;
    const details = event.currentTarget;
    details.open = false;
    details.querySelector('summary').focus();
  }

  /** Typing waits for a pause, so that each keystroke does not cost a request. */
  #typed(change) {
    this.pending = { ...this.pending, ...change };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const pending = this.pending;
      this.pending = {};
      this.#changed(pending);
    }, 300);
  }

  #changed(change) {
    this.emit('filters-change', change);
  }
}

customElements.define('rc-users-filters', RcUsersFilters);
